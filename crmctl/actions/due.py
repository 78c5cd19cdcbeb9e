"""`crmctl due`: what falls due, gathered from every follow-up source and filtered for one
person."""

from __future__ import annotations

import datetime as dt
import functools
from collections import Counter
from collections.abc import Callable

from ..archive.kinds import KINDS
from ..archive.listing import Below, Condition, Match, holds, sort_key
from ..index.customer_memo import Memo
from ..rules import complaint_deadlines, due
from ..rules.calendar import parse_duration
from ..rules.complaint_lifecycle import STATUSES
from ..rules.due_item import DueItem
from ..rules.grading import grade_families
from .plans import plan_due_items
from .session import Session

OPEN_COMPLAINTS = [status for status in STATUSES if status != "closed"]
# The fields of a follow-up that `due`'s options choose by, kept in columns of their own.
LISTED = ("due", "rule", "owner", "grade")
# Most overdue first; a day's by their hour.
ORDER = ("due", "due_at", "customer_name", "rule", "record_id")


def _followups_memo(session: Session) -> tuple[Memo, Callable]:
    """The customers' follow-ups and the chases of their receivables, kept by the store per
    customer, and the rule computing one customer's."""
    config, now = session.config, session.now
    return (
        Memo("followups", config.digest, now.date().isoformat(), LISTED, ("visit", "receivable")),
        functools.partial(
            due.followups_with_validity, config=config, calendar=session.calendar, now=now
        ),
    )


def _customer_items(session: Session, where: list[Condition]) -> list[DueItem]:
    """The customers' follow-ups and the chases of their receivables that meet `where`: computed
    only for customers whose records or the config changed since (or whose occasion has passed, or
    who owe: their chases move with the day)."""
    answers = session.store.memoized(*_followups_memo(session), where)
    return [DueItem.from_json(answer) for answer in answers]


def _complaint_items(session: Session, where: list[Condition], owners: set[str]) -> list[DueItem]:
    store = session.store
    # Only complaints whose items could be shown are read: open ones, or, for some owners, theirs.
    chosen = (
        {field: owners for field in complaint_deadlines.OWNER_FIELDS}
        if owners
        else {"status": OPEN_COMPLAINTS}
    )
    complaints = store.records(KINDS["complaint"], where=chosen)
    customers = store.records(
        KINDS["customer"],
        where={"id": sorted({c["customer"] for c in complaints})},
        fields=complaint_deadlines.CUSTOMER_FIELDS,
    )
    items = complaint_deadlines.complaint_due_items(
        complaints,
        {customer["id"]: customer for customer in customers},
        session.config,
        session.calendar,
        session.now,
    )
    return [item for item in items if holds(where, item.as_json())]


def _plan_items(session: Session, where: list[Condition]) -> list[DueItem]:
    return [item for item in plan_due_items(session) if holds(where, item.as_json())]


def _chosen(
    session: Session, owners, within: str | dt.date | None, overdue: bool, kinds, grades
) -> tuple[list[Condition], set[str]]:
    """What `due`'s options choose, as conditions on the items' fields, and the staff ids of
    `owners`. Without `within`, followups.due_horizon of crmctl.yaml bounds how far ahead to look
    (no bound if it is not set); `overdue` keeps only what is late."""
    owners = session.config.staff_ids(owners)
    horizon = within or session.config.followups.get("due_horizon")
    where: list[Condition] = []
    if owners:
        where.append(Match("owner", tuple(sorted(owners))))
    if isinstance(horizon, dt.date):
        where.append(Below("due", horizon.isoformat(), inclusive=True))
    elif horizon:
        last_day = session.calendar.due_date(session.today, parse_duration(horizon))
        where.append(Below("due", last_day.isoformat(), inclusive=True))
    if overdue:  # late: due before today (DueItem.overdue_days > 0)
        where.append(Below("due", session.today.isoformat()))
    if kinds:  # a rule by its name, `complaint` every complaint_… rule
        where.append(Match("rule", tuple(kinds), tuple(f"{kind}_" for kind in kinds)))
    if grades:
        where.append(Match("grade", *grade_families(grades)))
    return where, owners


def due_items(
    session: Session,
    owners=(),
    within: str | dt.date | None = None,
    overdue: bool = False,
    kinds=(),
    grades=(),
    customer: str | None = None,
) -> list[DueItem]:
    """Open follow-ups, most overdue first (see `_chosen` for what the options choose); `customer`:
    only those of the customer with this id."""
    where, owners = _chosen(session, owners, within, overdue, kinds, grades)
    with session.store.settled():
        items = (
            _customer_items(session, where)
            + _complaint_items(session, where, owners)
            + _plan_items(session, where)
        )
    if customer:
        items = [item for item in items if item.customer_id == customer]
    order = sort_key(ORDER)
    return sorted(items, key=lambda item: order(item.as_json()))


def due_summary(
    session: Session,
    owners=(),
    within: str | dt.date | None = None,
    overdue: bool = False,
    kinds=(),
    grades=(),
    customer: str | None = None,
) -> list[dict]:
    """The team's load: how many of the follow-ups `due_items` gives each owner has per rule, and
    how many of those are late, by owner (the unowned last) and rule. The customers' kept
    follow-ups are counted by the store, undecoded (~130,000 at 100,000 customers)."""
    where, owner_ids = _chosen(session, owners, within, overdue, kinds, grades)
    late = Below("due", session.today.isoformat())
    every: Counter = Counter()
    overdue_ones: Counter = Counter()
    with session.store.settled():
        if customer:
            items = due_items(session, owners, within, overdue, kinds, grades, customer)
        else:
            memo = _followups_memo(session)
            for tally, chosen in ((every, where), (overdue_ones, [*where, late])):
                for owner, rule, count in session.store.memoized_counts(
                    *memo, chosen, ("owner", "rule")
                ):
                    tally[owner or "", rule] += count
            items = _complaint_items(session, where, owner_ids) + _plan_items(session, where)
    for item in items:
        every[item.owner or "", item.rule] += 1
        overdue_ones[item.owner or "", item.rule] += late.holds(item.as_json())
    return [
        {
            "owner": owner or None,
            "rule": rule,
            "total": every[owner, rule],
            "overdue": overdue_ones[owner, rule],
        }
        for owner, rule in sorted(every, key=lambda pair: (pair[0] == "", pair))
    ]
