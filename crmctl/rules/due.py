"""Follow-ups that fall due (DOMAIN.md): one pure function per rule, computed at query time.

Every rule takes one customer, that customer's visits (oldest first), the config, the working
calendar and `now`, and returns the `DueItem`s still open. A rule is satisfied only by the contact
it asks for: the grade cadence, the next-day call, first contacts and lost-customer visits need a
two-way contact (`contacts.reaches_customer`: reached, and not on a one-way channel such as SMS);
a greeting for an occasion may be any delivered message, an SMS included.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from . import contacts
from .calendar import WorkCalendar, parse_duration, whole_days
from .collection import collection_items, credit_review
from .due_item import DueItem
from .grading import in_grade_family
from .permissions import is_key_account

if TYPE_CHECKING:
    from ..config import Config


def _item(
    rule: str, customer: dict, due: dt.date, reason: str, calendar: WorkCalendar, **extra
) -> DueItem:
    fields = {"suggested_time": calendar.call_window(due), **extra}
    return DueItem(
        rule=rule,
        record_id=customer["id"],
        customer_id=customer["id"],
        customer_name=customer["name"],
        owner=customer.get("owner"),
        due=due,
        reason=reason,
        grade=customer.get("grade"),
        **fields,
    )


def _contacted_after(
    visits: list[dict],
    moment: dt.datetime,
    config: Config,
    staff: str | None = None,
    from_then: bool = False,
) -> bool:
    """A two-way contact after `moment` (`from_then`: at it or after: a first contact logged in
    the same minute as the assignment counts)."""
    return any(
        (contacts.when(visit) >= moment if from_then else contacts.when(visit) > moment)
        and contacts.reaches_customer(visit, config)
        and (staff is None or visit["staff"] == staff)
        for visit in visits
    )


def _open(customer: dict) -> bool:
    return customer["status"] != "lost"


def cadence(
    customer, visits, config: Config, calendar: WorkCalendar, now: dt.datetime
) -> list[DueItem]:
    """Last two-way contact + the grade's interval (分级管理: A weekly, C every two months …)."""
    grade = config.grades.get(customer.get("grade"), {})
    if not _open(customer) or not grade.get("cadence"):
        return []
    reached = [visit for visit in visits if contacts.reaches_customer(visit, config)]
    if reached:
        since = contacts.happened(reached[-1]["at"], now).date()
        last = f"last contact {since}"
    else:
        since = contacts.happened(customer["created"], now).date()
        last = f"never reached; in the archive since {since}"
    due = calendar.due_date(since, parse_duration(grade["cadence"]))
    return [
        _item(
            "cadence",
            customer,
            due,
            f"{grade.get('zh') or grade['code']}: every {grade['cadence']}; {last}",
            calendar,
        )
    ]


def next_day(
    customer, visits, config: Config, calendar: WorkCalendar, now: dt.datetime
) -> list[DueItem]:
    """A call the working day after a meeting in person (量房或者约见面谈后, 次日回访)."""
    after = config.followups.get("after_onsite")
    meetings = [
        visit for visit in visits if visit["reached"] and contacts.face_to_face(visit, config)
    ]
    if not after or not meetings or not _open(customer):
        return []
    meeting = meetings[-1]  # an earlier meeting is satisfied by the later one
    met = contacts.happened(meeting["at"], now)
    if _contacted_after(visits, contacts.when(meeting), config):
        return []
    channel = config.label("channels", meeting["channel"], "zh")
    return [
        _item(
            "next_day",
            customer,
            calendar.due_date(met.date(), parse_duration(after)),
            f"次日回访: {channel} meeting on {met.date()} by {meeting['staff']}",
            calendar,
        )
    ]


def _ownership_start(customer: dict) -> dict | None:
    """The history entry that gave the customer its current owner (a create entry carries no
    changes)."""
    if not customer.get("owner"):
        return None
    for entry in reversed(customer["history"]):
        if entry["action"] == "handover" or "owner" in entry.get("changes", {}):
            return entry
    return customer["history"][0]


def _first_contact(
    rule: str,
    setting: str,
    customer,
    visits,
    config: Config,
    calendar: WorkCalendar,
    now: dt.datetime,
) -> list[DueItem]:
    start = _ownership_start(customer)
    limit = config.followups.get(setting)
    if start is None or not limit or not _open(customer):
        return []
    if (start["action"] == "handover") != (
        rule == "handover"
    ):  # a handover has its own, shorter limit
        return []
    began = contacts.happened(start["at"], now)
    owner = customer["owner"]
    started = dt.datetime.fromisoformat(start["at"])
    if _contacted_after(visits, started, config, staff=owner, from_then=True):
        return []
    how = "handed over" if rule == "handover" else f"owner since {start['action']} by {start['by']}"
    return [
        _item(
            rule,
            customer,
            calendar.due_date(began.date(), parse_duration(limit)),
            f"{owner} {how} on {began.date()}: first contact within {limit}",
            calendar,
        )
    ]


def new_owner(
    customer, visits, config: Config, calendar: WorkCalendar, now: dt.datetime
) -> list[DueItem]:
    """The new owner's first contact within a week of the assignment (应在一周内与客户进行沟通)."""
    return _first_contact(
        "new_owner", "new_owner_first_contact", customer, visits, config, calendar, now
    )


def handover(
    customer, visits, config: Config, calendar: WorkCalendar, now: dt.datetime
) -> list[DueItem]:
    """The new owner's first contact after a departing colleague's handover (004 第14条)."""
    return _first_contact(
        "handover", "handover_first_contact", customer, visits, config, calendar, now
    )


def planned(
    customer, visits, config: Config, calendar: WorkCalendar, now: dt.datetime
) -> list[DueItem]:
    """The next follow-up date or agreed call-back time of the latest visit that set one."""
    plans = [visit for visit in visits if visit.get("next_followup") or visit.get("callback_at")]
    if not plans or _contacted_after(visits, contacts.when(plans[-1]), config):
        return []
    plan = plans[-1]
    summary = plan["summary"].splitlines()[0][:60]
    set_on = f"set on {contacts.happened(plan['at'], now).date()} by {plan['staff']}: {summary}"
    items = []
    if plan.get("next_followup"):
        day = dt.date.fromisoformat(plan["next_followup"])
        items.append(
            _item(
                "followup",
                customer,
                calendar.roll_forward(day),
                f"next follow-up {day} {set_on}",
                calendar,
            )
        )
    if plan.get("callback_at"):
        agreed = dt.datetime.fromisoformat(plan["callback_at"]).astimezone(now.tzinfo)
        items.append(
            _item(
                "callback",
                customer,
                agreed.date(),
                f"call-back agreed for {agreed:%Y-%m-%d %H:%M} {set_on}",
                calendar,
                due_at=agreed,
                suggested_time=f"{agreed:%H:%M}",
            )
        )
    return items


def lost(
    customer, visits, config: Config, calendar: WorkCalendar, now: dt.datetime
) -> list[DueItem]:
    """A visit to a lost customer to learn why (对流失掉的客户进行回访, 了解流失的原因)."""
    limit = config.followups.get("lost_customer_visit")
    if customer["status"] != "lost" or not customer.get("lost_at") or not limit:
        return []
    lost_at = contacts.happened(customer["lost_at"], now)
    if _contacted_after(visits, dt.datetime.fromisoformat(customer["lost_at"]), config):
        return []
    reason = (
        customer.get("lost_reason", "").splitlines()[0][:60] if customer.get("lost_reason") else ""
    )
    return [
        _item(
            "lost",
            customer,
            calendar.due_date(lost_at.date(), parse_duration(limit)),
            f"流失回访: lost on {lost_at.date()} ({reason}); learn why",
            calendar,
        )
    ]


PROFILE_ACTIONS = ("create", "import", "edit")  # what changes a customer's information


def profile_refresh(
    customer, visits, config: Config, calendar: WorkCalendar, now: dt.datetime
) -> list[DueItem]:
    """A key account's information refreshed every followups.profile_refresh (004 6.3: 联系人、
    电话、地址…每个月): answered by editing it, or by setting profile_checked when nothing
    changed."""
    limit = config.followups.get("profile_refresh")
    if not limit or not _open(customer) or not is_key_account(customer, config):
        return []
    edits = [
        contacts.happened(entry["at"], now).date()
        for entry in customer.get("history", ())
        if entry["action"] in PROFILE_ACTIONS
    ]
    checked = customer.get("profile_checked")
    last = max([*edits, *([dt.date.fromisoformat(checked)] if checked else [])], default=None)
    if last is None:
        return []
    return [
        _item(
            "profile_refresh",
            customer,
            calendar.due_date(last, parse_duration(limit)),
            f"大客户资料更新 every {limit}: last {last}; edit it, or set profile_checked",
            calendar,
        )
    ]


def _yearly(month: int, day: int, today: dt.date) -> dt.date:
    """The next time a yearly date comes round, today included (29 February: the 28th in other
    years)."""
    for year in (today.year, today.year + 1):
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            candidate = dt.date(year, month, day - 1)
        if candidate >= today:
            return candidate
    raise AssertionError("a yearly date always comes round within a year")


def _occasions(customer: dict, config: Config, today: dt.date) -> list[tuple[str, dt.date]]:
    """The customer's coming occasions: birthday, anniversary, and the config's holidays and
    promotions."""
    found = []
    for field, name in (("birthday", "生日 birthday"), ("anniversary", "纪念日 anniversary")):
        if customer.get(field):
            date = dt.date.fromisoformat(customer[field])
            found.append((name, _yearly(date.month, date.day, today)))
    for occasion in config.followups.get("occasions", ()):
        if occasion.get("grades") and not any(
            in_grade_family(customer.get("grade"), g) for g in occasion["grades"]
        ):
            continue
        if occasion.get("tags") and not set(occasion["tags"]) & set(customer.get("tags", ())):
            continue
        if len(occasion["date"]) == len("YYYY-MM-DD"):
            date = dt.date.fromisoformat(occasion["date"])
            if date >= today:
                found.append((occasion["name"], date))
        else:
            month, day = map(int, occasion["date"].split("-"))
            found.append((occasion["name"], _yearly(month, day, today)))
    return found


def occasion(
    customer, visits, config: Config, calendar: WorkCalendar, now: dt.datetime
) -> list[DueItem]:
    """Greetings ahead of birthdays, anniversaries, holidays and promotions (特色回访); an SMS will
    do."""
    lead = config.followups.get("occasion_lead")
    if not lead or not _open(customer):
        return []
    items = []
    reached = [visit for visit in visits if visit["reached"]]
    last_reached = (
        contacts.happened(reached[-1]["at"], now).date() if reached else None
    )  # visits come oldest first
    for name, day in _occasions(customer, config, now.date()):
        opens = day - whole_days(lead)
        if (
            last_reached is None or last_reached < opens
        ):  # not greeted since the greeting window opened
            items.append(
                _item(
                    "occasion",
                    customer,
                    calendar.roll_forward(opens),
                    f"特色回访: {name} on {day}; greet {lead} ahead",
                    calendar,
                )
            )
    return items


RULES = (
    cadence,
    next_day,
    new_owner,
    handover,
    planned,
    lost,
    occasion,
    credit_review,
    profile_refresh,
)
# the names the rules give their items (`planned` gives two), for `due --kind`
RULE_NAMES = (
    "cadence",
    "next_day",
    "new_owner",
    "handover",
    "followup",
    "callback",
    "lost",
    "occasion",
    "credit_review",
    "profile_refresh",
)


def followups_of(
    customer: dict, visits: list[dict], config: Config, calendar: WorkCalendar, now: dt.datetime
) -> list[DueItem]:
    """Every open follow-up of one customer (its visits oldest first; void ones count for
    nothing)."""
    visits = contacts.counted(visits)
    return [item for rule in RULES for item in rule(customer, visits, config, calendar, now)]


def unchanged_until(customer: dict, visits: list[dict], config: Config, today: dt.date) -> dt.date:
    """The first day after `today` on which `followups_of` may answer differently with no record or
    setting changed: the day after the nearest occasion, whose next date then moves on, or tomorrow
    while a moment of the records may lie ahead (`contacts.happened` takes it as the day it is
    asked on). Every other rule's answer depends on the records alone (and "overdue" is counted at
    output)."""
    days = [day for _, day in _occasions(customer, config, today)]
    if _latest_day(customer, visits) >= today.isoformat():  # written in its own offset: a day off
        days.append(today)
    return min(days) + dt.timedelta(days=1) if days else dt.date.max


def _latest_day(customer: dict, visits: list[dict]) -> str:
    """The latest day (YYYY-MM-DD as written) of the moments the rules take as passed."""
    stamps = [
        customer["created"],
        customer.get("lost_at") or "",
        *(entry["at"] for entry in customer.get("history", ())),
        *(visit["at"] for visit in visits),
    ]
    return max(stamp[:10] for stamp in stamps)


def followups_with_validity(
    customer_id: str,
    customer: dict | None,
    visits: list[dict],
    receivables: list[dict],
    config: Config,
    calendar: WorkCalendar,
    now: dt.datetime,
) -> tuple[list[dict], str, str]:
    """A customer's follow-ups (`followups_of`) and the chases of what it owes
    (`collection.collection_items` of its open receivables), as JSON, its records in any order; and
    the days between which they are the answer: from today until `unchanged_until`, or only today
    while it owes (a debt's follow-ups move with the day). A customer whose file is missing or
    unreadable owes none until its file is back."""
    today = now.date()
    if customer is None:
        return [], today.isoformat(), dt.date.max.isoformat()
    items = followups_of(customer, sorted(visits, key=contacts.when), config, calendar, now)
    owed = [receivable for receivable in receivables if receivable["state"] == "open"]
    items += collection_items(owed, {customer_id: customer}, visits, config, calendar, now)
    until = unchanged_until(customer, visits, config, today)
    if owed:
        until = min(until, today + dt.timedelta(days=1))
    return [item.as_json() for item in items], today.isoformat(), until.isoformat()
