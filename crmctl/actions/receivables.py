"""Receivable use cases (应收账款): add, record a payment, write off, show, list, balances."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from ..archive import ids
from ..archive.kinds import KINDS
from ..config import Config
from ..errors import Ambiguous, CrmError, Denied, NotFound, UsageError
from ..messages import _
from ..problems import Problem
from ..rules import history, permissions
from ..rules import receivables as money_rules
from ..rules.calendar import parse_duration
from ..rules.history import as_of
from ..rules.report import Section
from ..rules.typed_dates import PAST
from ..store.records import Store
from .lookup import find_customer, find_record
from .session import Session
from .validation import refuse_problems

if TYPE_CHECKING:
    from ..rules.periods import Period

RECEIVABLE = KINDS["receivable"]
CUSTOMER = KINDS["customer"]
PAYMENT_LETTER = "Y"  # payments carry ids of their own, so clones' payments merge by identity


def _amount(text: str, what: str):
    try:
        value = money_rules.amount(text)
    except ValueError as exc:
        raise UsageError(f"{what}: {exc}") from None
    if value == 0:
        raise UsageError(_("{what}: an amount must be more than 0", what=what))
    return value


def _validated(session: Session, receivable: dict) -> dict:
    from ..rules.consistency import receivable_problems  # writes only: `customer show` starts fast

    refuse_problems(
        _("receivable {number} is not valid", number=receivable["number"]),
        receivable_problems(receivable, session.config),
    )
    return receivable


def _due_date(session: Session, issued: dt.date, due: str | None, terms: str | None) -> dt.date:
    if due:
        return session.day(due, what="--due")
    chosen = terms or session.config.receivables.get("terms")
    if not chosen:
        raise UsageError(_("give --due DATE or --terms (e.g. 30d), or set receivables.terms"))
    return session.calendar.due_date(issued, parse_duration(chosen))


def add_receivable(
    session: Session,
    customer_ref: str,
    number: str,
    amount: str,
    *,
    currency: str | None = None,
    issued: str | None = None,
    due: str | None = None,
    terms: str | None = None,
    collector: str | None = None,
    notes: str | None = None,
) -> dict:
    """Record an invoice or statement a customer owes; the due date is `due`, else issued +
    terms."""
    user = session.user
    if not number.strip():
        raise UsageError(_("the invoice or statement number is empty"))
    value = _amount(amount, "amount")
    issued_day = session.day(issued, PAST, "--issued") if issued else session.today
    due_day = _due_date(session, issued_day, due, terms)
    if due_day < issued_day:
        raise UsageError(
            _(
                "--due {due_day} is before the issue date {issued_day}",
                due_day=due_day,
                issued_day=issued_day,
            )
        )
    record = {
        "id": ids.new_id(RECEIVABLE.letter, session.now),
        "customer": None,
        "number": number.strip(),
        "amount": money_rules.money(value),
        "currency": (currency or session.config.receivables.get("currency", "CNY")).upper(),
        "issued": issued_day.isoformat(),
        "terms": terms,
        "due": due_day.isoformat(),
        "state": "open",
        "collector": session.config.staff(collector).id if collector else None,
        "notes": (notes or "").strip() or None,
    }
    with session.store.transaction() as tx:
        customer = find_customer(session.store, customer_ref)
        denied = permissions.may_bill(user, customer)
        if denied:
            raise Denied(denied)
        record["customer"] = customer["id"]
        twins = [
            other["id"]
            for other in session.store.records(RECEIVABLE, where={"customer": [customer["id"]]})
            if other["number"] == record["number"]
        ]
        if twins:
            raise CrmError(
                _(
                    "{name} already has receivable {number} ({twin})",
                    name=customer["name"],
                    number=record["number"],
                    twin=twins[0],
                )
            )
        record = _validated(session, history.created(record, session.now, user.id, action="bill"))
        tx.put(RECEIVABLE, record)
    return record


def find_receivable(session: Session, ref: str) -> dict:
    """A receivable by its id, a unique start of it, or its invoice or statement number (what people
    know it by)."""
    try:
        return find_record(session.store, RECEIVABLE, ref)
    except NotFound:
        wanted = ref.strip().casefold()
        found = [
            receivable
            for receivable in session.store.records(RECEIVABLE, fields=("id", "number", "customer"))
            if receivable["number"].casefold() == wanted
        ]
    if len(found) > 1:
        candidates = [_("{id} of {customer}", id=r["id"], customer=r["customer"]) for r in found]
        raise Ambiguous(_("receivable '{ref}'", ref=ref), candidates)
    if not found:
        raise NotFound(
            _(
                "no receivable '{ref}' (give its id, a unique start of it, or its invoice or "
                "statement number)",
                ref=ref,
            )
        )
    return session.store.load(RECEIVABLE, found[0]["id"])


def change_receivable(
    session: Session, ref: str, change, action: str, note: str | None = None
) -> dict:
    """Apply `change(receivable, customer)` -> new receivable under the lock, with its history
    entry."""
    with session.store.transaction() as tx:
        before = find_receivable(session, ref)
        customer = session.store.load(CUSTOMER, before["customer"])
        after = change(before, customer)
        after = history.with_change(before, after, session.now, session.user.id, action, note)
        tx.put(RECEIVABLE, _validated(session, after))
    return after


def record_payment(
    session: Session, ref: str, amount: str, on: str | None = None, note: str | None = None
) -> dict:
    """A payment received against a receivable: never more than is still open."""
    value = _amount(amount, "amount")
    day = session.day(on, PAST, "--date") if on else session.today
    if day > session.today:
        raise UsageError(
            _("--date {day} is in the future; record payments once they arrived", day=day)
        )

    def pay(receivable: dict, customer: dict) -> dict:
        denied = permissions.may_bill(session.user, customer)
        if denied:
            raise Denied(denied)
        if money_rules.written_off(receivable):
            raise CrmError(
                _(
                    "receivable {number} is written off; nothing is open",
                    number=receivable["number"],
                )
            )
        left = money_rules.outstanding(receivable)
        if value > left:
            raise CrmError(
                _(
                    "a payment of {amount} is more than the {left} {currency} still open "
                    "on {number}",
                    amount=money_rules.money(value),
                    left=money_rules.money(left),
                    currency=receivable["currency"],
                    number=receivable["number"],
                )
            )
        if day < dt.date.fromisoformat(receivable["issued"]):
            raise UsageError(_("--date {day} is before the receivable was issued", day=day))
        payment = {
            "id": ids.new_id(PAYMENT_LETTER, session.now),
            "date": day.isoformat(),
            "amount": money_rules.money(value),
            "by": session.user.id,
        }
        if note and note.strip():
            payment["note"] = note.strip()
        payments = [*receivable.get("payments", ()), payment]
        return money_rules.settled(
            {**receivable, "payments": sorted(payments, key=lambda p: (p["date"], p["id"]))}
        )

    return change_receivable(session, ref, pay, "pay")


def write_off(session: Session, ref: str, reason: str) -> dict:
    """Give up the open balance as uncollectable (坏账核销): supervisors and managers."""
    if not reason.strip():
        raise UsageError(_("--reason is required: why the balance cannot be collected"))
    denied = permissions.may_write_off(session.user)
    if denied:
        raise Denied(denied)

    def off(receivable: dict, customer: dict) -> dict:
        if money_rules.status(receivable) in ("paid", "written_off"):
            raise CrmError(
                _(
                    "receivable {number} is {status}; nothing is left to write off",
                    number=receivable["number"],
                    status=money_rules.status(receivable),
                )
            )
        done = {"date": session.today.isoformat(), "by": session.user.id, "reason": reason.strip()}
        return money_rules.settled({**receivable, "written_off": done})

    return change_receivable(session, ref, off, "write_off", reason.strip())


def described(session: Session, receivable: dict, names: dict[str, str] | None = None) -> dict:
    """The receivable with its derived figures on today, and its customer's name."""
    out = money_rules.described(receivable, session.today, session.config)
    if names is not None:
        out["customer_name"] = names.get(receivable["customer"])
    return out


def list_receivables(
    session: Session,
    customer: str | None = None,
    owner=(),
    status=(),
    overdue: bool = False,
    aging=(),
    open_only: bool = False,
) -> list[dict]:
    """Receivables (described) matching every filter, oldest due first. `owner` matches the
    collector, else the customer's owner; `overdue` keeps balances past due; `aging` names
    buckets."""
    store = session.store
    where: dict[str, list[str]] = (
        {"customer": [find_customer(store, customer)["id"]]} if customer else {}
    )
    if overdue or aging or open_only:  # a balance to collect is on a receivable not closed
        where["state"] = ["open"]
    found = store.records(RECEIVABLE, where=where or None)
    customers = {
        c["id"]: c
        for c in store.records(
            CUSTOMER,
            where={"id": sorted({r["customer"] for r in found})},
            fields=("id", "name", "owner"),
        )
    }
    owners = session.config.staff_ids(owner)
    out = []
    for receivable in found:
        row = described(session, receivable)
        whose = customers.get(receivable["customer"], {})
        row["customer_name"] = whose.get("name")
        row["owner"] = receivable.get("collector") or whose.get("owner")
        if _kept(row, owners, status, overdue, aging):
            out.append(row)
    return sorted(out, key=lambda row: (row["due"], row["id"]))


def _kept(row: dict, owners, status, overdue: bool, aging) -> bool:
    """Whether a described receivable passes every filter given (an empty one passes all)."""
    return (
        (not owners or row["owner"] in owners)
        and (not status or row["status"] in status)
        and (not overdue or (row["overdue_days"] or 0) > 0)
        and (not aging or row["aging"] in aging)
    )


def customer_balance(session: Session, customer: dict) -> dict:
    """What `customer show` adds: the open balance per currency and a credit warning, if any."""
    found = session.store.records(RECEIVABLE, where={"customer": [customer["id"]]})
    balances = money_rules.open_balances(found, session.today)
    warning = money_rules.over_credit(customer, balances, session.config)
    return {
        "open_balance": {currency: money_rules.money(value) for currency, value in balances.items()}
        or None,
        "credit_warning": warning,
    }


def credit_problems(store: Store, config: Config) -> list[Problem]:
    """A warning for every customer whose open balance exceeds its credit limit (for `check`)."""
    limited = [
        customer
        for customer in store.records(CUSTOMER, fields=("id", "name", "credit_limit"))
        if customer.get("credit_limit")
    ]
    if not limited:
        return []
    owed: dict[str, list[dict]] = {customer["id"]: [] for customer in limited}
    for receivable in store.records(RECEIVABLE, where={"customer": sorted(owed)}):
        owed[receivable["customer"]].append(receivable)
    out = []
    for customer in limited:
        why = money_rules.over_credit(
            customer, money_rules.open_balances(owed[customer["id"]]), config
        )
        path = store.existing_path(CUSTOMER, customer["id"])
        if why and path is not None:
            out.append(Problem(store.relative(path), None, "credit_limit", why, "warning"))
    return out


COLLECTION_COLUMNS = ["figure", "currency", "amount", "target", "met"]
AGING_HEAD = {"customer": ["customer_name", "owner"], "owner": ["owner"]}


def collection_section(session: Session, period: Period) -> Section:
    """回款, 欠费率, 托收率 of the month for `report monthly`, every record as it stood at the
    cutoff. Only receivables that can count are read: those due in the period, and those changed
    since it began (a payment dated in the period was recorded in it or later)."""
    from ..rules.service_report import is_key_account  # reports only: `customer show` starts fast

    store, cutoff = session.store, period.cutoff(session.now)
    days, day = [], period.start.date()
    while day < period.end.date():
        days.append(day.isoformat())
        day += dt.timedelta(days=1)
    found = [
        as_of(receivable, cutoff)
        for receivable in store.records(
            RECEIVABLE, where={"due": days}, since=period.start.timestamp()
        )
        if dt.date.fromisoformat(receivable["issued"]) <= cutoff.date()
    ]
    customers = store.records(CUSTOMER, where={"id": sorted({r["customer"] for r in found})})
    key_accounts = {
        customer["id"]
        for customer in customers
        if is_key_account(as_of(customer, cutoff), session.config)
    }
    rows = money_rules.collection_figures(found, key_accounts, session.config, period, session.now)
    return Section("collection", COLLECTION_COLUMNS, rows)


def aging_report(session: Session, **filters) -> list[Section]:
    """账龄 of the open balances today, by customer and by owner (the receivables `list` shows with
    these filters)."""
    found = list_receivables(session, open_only=True, **filters)
    customers = {
        customer["id"]: customer
        for customer in session.store.records(
            CUSTOMER,
            where={"id": sorted({row["customer"] for row in found})},
            fields=("id", "name", "owner"),
        )
    }
    names = money_rules.bucket_names(session.config)
    sections = []
    for by in ("customer", "owner"):
        rows = money_rules.aging(
            [{**row, "collector": row["owner"]} for row in found],
            customers,
            session.config,
            session.today,
            by,
        )
        columns = [*AGING_HEAD[by], "currency", *names, "total"]
        sections.append(Section(f"aging_by_{by}", columns, rows))
    return sections
