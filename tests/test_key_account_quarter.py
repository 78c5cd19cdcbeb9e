"""A key-account department's third quarter of 2026 replayed through the CLI with --now (004):
invoices issued, paid on time, late, one written off; chases and reconciliations appearing in `due`
and clearing; the aging report and the monthly 欠费率 / 托收率 recomputed here by hand.

华丰建材 is an A1 key account owned by wang (manager); 李四商行 is B1, owned by liuyang, who
reports to lina. The shipped template's rules: reminder 3 days ahead, chase every 7 days,
escalation after 30 days, monthly 对账, targets 欠费率 <= 0.5 %, 托收率 >= 70 %.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import pytest


def at(day: str, time: str = "10:00") -> str:
    return f"2026-{day}T{time}:00+08:00"


def percent(part: str, whole: str) -> float:
    return float((Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.01"), ROUND_HALF_UP))


@pytest.fixture
def quarter(crm):
    crm.ok(
        "customer",
        "add",
        "华丰建材",
        "--grade",
        "A1",
        "--owner",
        "wang",
        user="wang",
        now=at("06-20"),
    )
    crm.ok(
        "customer",
        "add",
        "李四商行",
        "--grade",
        "B1",
        "--owner",
        "liuyang",
        user="lina",
        now=at("06-20"),
    )

    def bill(customer, number, amount, issued, due, user="wang"):
        args = ("receivable", "add", customer, number, amount, "--issued", f"2026-{issued}")
        return crm.ok(*args, "--due", f"2026-{due}", user=user, now=at(issued)).strip()

    ids = {
        "H-1": bill("华丰建材", "H-1", "10000", "07-01", "07-20"),
        "H-2": bill("华丰建材", "H-2", "6000", "07-01", "07-26"),
        "L-1": bill("李四商行", "L-1", "3000", "07-05", "07-23", user="liuyang"),
    }
    return crm, ids


def collection(crm, now, within="14d"):
    rows = crm.json(
        "due", "--kind", "receivable", "--kind", "reconciliation", "--within", within, now=now
    )
    return {(row["rule"], row["owner"], row["id"]): row["due"] for row in rows}


def test_a_quarter_of_collection(quarter):
    crm, ids = quarter
    h1, h2, l1 = ids["H-1"], ids["H-2"], ids["L-1"]
    huafeng = crm.json("customer", "show", "华丰建材")["id"]

    # 17 Jul: H-1 (due 20 Jul) and H-2 (due 26 Jul) are reminded 3 days ahead; 对账 falls due at the
    # end of July, the month of the oldest open invoice.
    assert collection(crm, at("07-17")) == {
        ("receivable_reminder", "wang", h1): "2026-07-17",
        ("receivable_reminder", "wang", h2): "2026-07-23",
        ("receivable_reminder", "liuyang", l1): "2026-07-20",
        ("reconciliation", "wang", huafeng): "2026-07-31",
    }
    crm.ok("receivable", "pay", h1, "10000", user="wang", now=at("07-19"))  # on time
    crm.ok("receivable", "pay", h2, "2000", user="wang", now=at("07-26"))  # part, on the due day

    # 27 Jul: H-2 and L-1 are late: chased from the day after their due dates.
    assert collection(crm, at("07-27")) == {
        ("receivable_chase", "wang", h2): "2026-07-27",
        ("receivable_chase", "liuyang", l1): "2026-07-24",
        ("reconciliation", "wang", huafeng): "2026-07-31",
    }
    visit = ("visit", "log", "华丰建材", "--channel", "onsite", "--reached")
    crm.ok(
        *visit,
        "--purpose",
        "collection",
        "--summary",
        "财务答应11月9日前付清",
        "--promised",
        "2026-08-09",
        user="wang",
        now=at("07-28"),
    )
    crm.ok(
        *visit,
        "--purpose",
        "reconciliation",
        "--summary",
        "10月对账无误, 余额4000",
        user="wang",
        now=at("07-30"),
    )
    after_visits = collection(crm, at("07-30"))
    assert (
        after_visits[("receivable_chase", "wang", h2)] == "2026-08-10"
    )  # the day after the promise
    assert ("reconciliation", "wang", huafeng) not in after_visits  # done for July
    later = collection(crm, at("07-30"), within="45d")
    assert later[("reconciliation", "wang", huafeng)] == "2026-08-31"  # August's

    crm.ok("receivable", "pay", h2, "4000", user="wang", now=at("08-09"))  # late, as promised
    h3 = crm.ok(
        "receivable",
        "add",
        "华丰建材",
        "H-3",
        "8000",
        "--issued",
        "2026-08-02",
        "--due",
        "2026-08-30",
        user="wang",
        now=at("08-02"),
    ).strip()

    # 25 Aug: L-1 is 33 days late and escalated; H-3 is reminded. Aging recomputed by hand.
    late = collection(crm, at("08-25"))
    assert late[("receivable_escalation", "lina", l1)] == "2026-08-22"  # 23 Jul + 30 days
    assert ("receivable_chase", "wang", h2) not in late
    aging = crm.json("report", "aging", now=at("08-25"))["sections"]
    assert [
        (r["customer_name"], r["current"], r["31-60"], r["total"])
        for r in aging["aging_by_customer"]
    ] == [
        ("华丰建材", "8000.00", "0.00", "8000.00"),
        ("李四商行", "0.00", "3000.00", "3000.00"),
    ]
    assert {r["owner"]: r["total"] for r in aging["aging_by_owner"]} == {
        "wang": "8000.00",
        "liuyang": "3000.00",
    }
    assert (
        crm.ok("receivable", "list", "--aging", "31-60", "-f", "ids", now=at("08-25")) == f"{l1}\n"
    )

    crm.ok("receivable", "pay", h3, "8000", user="wang", now=at("09-04"))  # four days late
    crm.ok(
        "receivable",
        "write-off",
        l1,
        "--reason",
        "客户注销, 无法收回",
        user="lina",
        now=at("09-15"),
    )
    h4 = crm.ok(
        "receivable",
        "add",
        "华丰建材",
        "H-4",
        "5000.50",
        "--issued",
        "2026-09-01",
        "--due",
        "2026-09-30",
        user="wang",
        now=at("09-01"),
    ).strip()
    crm.ok("receivable", "pay", h4, "5000.50", user="wang", now=at("09-28"))
    assert collection(crm, at("09-29")) == {}  # nothing left to chase or reconcile
    assert [r["status"] for r in crm.json("receivable", "list", now=at("09-29"))] == [
        "paid",
        "written_off",
        "paid",
        "paid",
        "paid",
    ]

    # The months' figures, printed after the quarter: each as it stood at its month's end.
    def figures(month):
        report = crm.json(
            "report",
            "monthly",
            "--month",
            month,
            "--section",
            "collection",
            now="2026-10-05T09:00:00+08:00",
        )
        return {
            row["figure"]: (row["amount"], row["met"]) for row in report["sections"]["collection"]
        }

    # July: key-account invoices due H-1 10000 + H-2 6000; at 1 Aug H-2 owed 4000 (paid 9 Aug);
    # paid by their due dates 10000 + 2000. L-1 is not a key account's: collected only.
    july = figures("2026-07")
    assert july["collected"] == ("12000.00", None)
    assert july["billed_due"][0] == "16000.00" and july["overdue_balance"][0] == "4000.00"
    assert july["overdue_rate"] == (percent("4000", "16000"), False)  # 25.00 % > 0.5 %
    assert july["collection_rate"] == (percent("12000", "16000"), True)  # 75.00 % >= 70 %
    august = figures("2026-08")  # H-3 8000 due 30 Aug, paid 4 Sep
    assert august["collected"][0] == "4000.00"
    assert (august["overdue_rate"], august["collection_rate"]) == ((100.0, False), (0.0, False))
    september = figures("2026-09")  # H-4 due 30 Sep, paid 28 Sep; collected H-3 + H-4
    assert september["collected"][0] == str(Decimal("8000") + Decimal("5000.50"))
    assert (september["overdue_rate"], september["collection_rate"]) == ((0.0, True), (100.0, True))
    assert crm("check").exit_code == 0


def test_a_half_done_service_plan_of_the_quarter(quarter):
    crm, _ = quarter
    plan = crm.ok(
        "plan",
        "add",
        "2026Q3 大客户服务计划",
        "--kind",
        "service",
        "--from",
        "2026-07-01",
        "--to",
        "2026-09-30",
        "--account",
        "华丰建材",
        user="wang",
        now=at("06-25"),
    ).strip()
    for customer, kind, target, *more in (
        ("华丰建材", "visit", "07-31", "--purpose", "reconciliation"),
        ("华丰建材", "visit", "08-31", "--purpose", "reconciliation"),
        ("华丰建材", "review", "09-20", "--owner", "lina"),
        ("李四商行", "call", "08-15"),
    ):
        crm.ok(
            "plan",
            "action",
            plan,
            customer,
            "--type",
            kind,
            "--target",
            f"2026-{target}",
            *more,
            user="wang",
            now=at("06-25"),
        )
    visit = ("visit", "log", "华丰建材", "--channel", "onsite", "--reached")
    crm.ok(
        *visit, "--purpose", "reconciliation", "--summary", "7月对账", user="wang", now=at("07-30")
    )
    due = crm.json("due", "--kind", "plan_action", now=at("08-20"))
    assert [(row["owner"], row["due"]) for row in due] == [
        ("liuyang", "2026-08-15"),
        ("wang", "2026-08-31"),
    ]
    review = crm.json("plan", "show", plan)["actions"][2]["id"]
    crm.ok("plan", "done", plan, review, "--note", "季度服务回顾", user="lina", now=at("09-18"))

    report = crm.json("report", "plan", plan, now=at("09-30"))["sections"]
    assert [
        (r["customer_name"], r["planned"], r["done"], r["overdue"], r["done_rate"])
        for r in report["plan_by_account"]
    ] == [
        ("华丰建材", 3, 2, 1, 66.7),
        ("李四商行", 1, 0, 1, 0.0),
        ("total", 4, 2, 2, 50.0),
    ]
    assert {r["owner"]: r["done_rate"] for r in report["plan_by_owner"]} == {
        "lina": 100.0,
        "liuyang": 0.0,
        "wang": 50.0,
        "total": 50.0,
    }
