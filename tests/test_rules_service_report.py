"""The monthly service report (服务月报) of November 2026 over the hand-built archive of
`report_archive`.

The cutoff is 12-01 00:00 (the month is over): each customer's part is computed from its records as
they stand now, the complaints are passed as they stood then, as the action does.
"""

from collections import defaultdict

from crmctl.config import Config
from crmctl.rules import contacts, periods
from crmctl.rules.service_report import combined, customer_part, monthly

from .report_archive import (
    AFTER_NOVEMBER,
    CALENDAR,
    CONFIG,
    CUSTOMERS,
    T2,
    VISITS,
    customer,
    stamp,
    visit,
)

NOVEMBER = periods.month("2026-11", AFTER_NOVEMBER)
CUTOFF = NOVEMBER.cutoff(AFTER_NOVEMBER)
# T2 (customer N2, by chenjing) is the only complaint: its resolution and reply were due 11-12 and
# never came.
COMPLAINTS = [{**T2, "customer": "N2"}]
NAMES = {c["id"]: c["name"] for c in CUSTOMERS}


def visits_by_customer(visits: list[dict]) -> dict[str, list[dict]]:
    """Visits grouped by customer, each customer's oldest first, as the rules take them."""
    visits_of = defaultdict(list)
    for one in sorted(visits, key=contacts.when):
        visits_of[one["customer"]].append(one)
    return visits_of


def report(config=CONFIG):
    visits_of = visits_by_customer(VISITS)
    parts = [
        customer_part(c, visits_of[c["id"]], config, CALENDAR, NOVEMBER, AFTER_NOVEMBER)
        for c in CUSTOMERS
    ]
    return {
        s.name: s.rows
        for s in monthly(
            combined(parts), COMPLAINTS, NAMES, config, CALENDAR, NOVEMBER, AFTER_NOVEMBER
        )
    }


def headline(config=CONFIG):
    return {
        row["figure"]: (row["amount"], row["target"], row["met"])
        for row in report(config)["headline"]
    }


def test_visits_per_staff_member_idle_ones_included():
    rows = {row["staff"]: row for row in report()["visits_by_staff"]}
    # wang: K1 (5), K2 by SMS (not two-way, so not reached), K3 (2): 3 logged, 2 reached, 1 of 2
    # rated satisfied.
    assert rows["wang"] == {
        "staff": "wang",
        "visits_logged": 3,
        "reached": 2,
        "not_reached": 1,
        "customers_reached": 2,
        "rated": 2,
        "satisfied": 1,
        "satisfaction_rate": 50.0,
    }
    assert (rows["chenjing"]["satisfied"], rows["chenjing"]["satisfaction_rate"]) == (
        0,
        0.0,
    )  # rated 3 < 4
    assert (rows["yangfan"]["not_reached"], rows["yangfan"]["satisfaction_rate"]) == (
        1,
        None,
    )  # nothing rated
    assert rows["huangtao"]["visits_logged"] == 0 and list(rows)[:3] == [
        "wang",
        "lina",
        "zhaolei",
    ]  # team order


def test_headline_figures_with_their_targets():
    figures = headline()
    # Key accounts K1, K2 (K3 is lost); only K1 had a two-way contact: 1/2 = 50%, target 100%.
    assert figures["key_accounts"] == (2, None, None) and figures["key_accounts_missed"] == (
        1,
        None,
        None,
    )
    assert figures["key_account_coverage"] == (50.0, 100.0, False)
    # Rated reached visits: 5, 2, 4, 3 -> 2 of 4 are 4 or more: 50%, target 95%.
    assert figures["satisfaction_rate"] == (50.0, 95.0, False) and figures[
        "unsatisfied_visits"
    ] == (2, None, None)
    # First contacts due in November: N1 on time, N2 late, N3 missing (N4's falls in December): 1/3.
    assert figures["first_contacts_due"][0] == 3 and figures["first_contact_compliance"] == (
        33.3,
        100.0,
        False,
    )
    assert figures["visits_logged"][0] == 6 and figures["not_reached"][0] == 2
    assert figures["complaints_received"][0] == 1 and figures["complaints_breached"][0] == 1
    assert figures["customers_lost"][0] == 1


def test_the_shortfalls_are_listed():
    sections = report()
    assert sections["key_accounts_missed"] == [
        {
            "customer_name": "粤兴地产",
            "grade": "A2",
            "owner": "wang",
            "last_contact": "2026-10-20",
            "record_id": "K2",
        }
    ]
    assert [
        (row["record_id"], row["due"], row["outcome"]) for row in sections["first_contacts"]
    ] == [
        ("N1", "2026-11-09", "on_time"),
        ("N2", "2026-11-17", "late"),
        ("N3", "2026-11-27", "missing"),
    ]
    assert sections["lost_customers"] == [
        {
            "customer_name": "利达五金",
            "owner": "wang",
            "lost_at": "2026-11-15",
            "lost_reason": "价格原因",
            "visited": True,
            "record_id": "K3",
        }
    ]
    assert sections["lost_reasons"] == [{"reason": "价格原因", "customers": 1}]


def test_overdue_follow_ups_at_month_end_come_from_the_due_rules():
    # wang: K1 weekly cadence from 11-10 -> 11-17, K2 from its last two-way contact 10-20 -> 10-27,
    # and both key accounts' information (created Mon 01-05, never edited) monthly -> Wed 02-04;
    # chenjing: T2's resolution and reply (11-12); yangfan: N3's first contact (11-27). N4's is due
    # 12-03.
    rows = report()["overdue_by_owner"]
    assert rows == [
        {
            "owner": "wang",
            "overdue": 4,
            "oldest_due": "2026-02-04",
            "rules": "cadence 2, profile_refresh 2",
        },
        {
            "owner": "chenjing",
            "overdue": 2,
            "oldest_due": "2026-11-12",
            "rules": "complaint_reply 1, complaint_resolve 1",
        },
        {"owner": "yangfan", "overdue": 1, "oldest_due": "2026-11-27", "rules": "new_owner 1"},
    ]
    assert headline()["overdue_followups"][0] == 7


def test_complaints_by_week_and_category():
    sections = report()
    # 11-01 is a Sunday: week 44 holds just that day; T2 (Tue 11-10) falls in week 46.
    assert [
        (row["week"], row["complaints"], row["breached"]) for row in sections["complaints_by_week"]
    ] == [
        ("2026-W44", 0, 0),
        ("2026-W45", 0, 0),
        ("2026-W46", 1, 1),
        ("2026-W47", 0, 0),
        ("2026-W48", 0, 0),
        ("2026-W49", 0, 0),
    ]
    assert sections["complaints_by_category"] == [
        {"category": "delivery", "complaints": 1, "breached": 1}
    ]


def test_targets_and_the_satisfied_rating_come_from_the_config():
    # satisfied_at 3: ratings 5, 2, 4, 3 -> 3 of 4 = 75%; target 0.7 -> met.
    lenient = Config(
        {
            **CONFIG.data,
            "reports": {**CONFIG.reports, "satisfied_at": 3, "satisfaction_target": 0.7},
        }
    )
    assert headline(lenient)["satisfaction_rate"] == (75.0, 70.0, True)


def test_records_after_the_cutoff_do_not_count_and_a_later_customer_counts_only_its_visits():
    """Parts are computed from the records as they stand now: a December visit and a December
    downgrade are not November's; a customer filed in December with a visit back-dated into November
    counts that visit, and nothing else."""
    downgraded = {
        **CUSTOMERS[0],
        "grade": "C",
        "history": [
            *CUSTOMERS[0]["history"],
            {
                "at": stamp("12-02T10:00"),
                "by": "wang",
                "action": "edit",
                "changes": {"grade": {"from": "A1", "to": "C"}},
            },
        ],
    }
    later = customer("L1", "后来客户", "A1", "wang", created="12-05T10:00")
    visits = [
        *VISITS,
        visit("K2", "12-03T10:00", "wang"),
        visit("L1", "11-21T10:00", "wang", satisfaction=5),
    ]
    visits_of = visits_by_customer(visits)
    parts = [
        customer_part(c, visits_of[c["id"]], CONFIG, CALENDAR, NOVEMBER, AFTER_NOVEMBER)
        for c in [downgraded, *CUSTOMERS[1:], later]
    ]
    assert parts[-1] == {"staff": {"wang": [1, 1, 1, 1, 1]}}
    sections = {
        s.name: s.rows
        for s in monthly(
            combined(parts), COMPLAINTS, NAMES, CONFIG, CALENDAR, NOVEMBER, AFTER_NOVEMBER
        )
    }
    before = report()
    assert (
        sections["key_accounts_missed"] == before["key_accounts_missed"]
    )  # K2's last contact still in October
    assert (
        sections["headline"][2:4] == before["headline"][2:4]
    )  # K1 still A1: still two key accounts, one missed
    wang = next(row for row in sections["visits_by_staff"] if row["staff"] == "wang")
    assert (wang["visits_logged"], wang["customers_reached"]) == (4, 3)


def test_shares_added_up_in_any_groups_give_the_same_report():
    """The index keeps sums of groups of customers and adds those up: `combined` must not care how
    the shares were grouped (nor about empty groups)."""
    visits_of = visits_by_customer(VISITS)
    parts = [
        customer_part(c, visits_of[c["id"]], CONFIG, CALENDAR, NOVEMBER, AFTER_NOVEMBER)
        for c in CUSTOMERS
    ]
    whole = monthly(combined(parts), COMPLAINTS, NAMES, CONFIG, CALENDAR, NOVEMBER, AFTER_NOVEMBER)
    for size in (1, 2, 3):
        groups = [combined(parts[start : start + size]) for start in range(0, len(parts), size)]
        for grouped_twice in (
            combined(groups),
            combined([combined(groups[::2]), combined([]), combined(groups[1::2])]),
        ):
            assert (
                monthly(
                    grouped_twice, COMPLAINTS, NAMES, CONFIG, CALENDAR, NOVEMBER, AFTER_NOVEMBER
                )
                == whole
            )
    figures = {row["figure"]: row["amount"] for row in whole[0].rows}
    assert (
        figures["visits_logged"] > 0
        and figures["key_accounts"] > 0
        and figures["overdue_followups"] > 0
    )
