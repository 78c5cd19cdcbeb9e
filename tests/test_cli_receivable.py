"""`crmctl receivable`: exact amounts, payments, write-offs, filters, and payments merged by git."""

from __future__ import annotations

from decimal import Decimal

import pytest
from click.testing import CliRunner

from crmctl.archive import canonical, yamlio
from crmctl.cli import cli
from tests.conftest import Crm
from tests.gitrepos import git, init_archive, record_path

ISSUED = "2026-10-01T10:00:00+08:00"


@pytest.fixture
def billed(crm):
    """华丰 (A1, owner wang) with one invoice of 12500.00 due 30 days after 2026-10-01."""
    crm.ok(
        "customer", "add", "华丰建材", "--grade", "A1", "--owner", "wang", user="wang", now=ISSUED
    )
    receivable = crm.ok(
        "receivable",
        "add",
        "华丰建材",
        "INV-1",
        "12,500",
        "--terms",
        "30d",
        user="wang",
        now=ISSUED,
    ).strip()
    return crm, receivable


def test_amounts_are_written_as_exact_text_and_payments_sum_exactly(billed):
    crm, receivable = billed
    for amount in ("0.10", "0.20", "1000.05"):
        crm.ok(
            "receivable", "pay", receivable, amount, user="wang", now="2026-10-20T10:00:00+08:00"
        )

    shown = crm.json("receivable", "show", receivable, now="2026-10-21T10:00:00+08:00")

    assert shown["amount"] == "12500.00" and shown["due"] == "2026-11-02"  # 31 Oct is a Saturday
    assert shown["paid"] == "1000.35"  # 0.1 + 0.2 + 1000.05 in floats is 1000.3499999…
    assert shown["balance"] == str(Decimal("12500.00") - Decimal("1000.35"))
    assert shown["status"] == "partly_paid"
    data = record_path(crm, receivable).read_bytes()
    assert b"amount: '12500.00'" in data and b"amount: '0.10'" in data
    assert data == canonical.to_bytes("receivable", yamlio.loads(data))
    assert crm("check").exit_code == 0


def test_a_payment_beyond_the_balance_or_not_an_amount_is_refused_and_nothing_written(billed):
    crm, receivable = billed
    before = crm.files()
    for amount, code, says in (
        ("12500.01", 1, "more than the 12500.00 CNY still open"),
        ("1e3", 2, "is not an amount"),
        ("5.00001", 2, "is not an amount"),
        ("0", 2, "more than 0"),
    ):
        result = crm("receivable", "pay", receivable, amount, user="wang")
        assert result.exit_code == code and says in result.stderr, result.stderr
    assert crm.files() == before


def test_status_follows_payments_and_write_off_needs_a_supervisor(billed):
    crm, receivable = billed
    crm.ok("receivable", "pay", receivable, "12500", user="wang", now="2026-10-30T10:00:00+08:00")
    assert crm.json("receivable", "show", receivable)["status"] == "paid"
    other = crm.ok(
        "receivable",
        "add",
        "华丰建材",
        "INV-2",
        "800",
        "--due",
        "2026-10-15",
        user="wang",
        now=ISSUED,
    ).strip()
    denied = crm("receivable", "write-off", other, "--reason", "倒闭", user="liuyang")
    assert denied.exit_code == 1 and "supervisors and managers" in denied.stderr
    crm.ok("receivable", "write-off", other, "--reason", "客户破产清算", user="lina")
    shown = crm.json("receivable", "show", other)
    assert (shown["status"], shown["balance"], shown["written_off"]["by"]) == (
        "written_off",
        "0.00",
        "lina",
    )
    again = crm("receivable", "pay", other, "1", user="wang")
    assert again.exit_code == 1 and "written off" in again.stderr
    dup = crm("receivable", "add", "华丰建材", "INV-2", "5", user="wang")
    assert dup.exit_code == 1 and "already has receivable INV-2" in dup.stderr


def test_list_filters_by_owner_overdue_aging_and_formats(billed):
    crm, first = billed
    crm.ok(
        "customer",
        "add",
        "李四商行",
        "--grade",
        "B1",
        "--owner",
        "liuyang",
        user="lina",
        now=ISSUED,
    )
    late = crm.ok(
        "receivable",
        "add",
        "李四商行",
        "S-9",
        "300.5",
        "--issued",
        "2026-08-01",
        "--due",
        "2026-08-20",
        user="lina",
        now=ISSUED,
    ).strip()
    now = "2026-11-23T09:30:00+08:00"  # INV-1 21 days late, S-9 95 days late

    rows = crm.json("receivable", "list", now=now)
    assert [(row["id"], row["aging"], row["overdue_days"]) for row in rows] == [
        (late, "over_90", 95),
        (first, "1-30", 21),
    ]
    assert (
        crm.ok("receivable", "list", "--owner", "liuyang", "--format", "ids", now=now)
        == f"{late}\n"
    )
    assert crm.ok("receivable", "list", "--aging", "1-30", "-f", "ids", now=now) == f"{first}\n"
    assert (
        crm.ok("receivable", "list", "--overdue", "-f", "ids", now="2026-10-05T09:00:00+08:00")
        == f"{late}\n"
    )
    assert (
        crm.ok("receivable", "list", "--customer", "华丰建材", "-f", "ids", now=now) == f"{first}\n"
    )
    csv = crm.ok("receivable", "list", "--format", "csv", now=now)
    assert csv.splitlines()[0].startswith("id,number,customer_name,owner,amount")
    assert "300.50" in csv


def test_customer_show_has_the_open_balance_and_warns_over_the_credit_limit(billed):
    crm, receivable = billed
    crm.ok("customer", "edit", "华丰建材", "--set", "credit_limit=10000", user="wang")
    shown = crm.json("customer", "show", "华丰建材")
    assert shown["open_balance"] == {"CNY": "12500.00"}
    assert "exceeds the credit limit 10000.00 CNY by 2500.00" in shown["credit_warning"]
    checked = crm("check")
    assert "exceeds the credit limit" in checked.stdout + checked.stderr
    crm.ok("receivable", "pay", receivable, "2500", user="wang", now="2026-10-20T10:00:00+08:00")
    assert crm.json("customer", "show", "华丰建材")["credit_warning"] is None
    assert "credit" not in crm.ok("check")


@pytest.fixture
def clones(tmp_path, git_home):
    """An archive holding one receivable of 1000.00, and two clones of it with the driver
    registered."""
    seed = init_archive(tmp_path / "seed")
    seed.ok("--commit", "customer", "add", "张三", "--grade", "B1", "--owner", "liuyang")
    receivable = seed.ok(
        "--commit", "receivable", "add", "张三", "INV-7", "1000", "--issued", "2026-11-01"
    ).strip()
    git(tmp_path, "clone", "-q", "--bare", str(seed.root), "origin.git")
    out = []
    for name in ("a", "b"):
        git(tmp_path, "clone", "-q", "origin.git", name)
        result = CliRunner().invoke(
            cli, ["init", "--git", str(tmp_path / name)], catch_exceptions=False
        )
        assert result.exit_code == 0, result.stderr
        out.append(Crm(tmp_path / name))
    return out[0], out[1], receivable


def test_two_clones_recording_payments_on_one_receivable_merge_without_loss(clones):
    a, b, receivable = clones
    a.ok("--commit", "receivable", "pay", receivable, "300", "--date", "2026-11-10", user="liuyang")
    git(a.root, "push", "-q")
    b.ok("--commit", "receivable", "pay", receivable, "200.25", "--date", "2026-11-12", user="lina")
    b.ok("--commit", "receivable", "pay", receivable, "0.75", "--date", "2026-11-13", user="lina")

    pulled = git(b.root, "pull", "--no-edit")

    assert "CONFLICT" not in pulled.stdout
    shown = b.json("receivable", "show", receivable)
    assert sorted((p["date"], p["amount"], p["by"]) for p in shown["payments"]) == [
        ("2026-11-10", "300.00", "liuyang"),
        ("2026-11-12", "200.25", "lina"),
        ("2026-11-13", "0.75", "lina"),
    ]
    assert (shown["paid"], shown["balance"], shown["status"]) == ("501.00", "499.00", "partly_paid")
    assert [entry["action"] for entry in shown["history"]] == ["bill", "pay", "pay", "pay"]
    assert b("check").exit_code == 0
    git(b.root, "push", "-q")
    git(a.root, "pull", "-q", "--no-edit")
    assert a.json("receivable", "show", receivable)["paid"] == "501.00"


def test_one_clone_pays_while_the_other_reverses_a_payment_and_git_keeps_both(clones):
    a, b, receivable = clones
    a.ok("--commit", "receivable", "pay", receivable, "300", "--date", "2026-11-10", user="liuyang")
    git(a.root, "push", "-q")
    git(b.root, "pull", "-q", "--no-edit")
    a.ok("--commit", "receivable", "pay", receivable, "200", "--date", "2026-11-12", user="liuyang")
    git(a.root, "push", "-q")
    b.ok("--commit", "receivable", "reverse", receivable, "1", "--reason", "退票", user="lina")

    pulled = git(b.root, "pull", "--no-edit")

    assert "CONFLICT" not in pulled.stdout
    shown = b.json("receivable", "show", receivable)
    assert [(p["amount"], "reversed" in p) for p in shown["payments"]] == [
        ("300.00", True),
        ("200.00", False),
    ]
    assert (shown["paid"], shown["balance"], shown["status"]) == ("200.00", "800.00", "partly_paid")
    assert sorted(e["action"] for e in shown["history"]) == ["bill", "pay", "pay", "reverse"]
    assert b("check").exit_code == 0


def test_a_clone_paying_off_while_the_other_reverses_leaves_the_receivable_open(clones):
    a, b, receivable = clones
    a.ok("--commit", "receivable", "pay", receivable, "300", "--date", "2026-11-10", user="liuyang")
    git(a.root, "push", "-q")
    git(b.root, "pull", "-q", "--no-edit")
    a.ok("--commit", "receivable", "pay", receivable, "700", "--date", "2026-11-12", user="liuyang")
    git(a.root, "push", "-q")
    b.ok("--commit", "receivable", "reverse", receivable, "1", "--reason", "退票", user="lina")

    pulled = git(b.root, "pull", "--no-edit")

    assert "CONFLICT" not in pulled.stdout
    shown = b.json("receivable", "show", receivable)
    assert (shown["paid"], shown["balance"], shown["status"]) == ("700.00", "300.00", "partly_paid")
    assert shown["state"] == "open"  # a's payment had closed it; the merge opens it again
    assert [e["action"] for e in shown["history"]][-1] == "merge"
    assert b("check").exit_code == 0
    assert [r["balance"] for r in b.json("receivable", "list", "--aging", "current")] == ["300.00"]
    git(b.root, "push", "-q")
    git(a.root, "pull", "-q", "--no-edit")
    assert (a.root / record_path(b, receivable).relative_to(b.root)).read_bytes() == (
        record_path(b, receivable).read_bytes()
    )


def test_due_chases_an_overdue_receivable_until_a_visit_promises_and_a_payment_clears_it(billed):
    crm, receivable = billed  # INV-1 due Monday 2026-11-02, owner wang (a manager: no escalation)
    now = "2026-11-09T09:30:00+08:00"

    def collection(now):
        rows = crm.json("due", "--kind", "receivable", "--kind", "reconciliation", now=now)
        return {(row["rule"], row["owner"]): row for row in rows}

    chase = collection(now)[("receivable_chase", "wang")]
    assert (chase["due"], chase["overdue_days"], chase["id"]) == ("2026-11-03", 6, receivable)
    assert "12500.00 CNY, 7 days overdue" in chase["reason"]
    crm.ok(
        "visit",
        "log",
        "华丰建材",
        "--channel",
        "phone",
        "--reached",
        "--purpose",
        "collection",
        "--summary",
        "财务说月底前付清",
        "--promised",
        "2026-11-20",
        user="wang",
        now=now,
    )
    assert collection(now)[("receivable_chase", "wang")]["due"] == "2026-11-21"
    crm.ok("receivable", "pay", receivable, "12500", user="wang", now="2026-11-18T10:00:00+08:00")
    assert collection("2026-11-18T10:00:00+08:00") == {}


def test_due_reminds_of_a_credit_review(billed):
    crm, _ = billed
    crm.ok("customer", "edit", "华丰建材", "--set", "credit_review=2026-12-15", user="wang")
    (row,) = crm.json("due", "--kind", "credit_review", "--within", "30d")
    assert (row["due"], row["owner"]) == ("2026-12-01", "wang")
    assert "信用额度复核 by 2026-12-15" in row["reason"]


def test_due_for_some_owners_shows_each_their_part_of_a_receivable(crm):
    """Owned by liuyang, collected by chenjing (who reports to lina), 43 days overdue on
    2026-12-15: chenjing chases, lina chases too (escalate_after 30d), liuyang reconciles."""
    crm.ok(
        "customer",
        "add",
        "华丰建材",
        "--grade",
        "A1",
        "--owner",
        "liuyang",
        user="wang",
        now=ISSUED,
    )
    bill = ("receivable", "add", "华丰建材", "INV-1", "800", "--terms", "30d")
    crm.ok(*bill, "--collector", "chenjing", user="wang", now=ISSUED)
    now = "2026-12-15T09:30:00+08:00"

    def rules_of(*owners):
        options = [arg for owner in owners for arg in ("--owner", owner)]
        rows = crm.json(
            "due", *options, "--kind", "receivable", "--kind", "reconciliation", now=now
        )
        return sorted((row["rule"], row["owner"]) for row in rows)

    assert rules_of("chenjing") == [("receivable_chase", "chenjing")]
    assert rules_of("lina") == [("receivable_escalation", "lina")]
    assert rules_of("liuyang") == [("reconciliation", "liuyang")]
    assert rules_of("zhoumin") == []
    assert rules_of("chenjing", "liuyang") == [
        ("receivable_chase", "chenjing"),
        ("reconciliation", "liuyang"),
    ]
