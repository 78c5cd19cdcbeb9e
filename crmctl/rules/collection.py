"""Collection (回款) as `due` follow-ups: reminders before a due date, the overdue chase (催收) and
its escalation, the periodic reconciliation (对账) of key accounts, and the credit review (信用).

What answers them: a payment, or a visit whose purpose `collects` or `reconciles` (visit_purposes in
crmctl.yaml), dated from the moment the item asks for. A visit may record the date the customer
promised to pay by (`promised`): the chase then waits until the day after it.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import TYPE_CHECKING

from . import contacts
from . import receivables as money
from .calendar import WorkCalendar, whole_days
from .due_item import DueItem

if TYPE_CHECKING:
    from ..config import Config

RULE_NAMES = (
    "receivable_reminder",
    "receivable_chase",
    "receivable_escalation",
    "reconciliation",
)
ONE_DAY = dt.timedelta(days=1)
CUSTOMER_FIELDS = ("id", "name", "owner", "grade", "status")  # what the rules read of a customer


def purposes(config: Config, *flags: str) -> list[str]:
    """The visit purposes that carry any of `flags` (collects, reconciles)."""
    return [
        code
        for code, entry in config.vocabulary("visit_purposes").items()
        if any(entry.get(flag) for flag in flags)
    ]


def _item(rule: str, record_id: str, customer: dict, owner, due: dt.date, reason: str, calendar):
    return DueItem(
        rule=rule,
        record_id=record_id,
        customer_id=customer["id"],
        customer_name=customer["name"],
        owner=owner,
        due=due,
        reason=reason,
        suggested_time=calendar.call_window(due),
        grade=customer.get("grade"),
    )


def _day(visit: dict, now: dt.datetime) -> dt.date:
    return contacts.happened(visit["at"], now).date()


def _next_chase(start: dt.date, actions: list[tuple[dt.date, dict | None]], every: dt.timedelta):
    """When to chase next: `start` with no action since; else `every` after the last action (a
    payment, or a visit), but never before the day after a date a visit says the customer promised
    to pay by."""
    since = [action for action in actions if action[0] >= start]
    if not since:
        return start, "never chased"
    day, visit = max(since, key=lambda action: action[0])
    what = f"last {'payment' if visit is None else 'chase'} {day}"
    promises = [v["promised"] for _, v in since if v and v.get("promised")]
    promised = max(promises, default=None)
    if promised and dt.date.fromisoformat(promised) >= day:
        waits = dt.date.fromisoformat(promised) + ONE_DAY
        return max(day + every, waits), f"{what}, promised by {promised}"
    return day + every, what


def _receivable_items(
    receivable: dict,
    customer: dict,
    visits: list[dict],
    config: Config,
    calendar: WorkCalendar,
    now: dt.datetime,
) -> list[DueItem]:
    settings, today = config.receivables, now.date()
    due = dt.date.fromisoformat(receivable["due"])
    left = money.balance(receivable, today)
    collector = receivable.get("collector") or customer.get("owner")
    what = f"{receivable['number']} {money.money(left)} {receivable['currency']}"

    def item(rule, owner, day, reason):
        return _item(rule, receivable["id"], customer, owner, day, reason, calendar)

    if today <= due:
        remind = due - whole_days(settings.get("reminder_lead"))
        if any(_day(visit, now) >= remind for visit in visits):
            return []
        return [item("receivable_reminder", collector, remind, f"到期提醒: {what} due {due}")]
    payments = [(dt.date.fromisoformat(p["date"]), None) for p in money.counted(receivable, today)]
    chases = [(_day(visit, now), visit) for visit in visits]
    every = whole_days(settings.get("chase_every", "7d"))
    next_day, last = _next_chase(due + ONE_DAY, [*payments, *chases], every)
    late = f"{what}, {(today - due).days} days overdue (due {due})"
    out = [item("receivable_chase", collector, next_day, f"催收: {late}; {last}")]
    staff = config.team.get(collector) if collector else None
    supervisor = staff.reports_to if staff else None
    if settings.get("escalate_after") and supervisor:
        start = due + whole_days(settings["escalate_after"])
        own = [chase for chase in chases if chase[1]["staff"] == supervisor]
        next_day, last = _next_chase(start, [*payments, *own], every)
        reason = f"催收升级 ({collector} → {supervisor}) from {start}: {late}; {last}"
        out.append(item("receivable_escalation", supervisor, next_day, reason))
    return out


def period_end(day: dt.date, period: str) -> dt.date:
    """The last day of the month (or quarter) holding `day`."""
    months = 3 if period == "quarter" else 1
    first_month = (day.month - 1) // months * months + 1
    year, month = divmod(first_month - 1 + months, 12)
    return dt.date(day.year + year, month + 1, 1) - ONE_DAY


def _reconciliation(
    customer: dict,
    owed: list[dict],
    visits: list[dict],
    config: Config,
    calendar: WorkCalendar,
    now: dt.datetime,
) -> DueItem:
    """The next 对账 of a key account that owes: the end of the period after its last one, or of the
    period of its oldest open receivable if it was never reconciled."""
    period = config.receivables["reconcile"]
    done = [_day(visit, now) for visit in visits]
    if done:
        last = max(done)
        due, since = period_end(period_end(last, period) + ONE_DAY, period), f"last {last}"
    else:
        first = min(dt.date.fromisoformat(r["issued"]) for r in owed)
        due, since = period_end(first, period), "never reconciled"
    total = sum((money.balance(r, now.date()) for r in owed), money.ZERO)
    currencies = "/".join(sorted({r["currency"] for r in owed}))
    amount = f"{money.money(total)} {currencies}"
    reason = f"对账 ({period}): {len(owed)} open receivable(s), {amount}; {since}"
    return _item(
        "reconciliation",
        customer["id"],
        customer,
        customer.get("owner"),
        calendar.roll_forward(due),
        reason,
        calendar,
    )


def collection_items(
    receivables: list[dict],
    customers: dict[str, dict],
    visits: list[dict],
    config: Config,
    calendar: WorkCalendar,
    now: dt.datetime,
) -> list[DueItem]:
    """Every open collection follow-up of `receivables` (those not closed suffice), given their
    customers and the customers' visits of a collecting or reconciling purpose."""
    chasing, reconciling = (
        set(purposes(config, "collects", "reconciles")),
        set(purposes(config, "reconciles")),
    )
    visits_of: dict[str, list[dict]] = defaultdict(list)
    for visit in visits:
        if visit["purpose"] in chasing:
            visits_of[visit["customer"]].append(visit)
    owed: dict[str, list[dict]] = defaultdict(list)
    out = []
    for receivable in receivables:
        customer = customers.get(receivable["customer"])
        if customer is None or not money.balance(receivable, now.date()):
            continue
        owed[customer["id"]].append(receivable)
        out += _receivable_items(
            receivable, customer, visits_of[customer["id"]], config, calendar, now
        )
    if config.receivables.get("reconcile"):
        for customer_id, open_ones in owed.items():
            customer = customers[customer_id]
            if config.grades.get(customer.get("grade"), {}).get("key_account"):
                done = [v for v in visits_of[customer_id] if v["purpose"] in reconciling]
                out.append(_reconciliation(customer, open_ones, done, config, calendar, now))
    return out


def credit_review(
    customer: dict, visits, config: Config, calendar: WorkCalendar, now: dt.datetime
) -> list[DueItem]:
    """The review of a customer's credit limit (信用额度), receivables.credit_review_lead before the
    customer's credit_review date; answered by setting the next review date."""
    review = customer.get("credit_review")
    if not review or customer["status"] == "lost":
        return []
    day = dt.date.fromisoformat(review) - whole_days(config.receivables.get("credit_review_lead"))
    limit = customer.get("credit_limit")
    shown = f"limit {money.money(money.amount(limit))}" if limit else "no limit set"
    reason = f"信用额度复核 by {review} ({shown}); set the next credit_review when done"
    return [
        _item(
            "credit_review", customer["id"], customer, customer.get("owner"), day, reason, calendar
        )
    ]
