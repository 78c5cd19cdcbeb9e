"""Visit use cases (拜访 / 回访记录): log, list, show."""

from __future__ import annotations

import datetime as dt

from ..archive import ids
from ..archive.kinds import KINDS
from ..errors import Denied, UsageError
from ..messages import _
from ..rules import contacts, history, permissions
from ..rules.consistency import visit_problems
from ..rules.satisfaction import parse_satisfaction
from ..rules.typed_dates import PAST
from ..timeutil import iso
from . import complaints
from .lookup import find_customer, find_record
from .session import Session
from .validation import refuse_problems

VISIT = KINDS["visit"]


def default_purpose(config) -> str:
    """The purpose of a visit that names none: the first of crmctl.yaml (routine)."""
    return next(iter(config.vocabulary("visit_purposes")))


def log_visit(
    session: Session,
    customer_ref: str,
    *,
    channel: str,
    reached: bool,
    summary: str,
    purpose: str | None = None,
    needs: str | None = None,
    satisfaction: str | None = None,
    next_followup: str | None = None,
    callback_at: str | None = None,
    at: str | None = None,
    promised: str | None = None,
    complaint: str | None = None,
    complaint_fields: dict | None = None,
) -> dict:
    """Record a contact made by the acting user. The customer record is left as it is: a prospect
    becomes active by winning its business, not by being called. `complaint` links an existing
    complaint or raises a new one (`complaints.for_visit`; `complaint_fields`: its kind, severity,
    category); the visit and the complaint are written together or not at all."""
    moment = _contact_moment(session, at)
    if not summary.strip():
        raise UsageError(
            _("--summary is required: what was said or done (必须保证回访信息的完整记录)")
        )
    visit = {
        "id": ids.new_id(VISIT.letter, session.now),
        "customer": None,
        "staff": session.user.id,
        "at": iso(moment),
        "channel": channel,
        "purpose": purpose or default_purpose(session.config),
        "reached": reached,
        "summary": summary.strip(),
        "needs": (needs or "").strip() or None,
        "satisfaction": parse_satisfaction(satisfaction),
        **_planned(session, moment, next_followup, callback_at, promised),
    }
    complaint_fields = _new_complaint_fields(complaint, complaint_fields)
    with session.store.transaction() as tx:
        customer = find_customer(session.store, customer_ref)
        denied = permissions.may_log_visit(session.user, customer)
        if denied:
            raise Denied(denied)
        visit["customer"] = customer["id"]
        linked = (
            None
            if complaint is None
            else complaints.for_visit(session, customer, visit, complaint, **complaint_fields)
        )
        visit["complaint"] = linked["id"] if linked else None
        visit = history.created(visit, session.now, session.user.id, action="log")
        _check_visit(visit, customer, session)
        tx.put(VISIT, visit)
        if linked:
            tx.put(complaints.COMPLAINT, linked)
    return visit


def _contact_moment(session: Session, at: str | None) -> dt.datetime:
    """When the contact happened: `--at`, else now; never in the future."""
    moment = session.moment(at, PAST, "--at") if at else session.now
    if moment > session.now:
        raise UsageError(
            _(
                "--at {moment} is in the future (now is {now}); log visits once they happened",
                moment=iso(moment),
                now=iso(session.now),
            )
        )
    return moment


def _planned(
    session: Session,
    moment: dt.datetime,
    next_followup: str | None,
    callback_at: str | None,
    promised: str | None,
) -> dict:
    """The visit's dates ahead, as typed: the next follow-up, the callback, the promised payment
    (days relative to the contact's moment)."""
    return {
        "next_followup": session.day(next_followup, what="--next", base=moment).isoformat()
        if next_followup
        else None,
        "callback_at": iso(session.moment(callback_at, what="--callback")) if callback_at else None,
        "promised": session.day(promised, what="--promised", base=moment).isoformat()
        if promised
        else None,
    }


def _new_complaint_fields(complaint: str | None, fields: dict | None) -> dict:
    """The fields given for a complaint raised by the visit; refused without `--complaint TEXT`."""
    given = {field: value for field, value in (fields or {}).items() if value is not None}
    if complaint is not None and not complaint.strip():
        raise UsageError(
            _("--complaint needs what the customer complained about, or a complaint id")
        )
    if given and complaint is None:
        raise UsageError(
            _(
                "{options} are for a complaint raised with --complaint TEXT",
                options=complaints.NEW_FROM_VISIT_OPTIONS,
            )
        )
    return given


def _check_visit(visit: dict, customer: dict, session: Session) -> None:
    refuse_problems(
        _("visit to {name} is not valid", name=customer["name"]),
        visit_problems(visit, session.config),
    )


def _local_day(visit: dict, session: Session) -> dt.date:
    return contacts.when(visit).astimezone(session.tz).date()


def list_visits(
    session: Session,
    customer: str | None = None,
    staff=(),
    since: str | None = None,
    until: str | None = None,
    channel=(),
    purpose=(),
) -> list[dict]:
    """Visits matching every filter given, oldest first."""
    customer_id = find_customer(session.store, customer)["id"] if customer else None
    staff = session.config.staff_ids(staff)
    first = session.day(since, PAST, "--since") if since else None
    last = session.day(until, PAST, "--until") if until else None
    found = [
        visit
        for visit in session.store.records(VISIT)
        if (customer_id is None or visit["customer"] == customer_id)
        and (not staff or visit["staff"] in staff)
        and (not channel or visit["channel"] in channel)
        and (not purpose or visit["purpose"] in purpose)
        and _within_days(visit, session, first, last)
    ]
    return sorted(found, key=contacts.when)


def _within_days(
    visit: dict, session: Session, first: dt.date | None, last: dt.date | None
) -> bool:
    """Whether the visit's local day is in `first`..`last` (either open)."""
    if first is None and last is None:
        return True
    day = _local_day(visit, session)
    return (first is None or day >= first) and (last is None or day <= last)


def find_visit(session: Session, ref: str) -> dict:
    return find_record(session.store, VISIT, ref)
