"""Collection follow-ups and receivable figures as pure functions, dates and sums worked by hand.

Config: the shipped template (reminder 3d, chase every 7d, escalate after 30d, monthly 对账, aging
30/60/90). liuyang reports to lina. `now` is Monday 2026-11-23 09:30 (+08:00).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from importlib import resources

import pytest

from crmctl.archive import yamlio
from crmctl.config import Config
from crmctl.rules import collection, consistency
from crmctl.rules import receivables as money
from crmctl.rules.calendar import WorkCalendar
from crmctl.rules.periods import month

TZ = dt.timezone(dt.timedelta(hours=8))
NOW = dt.datetime(2026, 11, 23, 9, 30, tzinfo=TZ)
CONFIG = Config(
    yamlio.loads(resources.files("crmctl.templates").joinpath("crmctl.yaml").read_bytes())
)
CAL = WorkCalendar(CONFIG.calendar)
CUSTOMER = {
    "id": "C1K94ADGY0EX3SDX",
    "name": "华丰",
    "grade": "A1",
    "owner": "liuyang",
    "status": "active",
}


def receivable(due="2026-11-10", amount="1000.00", issued="2026-10-10", **fields):
    return {
        "id": "R1K94ADGY0EX3SDX",
        "customer": CUSTOMER["id"],
        "number": "INV-1",
        "amount": amount,
        "currency": "CNY",
        "issued": issued,
        "due": due,
        "state": "open",
        **fields,
    }


def visit(at, purpose="collection", staff="liuyang", **fields):
    return {
        "customer": CUSTOMER["id"],
        "at": f"{at}T10:00:00+08:00",
        "purpose": purpose,
        "staff": staff,
        **fields,
    }


def items(receivables, visits=(), now=NOW, customer=CUSTOMER):
    found = collection.collection_items(
        receivables, {customer["id"]: customer}, list(visits), CONFIG, CAL, now
    )
    return {(item.rule, item.owner): (item.due.isoformat(), item.reason) for item in found}


def test_before_the_due_date_a_reminder_lead_days_ahead_answered_by_a_collection_visit():
    found = items([receivable(due="2026-11-30")])
    assert found[("receivable_reminder", "liuyang")][0] == "2026-11-27"
    assert "receivable_chase" not in {rule for rule, _ in found}
    answered = items(
        [receivable(due="2026-11-30")], [visit("2026-11-27")], now=NOW + dt.timedelta(days=4)
    )
    assert ("receivable_reminder", "liuyang") not in answered
    early = items([receivable(due="2026-11-30")], [visit("2026-11-26")])  # before the lead: not yet
    assert ("receivable_reminder", "liuyang") in early


def test_overdue_chase_every_seven_days_after_the_last_chase_or_the_promised_date():
    due = "2026-11-10"
    assert items([receivable(due=due)])[("receivable_chase", "liuyang")][0] == "2026-11-11"
    chased = items([receivable(due=due)], [visit("2026-11-12")])
    assert chased[("receivable_chase", "liuyang")][0] == "2026-11-19"
    promised = items([receivable(due=due)], [visit("2026-11-12", promised="2026-11-25")])
    assert promised[("receivable_chase", "liuyang")] == (
        "2026-11-26",
        "催收: INV-1 1000.00 CNY, 13 days overdue (due 2026-11-10); last chase 2026-11-12, "
        "promised by 2026-11-25",
    )
    part = receivable(
        due=due, payments=[{"id": "Y1", "date": "2026-11-20", "amount": "400", "by": "wang"}]
    )
    assert items([part])[("receivable_chase", "liuyang")][0] == "2026-11-27"
    assert "600.00 CNY" in items([part])[("receivable_chase", "liuyang")][1]
    other_purpose = items([receivable(due=due)], [visit("2026-11-12", purpose="routine")])
    assert other_purpose[("receivable_chase", "liuyang")][0] == "2026-11-11"


def test_a_chase_dated_ahead_counts_as_made_now_and_puts_no_chase_off():
    # Chased "in 2099", taken as Mon 11-23: next chase 7 days on, Mon 11-30.
    found = items([receivable(due="2026-11-10")], [visit("2099-01-05")])
    assert found[("receivable_chase", "liuyang")][0] == "2026-11-30"


def test_after_escalate_after_days_the_supervisor_chases_until_they_act():
    late = receivable(due="2026-10-01", issued="2026-09-01")  # 53 days overdue
    found = items([late], [visit("2026-11-20")])
    assert found[("receivable_chase", "liuyang")][0] == "2026-11-27"
    assert found[("receivable_escalation", "lina")][0] == "2026-10-31"  # 1 Oct + 30 days
    assert "liuyang → lina" in found[("receivable_escalation", "lina")][1]
    answered = items([late], [visit("2026-11-20", staff="lina")])
    assert answered[("receivable_escalation", "lina")][0] == "2026-11-27"
    assert (
        items([receivable(due="2026-11-10")])[("receivable_escalation", "lina")][0] == "2026-12-10"
    )
    boss = items([receivable(due="2026-10-01", collector="wang")])  # a manager reports to nobody
    assert {rule for rule, _ in boss} == {"receivable_chase", "reconciliation"}


def test_settled_receivables_owe_nothing_and_a_collector_overrides_the_owner():
    paid = receivable(payments=[{"id": "Y1", "date": "2026-11-01", "amount": "1000", "by": "wang"}])
    written = receivable(written_off={"date": "2026-11-15", "by": "lina", "reason": "破产"})
    assert items([paid]) == {} and items([written]) == {}
    chasers = {
        owner
        for rule, owner in items([receivable(collector="chenjing")])
        if rule == "receivable_chase"
    }
    assert chasers == {"chenjing"}


def test_reconciliation_of_a_key_account_each_month_cleared_by_a_reconciliation_visit():
    owed = [receivable(issued="2026-10-10", due="2026-12-10")]
    assert items(owed)[("reconciliation", "liuyang")][0] == "2026-11-02"  # 31 Oct is a Saturday
    done = items(owed, [visit("2026-11-20", purpose="reconciliation")])
    assert done[("reconciliation", "liuyang")][0] == "2026-12-31"
    chased_only = items(owed, [visit("2026-11-20", purpose="collection")])
    assert chased_only[("reconciliation", "liuyang")][0] == "2026-11-02"
    b_grade = {**CUSTOMER, "grade": "B1"}
    assert ("reconciliation", "liuyang") not in items(owed, customer=b_grade)


@pytest.mark.parametrize(
    ("day", "period", "end"),
    [
        ("2026-11-23", "month", "2026-11-30"),
        ("2026-12-05", "month", "2026-12-31"),
        ("2026-02-10", "quarter", "2026-03-31"),
        ("2026-11-23", "quarter", "2026-12-31"),
    ],
)
def test_period_end(day, period, end):
    assert collection.period_end(dt.date.fromisoformat(day), period).isoformat() == end


def test_credit_review_falls_due_its_lead_before_the_review_date():
    customer = {**CUSTOMER, "credit_review": "2026-12-15", "credit_limit": "200000"}
    (item,) = collection.credit_review(customer, [], CONFIG, CAL, NOW)
    assert item.due.isoformat() == "2026-12-01" and "limit 200000.00" in item.reason
    assert collection.credit_review(CUSTOMER, [], CONFIG, CAL, NOW) == []


def test_aging_buckets_and_exact_sums_per_customer_and_owner():
    rows = [
        receivable(due="2026-11-30", amount="100.10"),  # current
        receivable(due="2026-11-22", amount="0.20"),  # 1 day: 1-30
        receivable(due="2026-09-24", amount="0.10"),  # 60 days: 31-60
        receivable(due="2026-09-23", amount="5"),  # 61 days: 61-90
        receivable(
            due="2026-08-01",
            amount="7",
            payments=[{"id": "Y", "date": "2026-09-01", "amount": "2", "by": "wang"}],
        ),
    ]
    (row,) = money.aging(rows, {CUSTOMER["id"]: CUSTOMER}, CONFIG, NOW.date(), "customer")
    assert row == {
        "customer_name": "华丰",
        "owner": "liuyang",
        "record_id": CUSTOMER["id"],
        "currency": "CNY",
        "current": "100.10",
        "1-30": "0.20",
        "31-60": "0.10",
        "61-90": "5.00",
        "over_90": "5.00",
        "total": "110.40",
    }
    (by_owner,) = money.aging(rows, {CUSTOMER["id"]: CUSTOMER}, CONFIG, NOW.date(), "owner")
    assert by_owner["owner"] == "liuyang" and by_owner["total"] == "110.40"


def test_collection_figures_of_a_month_against_the_002_targets():
    paid = lambda day, amount: {"id": f"Y{day}", "date": day, "amount": amount, "by": "wang"}  # noqa: E731
    rows = [
        receivable(
            due="2026-10-10", amount="1000", payments=[paid("2026-10-09", "1000")]
        ),  # on time
        receivable(due="2026-10-20", amount="3000", payments=[paid("2026-10-25", "3000")]),  # late
        receivable(
            due="2026-10-31", amount="600", payments=[paid("2026-10-31", "100")]
        ),  # 500 owed
        receivable(due="2026-11-05", amount="9999"),  # due next month: not in October's base
    ]
    figures = {
        row["figure"]: row
        for row in money.collection_figures(
            rows, {CUSTOMER["id"]}, CONFIG, month("2026-10", NOW), NOW
        )
    }
    assert figures["collected"]["amount"] == "4100.00"
    assert figures["billed_due"]["amount"] == "4600.00"
    assert figures["overdue_balance"]["amount"] == "500.00"
    assert figures["collected_on_time"]["amount"] == "1100.00"
    rate = float((Decimal(500) / Decimal(4600) * 100).quantize(Decimal("0.01")))
    assert (figures["overdue_rate"]["amount"], figures["overdue_rate"]["target"]) == (rate, 0.5)
    assert figures["overdue_rate"]["met"] is False  # 10.87% > 0.5%
    assert (
        figures["collection_rate"]["amount"] == 23.91 and figures["collection_rate"]["met"] is False
    )


def test_amounts_read_exactly_and_refuse_floats_and_exponents():
    assert money.amount("12,500.5") == Decimal("12500.5")
    assert money.money(Decimal("0.1") + Decimal("0.2")) == "0.30"
    assert money.money(Decimal("1.2345")) == "1.2345"
    for bad in ("1e3", "-1", "1.23456", "abc", 1.5):
        with pytest.raises(ValueError):
            money.amount(bad)


def payment(day, amount, reversed_on=None):
    out = {"id": f"Y{day}", "date": day, "amount": amount, "by": "liuyang"}
    if reversed_on:
        out["reversed"] = {"date": reversed_on, "by": "lina", "reason": "退票"}
    return out


def test_status_and_balance_follow_payments_less_the_reversals_made_by_then():
    both = [payment("2026-10-20", "400"), payment("2026-10-28", "600.10", "2026-11-05")]
    late = receivable(amount="1000.10", payments=both)
    on = dt.date.fromisoformat
    assert (money.status(late, on("2026-11-04")), money.balance(late, on("2026-11-04"))) == (
        "paid",
        Decimal("0"),
    )
    assert (money.status(late), money.paid(late), money.balance(late)) == (
        "partly_paid",
        Decimal("400"),
        Decimal("600.10"),
    )
    none = receivable(payments=[payment("2026-10-20", "1000", "2026-10-21")])
    assert (money.status(none), money.balance(none)) == ("open", Decimal("1000"))
    assert money.settled({**none, "state": "closed"})["state"] == "open"
    marked = money.reversed_payment(
        receivable(state="closed", payments=[payment("2026-10-20", "1000")]),
        "Y2026-10-20",
        {"date": "2026-11-01", "by": "lina", "reason": "记错"},
    )
    assert (marked["state"], money.status(marked), len(marked["payments"])) == ("open", "open", 1)
    off = {"date": "2026-11-15", "by": "lina", "reason": "破产"}
    written = receivable(payments=[payment("2026-10-20", "300")], written_off=off, state="closed")
    back = money.reinstated(written, {"date": "2026-11-20", "by": "lina", "reason": "回款"})
    assert (money.status(back), money.balance(back), back["state"]) == (
        "partly_paid",
        Decimal("700.00"),
        "open",
    )
    assert money.status(back, on("2026-11-19")) == "written_off"


def test_a_reversal_counts_against_the_collection_of_the_month_it_is_dated_in():
    reversed_late = receivable(
        due="2026-10-31",
        payments=[payment("2026-10-20", "400"), payment("2026-10-28", "600", "2026-11-05")],
    )
    october, november = (
        {
            row["figure"]: row["amount"]
            for row in money.collection_figures(
                [reversed_late], {CUSTOMER["id"]}, CONFIG, month(name, NOW), NOW
            )
        }
        for name in ("2026-10", "2026-11")
    )
    assert october["collected"] == "1000.00" and november["collected"] == "-600.00"
    assert october["collected_on_time"] == "400.00"  # what was reversed was not collected
    assert october["overdue_balance"] == "0.00"  # on 31 October nothing was owed yet
    assert money.collected(reversed_late, dt.date(2026, 10, 1), dt.date(2026, 11, 30)) == 400


def test_a_reversed_payment_does_not_put_the_chase_off():
    bounced = receivable(due="2026-11-10", payments=[payment("2026-11-20", "400", "2026-11-21")])
    assert items([bounced])[("receivable_chase", "liuyang")] == (
        "2026-11-11",
        "催收: INV-1 1000.00 CNY, 13 days overdue (due 2026-11-10); never chased",
    )


def test_a_merge_that_leaves_a_closed_receivable_owing_opens_it_with_a_merge_entry():
    entry = {"at": "2026-11-12T10:00:00+08:00", "by": "liuyang", "action": "pay"}
    merged = receivable(
        state="closed",
        payments=[payment("2026-11-10", "300", "2026-11-12"), payment("2026-11-12", "700")],
        history=[
            {"at": "2026-11-01T10:00:00+08:00", "by": "liuyang", "action": "bill"},
            {**entry, "changes": {"state": {"from": "open", "to": "closed"}}},
        ],
        updated="2026-11-12T10:00:00+08:00",
    )
    opened = consistency.merge_settled("receivable", merged)
    assert opened["state"] == "open" and opened["updated"] == merged["updated"]
    assert opened["history"][-1] == {
        **entry,
        "action": "merge",
        "changes": {"state": {"from": "closed", "to": "open"}},
        "note": "state follows the merged payments",
    }
    assert consistency.merged_record_problems("receivable", opened) == []
    assert consistency.merged_record_problems("receivable", merged) == []
    assert consistency.merge_settled("receivable", opened) == opened
    assert consistency.merge_settled("complaint", merged) is merged
