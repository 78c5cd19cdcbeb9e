"""`crmctl receivable reverse`: a payment or a write-off taken back, on record, in every sum."""

from __future__ import annotations

import yaml

from tests.conftest import Crm
from tests.gitrepos import record_path

BILLED = "2026-10-01T10:00:00+08:00"
NOW = "2026-11-23T09:30:00+08:00"


def billed(crm: Crm, number: str = "INV-1", amount: str = "1000", due: str = "2026-10-31") -> str:
    """An invoice of 华丰建材 (A1, owner liuyang, a specialist) issued 2026-10-01."""
    if crm("customer", "show", "华丰建材").exit_code:
        crm.ok("customer", "add", "华丰建材", "--grade", "A1", "--owner", "liuyang", now=BILLED)
    return crm.ok(
        "receivable", "add", "华丰建材", number, amount, "--due", due, user="liuyang", now=BILLED
    ).strip()


def paid_in_two(crm: Crm) -> str:
    receivable = billed(crm)
    for amount, day in (("400", "2026-10-20"), ("600", "2026-10-28")):
        crm.ok("receivable", "pay", receivable, amount, user="liuyang", now=f"{day}T16:00:00+08:00")
    return receivable


def test_a_reversed_payment_stays_on_record_and_the_status_steps_back(crm):
    receivable = paid_in_two(crm)
    assert crm.json("receivable", "show", receivable)["status"] == "paid"

    second = crm("receivable", "reverse", receivable, "2", "--reason", "银行退票", user="liuyang")

    assert second.exit_code == 0, second.stderr
    assert second.stdout == f"{receivable}\n"
    assert second.stderr == (
        f"took back payment {crm.json('receivable', 'show', receivable)['payments'][1]['id']} "
        f"(600.00) of {receivable} INV-1 华丰建材 · partly_paid · balance 600.00 CNY\n"
    )
    shown = crm.json("receivable", "show", receivable)
    assert (shown["paid"], shown["balance"], shown["status"]) == ("400.00", "600.00", "partly_paid")
    assert [p["amount"] for p in shown["payments"]] == ["400.00", "600.00"]  # nothing removed
    assert shown["payments"][1]["reversed"] == {
        "date": "2026-11-23",
        "by": "liuyang",
        "reason": "银行退票",
    }
    assert [e["action"] for e in shown["history"]] == ["bill", "pay", "pay", "reverse"]
    assert shown["history"][-1]["note"] == "银行退票"
    first = shown["payments"][0]["id"]
    out = crm.json("receivable", "reverse", "INV-1", first, "--reason", "记错了", user="lina")
    assert (out["paid"], out["balance"], out["status"]) == ("0.00", "1000.00", "open")
    data = yaml.safe_load(record_path(crm, receivable).read_text("utf-8"))
    assert data["state"] == "open" and len(data["history"]) == 5
    assert crm("check").exit_code == 0


def test_reversing_is_refused_without_a_reason_twice_or_by_whoever_may_not_pay(crm):
    receivable = paid_in_two(crm)
    before = crm.files()
    for args, user, code, says in (
        (["1"], "liuyang", 2, "Missing option '--reason'"),
        (["1", "--reason", "  "], "liuyang", 2, "--reason is required"),
        (["--reason", "x"], "liuyang", 2, "give either a PAYMENT to reverse or --write-off"),
        (["1", "--write-off", "--reason", "x"], "lina", 2, "give either a PAYMENT"),
        (["3", "--reason", "x"], "liuyang", 1, "has no payment '3' (its payments: 1 Y"),
        (["Y9", "--reason", "x"], "liuyang", 1, "has no payment 'Y9'"),
        (["Y", "--reason", "x"], "liuyang", 1, "payment 'Y' is ambiguous"),
        (["1", "--reason", "x"], "chenjing", 1, "may record receivables and payments only"),
    ):
        result = crm("receivable", "reverse", receivable, *args, user=user)
        assert result.exit_code == code and says in result.stderr, (args, result.stderr)
        assert "Traceback" not in result.stderr
    assert crm.files() == before
    crm.ok("receivable", "reverse", receivable, "1", "--reason", "记错了", user="liuyang")
    again = crm("receivable", "reverse", receivable, "1", "--reason", "x", user="liuyang")
    assert again.exit_code == 1
    assert "was already reversed on 2026-11-23 by liuyang" in again.stderr
    zh = crm("--lang", "zh", "receivable", "reverse", receivable, "1", "--reason", "x")
    assert zh.exit_code == 1 and "已于 2026-11-23 由 liuyang 冲销" in zh.stderr


def test_a_write_off_is_taken_back_by_a_supervisor_before_its_payments(crm):
    receivable = billed(crm)
    crm.ok("receivable", "pay", receivable, "300", "--date", "2026-10-20", user="liuyang")
    crm.ok("receivable", "write-off", receivable, "--reason", "客户破产", user="lina")
    refused = crm("receivable", "reverse", receivable, "1", "--reason", "退票", user="liuyang")
    assert refused.exit_code == 1
    assert "take the write-off back first" in refused.stderr
    denied = crm(
        "receivable", "reverse", receivable, "--write-off", "--reason", "x", user="liuyang"
    )
    assert denied.exit_code == 1 and "reversing a write-off is for supervisors" in denied.stderr

    back = crm(
        "--lang", "zh", "receivable", "reverse", receivable, "--write-off", "--reason", "客户回款了"
    )

    assert back.exit_code == 0, back.stderr
    assert back.stderr == f"已撤销核销 {receivable} INV-1 华丰建材 · 部分收款 · 余额 700.00 CNY\n"
    shown = crm.json("receivable", "show", receivable)
    assert shown["status"] == "partly_paid" and shown["written_off"]["reason"] == "客户破产"
    assert shown["written_off"]["reversed"] == {
        "date": "2026-11-23",
        "by": "lina",
        "reason": "客户回款了",
    }
    not_off = crm("receivable", "reverse", receivable, "--write-off", "--reason", "x")
    assert not_off.exit_code == 1 and "is not written off" in not_off.stderr
    crm.ok("receivable", "reverse", receivable, "1", "--reason", "退票", user="liuyang")
    crm.ok("receivable", "write-off", receivable, "--reason", "再次核销", user="lina")
    shown = crm.json("receivable", "show", receivable)
    assert (shown["status"], shown["balance"]) == ("written_off", "0.00")
    assert [e["action"] for e in shown["history"]][-3:] == ["reverse", "reverse", "write_off"]
    assert crm("check").exit_code == 0


def test_reversals_count_in_balances_aging_and_the_months_collection(crm):
    receivable = paid_in_two(crm)
    other = billed(crm, "INV-2", "500.50", due="2026-11-30")
    crm.ok("receivable", "pay", other, "500.50", "--date", "2026-11-02", user="liuyang")
    crm.ok("receivable", "reverse", receivable, "2", "--reason", "退票", user="liuyang")
    crm.ok("receivable", "reverse", other, "1", "--reason", "记错", user="liuyang")

    assert crm.json("customer", "show", "华丰建材")["open_balance"] == {"CNY": "1100.50"}
    aging = crm.json("report", "aging")["sections"]
    assert aging["aging_by_customer"][0]["1-30"] == "600.00"
    assert aging["aging_by_customer"][0]["current"] == "500.50"
    assert aging["aging_by_customer"][0]["total"] == "1100.50"
    listed = crm.json("receivable", "list", "--overdue")
    assert [(r["number"], r["balance"]) for r in listed] == [("INV-1", "600.00")]

    october = figures(crm, "2026-10")
    november = figures(crm, "2026-11")
    # October as it stood: 1000 collected on time; the reversal of 23 November counts then.
    assert (october["collected"], october["collection_rate"]) == ("1000.00", 100.0)
    assert november["collected"] == "-600.00"  # 500.50 paid, 500.50 and 600 taken back
    crm.ok("receivable", "pay", receivable, "600", user="liuyang")
    assert figures(crm, "2026-11")["collected"] == "0.00"
    assert figures(crm, "2026-10")["overdue_rate"] == 0.0


def figures(crm: Crm, month: str) -> dict:
    report = crm.json("report", "monthly", "--month", month, user="wang")
    return {row["figure"]: row["amount"] for row in report["sections"]["collection"]}


def test_reversals_and_a_taken_back_write_off_survive_export_and_import(crm, tmp_path):
    receivable = paid_in_two(crm)
    crm.ok("receivable", "reverse", receivable, "1", "--reason", "退票, 重新登记", user="liuyang")
    other = billed(crm, "INV-2", "80")
    crm.ok("receivable", "write-off", other, "--reason", "倒闭", user="lina")
    crm.ok("receivable", "reverse", other, "--write-off", "--reason", "已回款", user="lina")
    for suffix in ("csv", "xlsx", "jsonl"):
        copy = Crm(tmp_path / f"copy-{suffix}")
        (copy.root / "records").mkdir(parents=True)
        (copy.root / "crmctl.yaml").write_bytes((crm.root / "crmctl.yaml").read_bytes())
        for kind in ("customers", "receivables"):
            crm.ok("export", kind, "-o", tmp_path / f"{kind}.{suffix}", user="wang")
            copy.ok("import", kind, tmp_path / f"{kind}.{suffix}", user="wang")
        for ref in (receivable, other):
            mine, theirs = (
                {k: v for k, v in c.json("receivable", "show", ref).items() if k != "history"}
                for c in (crm, copy)
            )
            assert {**theirs, "updated": None} == {**mine, "updated": None}, suffix
        assert copy("check").exit_code == 0
