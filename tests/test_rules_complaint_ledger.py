"""The complaint ledger (投诉台帐) of November 2026 over the hand-built archive of
`report_archive`."""

import datetime as dt

from crmctl.rules import periods
from crmctl.rules.complaint_ledger import ledger

from .report_archive import AFTER_NOVEMBER, CALENDAR, COMPLAINTS, CONFIG, TZ

NAMES = {"C2": "粤兴地产"}


def sections(period="2026-11", now=AFTER_NOVEMBER, complaints=COMPLAINTS):
    return {
        s.name: s.rows
        for s in ledger(complaints, NAMES, CONFIG, CALENDAR, periods.month(period, now), now)
    }


def by_id(rows):
    return {row["id"]: row for row in rows}


def test_every_complaint_received_in_the_month_and_no_other():
    # T5 and T6 were received in October; T1-T4 in November, in order of receipt.
    assert [row["id"] for row in sections()["ledger"]] == ["T1", "T2", "T3", "T4"]


def test_office_hours_to_acknowledge_and_resolve():
    rows = by_id(sections()["ledger"])
    # T1: Mon 10:00 -> 11:00 = 1 h. Resolved Thu 10:00: Mon 10-12 + 14:30-18 = 5.5, Tue 6.5, Wed
    # 6.5, Thu 1 = 19.5.
    assert (rows["T1"]["ack_hours"], rows["T1"]["resolve_hours"]) == (1.0, 19.5)
    assert (rows["T1"]["acknowledged"], rows["T1"]["resolved_at"]) == (
        "2026-11-02 11:00",
        "2026-11-05 10:00",
    )
    # T2: Tue 09:30 -> 15:00 = 2.5 before noon + 0.5 after the lunch break = 3; never resolved.
    assert (rows["T2"]["ack_hours"], rows["T2"]["resolve_hours"]) == (3.0, None)
    # T3: received 14:00 in the lunch break, judged 14:30: no office time passed; closed invalid at
    # 15:00 = 0.5 h.
    assert (rows["T3"]["ack_hours"], rows["T3"]["resolve_hours"]) == (0.0, 0.5)


def test_breaches_at_the_cutoff():
    rows = by_id(sections()["ledger"])
    # T1 met every target. T2 (major): acknowledge 4wh -> Tue 16:00 (2.5 h before noon, 1.5 after
    # the lunch break), judged 15:00 in time; resolve 2wd = 13 office hours -> Thu 11-12 09:30,
    # never resolved; reply promised by 11-12 18:00, never logged. T4: acknowledge 1wd received Fri
    # 16:00 -> 2 h on Friday + 4.5 h on Monday = Mon 11-30 16:00, not judged by the cutoff; its
    # resolution falls in December.
    assert {i: row["breaches"] for i, row in rows.items()} == {
        "T1": [],
        "T2": ["resolve", "reply"],
        "T3": [],
        "T4": ["acknowledge"],
    }


def test_a_row_shows_the_state_at_the_cutoff_not_today():
    # T4 was judged on 12-01 (department finance): at the November cutoff it was still received,
    # without one.
    row = by_id(sections()["ledger"])["T4"]
    assert (row["status"], row["department"], row["acknowledged"]) == ("received", None, None)


def test_a_running_month_is_measured_at_now():
    # On Wed 11-11 09:00 T2's resolution (Thu 11-12 09:30) and reply (11-12 18:00) are not late yet.
    now = dt.datetime(2026, 11, 11, 9, 0, tzinfo=TZ)
    assert by_id(sections(now=now)["ledger"])["T2"]["breaches"] == []


def test_summary_received_against_handled():
    figures = {row["figure"]: row["amount"] for row in sections()["totals"]}
    # received T1-T4; handled in November: T5 (resolved 11-03, received in October), T1 (11-05), T3
    # (closed invalid 11-25); open at the cutoff: T2, T4 and October's T6; breached: T2 and T4.
    assert figures == {
        "complaints_received": 4,
        "complaints_handled": 3,
        "complaints_open_at_end": 3,
        "complaints_breached": 2,
        "breached_acknowledge": 1,
        "breached_resolve": 1,
        "breached_reply": 1,
        "breached_callback": 0,
        "callback_satisfied": 1,
        "callback_neutral": 0,
        "callback_unsatisfied": 0,
        # T3 is an inquiry judged like a complaint (it has a severity): not on the light path
        "inquiries_received": 0,
        "inquiries_answered": 0,
        "inquiries_answered_in_time": 0,
        "inquiries_in_time_share": None,
    }


def test_counts_by_dimension_in_config_order():
    counts = {
        (row["dimension"], row["value"]): (row["complaints"], row["open"], row["breached"])
        for row in sections()["counts"]
    }
    assert [key for key in counts if key[0] == "category"] == [
        ("category", "product"),
        ("category", "delivery"),
        ("category", "service"),
        ("category", "billing"),
    ]
    assert counts[("kind", "complaint")] == (3, 2, 2) and counts[("kind", "inquiry")] == (1, 0, 0)
    assert counts[("severity", "normal")] == (3, 1, 1) and counts[("severity", "major")] == (
        1,
        1,
        1,
    )
    # T3 (invalid) and T4 (not judged by the cutoff) have no responsible department
    assert counts[("department", None)] == (2, 1, 1) and counts[("department", "logistics")] == (
        1,
        1,
        1,
    )
    assert [key[1] for key in counts if key[0] == "status"] == ["received", "judged", "closed"]
    assert counts[("status", "closed")] == (2, 0, 0)


def test_a_week():
    # ISO week 48 runs Monday 11-23 to Sunday 11-29: T3 (11-25) and T4 (11-27).
    week = periods.week("2026-W48", AFTER_NOVEMBER)
    rows = ledger(COMPLAINTS, NAMES, CONFIG, CALENDAR, week, AFTER_NOVEMBER)[0].rows
    assert [row["id"] for row in rows] == ["T3", "T4"]
