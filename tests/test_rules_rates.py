"""The 002 rates of a period, worked out by hand over a few records (template config: 5 new
customers planned a month, churn at most 30%, new-customer rate at least 70%, 98% per grade)."""

import datetime as dt

from crmctl.rules import periods
from crmctl.rules.rates import months_in, rates

from .report_archive import CALENDAR, CONFIG, TZ, customer, stamp  # noqa: F401

NOW = dt.datetime(2027, 1, 10, 10, 0, tzinfo=TZ)


def lost(ident, created, lost_at, grade="B1"):
    record = customer(ident, ident, grade, "liuyang", created=created)
    record["status"] = "lost"
    record["lost_at"] = stamp(lost_at)
    record["lost_reason"] = "价格原因"
    record["history"].append(
        {
            "at": stamp(lost_at),
            "by": "lina",
            "action": "lose",
            "changes": {"status": {"from": "active", "to": "lost"}},
        }
    )
    return record


def won(ident, created, won_at):
    """A prospect that became active at `won_at`."""
    record = customer(ident, ident, "B2", "liuyang", created=created)
    record["history"].append(
        {
            "at": stamp(won_at),
            "by": "lina",
            "action": "edit",
            "changes": {"status": {"from": "prospect", "to": "active"}},
        }
    )
    return record


CUSTOMERS = [
    customer("A", "甲", "A1", "wang", created="2026-06-01T10:00"),
    customer("B", "乙", "A1", "wang", created="2026-06-01T10:00"),
    customer("C", "丙", "B1", "liuyang", created="2026-06-01T10:00"),
    customer("D", "丁", "B1", "liuyang", created="2026-06-01T10:00"),
    lost("E", "2026-06-01T10:00", "11-15T10:00"),  # lost in November: in Q4
    lost("F", "2026-06-01T10:00", "09-15T10:00"),  # lost in September: before Q4
    customer("G", "戊", "B2", "liuyang", created="11-02T10:00"),  # new in November
    won("H", "2026-06-01T10:00", "10-20T10:00"),  # a prospect won in October
    won("I", "2026-06-01T10:00", "2027-01-05T10:00"),  # won after the cutoff: still a prospect
]


def complaint(ident, received, kind="complaint", valid=None, judged_at=None):
    record = {
        "id": ident,
        "customer": "A",
        "kind": kind,
        "severity": "normal",
        "summary": "x",
        "received": stamp(received),
        "first_responder": "liuyang",
        "handler": "liuyang",
        "status": "received",
        "history": [{"at": stamp(received), "by": "liuyang", "action": "receive"}],
    }
    if valid is not None:
        judgement = {"valid": valid, "reason": "r"}
        record["status"], record["judgement"] = "judged", judgement
        record["history"].append(
            {
                "at": stamp(judged_at),
                "by": "liuyang",
                "action": "judge",
                "changes": {
                    "status": {"from": "received", "to": "judged"},
                    "judgement": {"to": judgement},
                },
            }
        )
    return record


COMPLAINTS = [
    complaint("T1", "10-05T10:00", valid=True, judged_at="10-05T11:00"),
    complaint("T2", "11-05T10:00", valid=True, judged_at="11-05T11:00"),
    complaint("T3", "12-05T10:00", valid=False, judged_at="12-05T11:00"),
    complaint("T4", "12-20T10:00", valid=True, judged_at="2027-01-04T10:00"),  # judged after Q4
    complaint("T5", "11-10T10:00", kind="inquiry"),  # not a complaint
    complaint("T6", "09-10T10:00", valid=True, judged_at="09-10T11:00"),  # before Q4
]


def visit(customer_id, at, satisfaction):
    return {"customer": customer_id, "at": stamp(at), "satisfaction": satisfaction}


VISITS = [
    visit("A", "10-10T10:00", 5),
    visit("A", "11-10T10:00", 3),
    visit("B", "12-10T10:00", 4),
    visit("C", "11-11T10:00", 5),
    visit("C", "11-12T10:00", None),  # not rated
    visit("D", "09-30T10:00", 1),  # before Q4
]


def figures(period):
    sections = rates(CUSTOMERS, COMPLAINTS, VISITS, CONFIG, period, NOW)
    return {s.name: s.rows for s in sections}


def test_quarter_figures_by_hand():
    found = figures(periods.quarter("2026-Q4", NOW))
    rows = {row["figure"]: row for row in found["rates"]}
    # active on 10-01: A B C D E (F lost in September, G not yet, H I prospects) = 5; lost in Q4: E
    assert (rows["churn_rate"]["part"], rows["churn_rate"]["whole"]) == (1, 5)
    assert (rows["churn_rate"]["amount"], rows["churn_rate"]["met"]) == (20.0, True)
    # active at the cutoff and not at the start: G (new) and H (won); planned 5 x 3 months
    assert (rows["new_customer_rate"]["part"], rows["new_customer_rate"]["whole"]) == (2, 15)
    assert (rows["new_customer_rate"]["amount"], rows["new_customer_rate"]["met"]) == (13.3, False)
    # complaints received in Q4: T1 T2 T3 T4 (T5 is an inquiry); judged by the cutoff: T1 T2 T3,
    # valid T1 T2: 2 / 3
    assert (rows["valid_complaint_rate"]["part"], rows["valid_complaint_rate"]["whole"]) == (2, 3)
    assert rows["valid_complaint_rate"]["amount"] == 66.7
    # 4 complaints per 6 active at the cutoff (A B C D G H) x 100
    assert (rows["complaints_per_100"]["part"], rows["complaints_per_100"]["whole"]) == (4, 6)
    assert rows["complaints_per_100"]["amount"] == 66.67
    # rated Q4 visits: A1 (A, A, B): 5, 3, 4 -> 2 of 3 satisfied; B1 (C): 5 -> 1 of 1
    by_grade = found["satisfaction_by_grade"]
    assert [(r["grade"], r["rated"], r["satisfied"], r["amount"], r["met"]) for r in by_grade] == [
        ("A1", 3, 2, 66.7, False),
        ("B1", 1, 1, 100.0, True),
    ]  # fmt: skip


def test_a_month_and_a_year_use_the_same_definitions():
    november = {row["figure"]: row for row in figures(periods.month("2026-11", NOW))["rates"]}
    # active on 11-01: A B C D E H = 6, lost in November: E; new: G; planned 5
    assert (november["churn_rate"]["part"], november["churn_rate"]["whole"]) == (1, 6)
    assert (november["new_customer_rate"]["part"], november["new_customer_rate"]["whole"]) == (1, 5)
    assert (november["complaints_per_100"]["part"], november["complaints_per_100"]["whole"]) == (
        1,
        6,
    )
    year = {row["figure"]: row for row in figures(periods.year("2026", NOW))["rates"]}
    # nobody was in the archive on 01-01: no churn base; every one active at the cutoff is new
    assert (year["churn_rate"]["whole"], year["churn_rate"]["amount"]) == (0, None)
    assert (year["new_customer_rate"]["part"], year["new_customer_rate"]["whole"]) == (6, 60)
    # T1-T4 and T6 received in 2026; judged by the cutoff T1 T2 T3 T6, valid 3
    assert (year["valid_complaint_rate"]["part"], year["valid_complaint_rate"]["whole"]) == (3, 4)


def test_a_running_period_is_measured_at_now():
    december_5 = dt.datetime(2026, 12, 5, 12, 0, tzinfo=TZ)
    sections = rates(
        CUSTOMERS, COMPLAINTS, VISITS, CONFIG, periods.quarter("2026-Q4", december_5), december_5
    )
    rows = {row["figure"]: row for row in sections[0].rows}
    # T4 (12-20) not received yet; T3 judged at 11:00 on 12-05
    assert (rows["valid_complaint_rate"]["part"], rows["valid_complaint_rate"]["whole"]) == (2, 3)
    assert rows["complaints_per_100"]["part"] == 3


def test_months_of_a_period():
    assert months_in(periods.quarter("2026-Q4", NOW)) == 3
    assert months_in(periods.year("2026", NOW)) == 12
    assert months_in(periods.month("2026-02", NOW)) == 1
