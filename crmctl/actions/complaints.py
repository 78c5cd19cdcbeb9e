"""Complaint use cases (建议和投诉): log, the lifecycle steps, hold/resume, reply, list and show."""

from __future__ import annotations

from ..archive import ids
from ..archive.kinds import KINDS
from ..errors import CrmError, Denied, NotFound, UsageError
from ..messages import _
from ..rules import complaint_lifecycle as lifecycle
from ..rules import history, permissions, proposals
from ..rules.complaint_deadlines import breaches, targets
from ..rules.escalation import up_to_role
from ..rules.satisfaction import as_word, parse_satisfaction
from ..rules.typed_dates import PAST
from ..timeutil import iso
from .lookup import customer_names, find_customer, find_record, id_shaped, resolve_id
from .session import Session
from .validation import validated

COMPLAINT = KINDS["complaint"]
NEW_FROM_VISIT_OPTIONS = (
    "--kind, --severity and --category"  # of `visit log`, for the complaint it raises
)


def visit_ids(refs) -> list[str]:
    """Visit ids in canonical form; whether the visits exist is the consistency rule's business."""
    out = [ref.strip().upper() for ref in refs]
    bad = [ref for ref in out if not (ids.is_valid(ref) and ref.startswith("V"))]
    if bad:
        raise UsageError(
            _("not a visit id: {bad} (V followed by 15 characters)", bad=", ".join(bad))
        )
    return out


def _references(session: Session, complaint: dict, staged_visits=()) -> dict:
    """The ids among those the complaint names that exist (or are staged in the same transaction),
    for the consistency rule to check against."""
    kinds = {"customer": [complaint["customer"]], "visit": complaint.get("visits", ())}
    known = {
        name: {i for i in wanted if session.store.existing_path(KINDS[name], i)}
        for name, wanted in kinds.items()
    }
    known["visit"] |= set(staged_visits)
    return known


def first_handler(session: Session, severity: str | None):
    """The receiver, or the first person up their chain of the role the severity starts at (crisis:
    a manager)."""
    role = session.config.deadlines["severities"].get(severity, {}).get("start_role", "specialist")
    chosen = up_to_role(session.user, role, session.config, session.today)
    if chosen is None:
        chosen = next(
            (
                s
                for s in session.config.team.values()
                if s.role == role and s.available(session.today)
            ),
            None,
        )
    if chosen is None:
        raise CrmError(
            _(
                "a {severity} complaint starts with a {role}, and no {role} is available",
                severity=severity,
                role=role,
            )
        )
    return chosen


def new_complaint(
    session: Session,
    customer: dict,
    summary: str,
    kind: str = "complaint",
    severity: str | None = None,
    channel=None,
    category=None,
    complainant=None,
    received=None,
    visits=(),
    staged_visits=(),
) -> dict:
    """A validated new complaint record, not yet written: `visit log --complaint` puts it in its own
    transaction (`staged_visits`: linked visits staged there too, so not yet on disk)."""
    user = session.user
    if not summary.strip():
        raise CrmError(_("a complaint needs --summary: what the customer said (建议和投诉内容)"))
    if severity is None and kind not in lifecycle.LIGHT_KINDS:
        severity = "normal"  # an inquiry or lookup without one takes the light path
    moment = session.moment(received, PAST, "--received") if received else session.now
    if moment > session.now:
        raise CrmError(_("--received {moment} is in the future", moment=iso(moment)))
    record = {
        "id": ids.new_id(COMPLAINT.letter, session.now),
        "customer": customer["id"],
        "complainant": complainant,
        "kind": kind,
        "severity": severity,
        "channel": channel,
        "category": category,
        "summary": summary.strip(),
        "received": iso(moment),
        "first_responder": user.id,
        "handler": first_handler(session, severity).id,
        "status": "received",
        "visits": visit_ids(visits) or None,
    }
    record = history.created(
        {k: v for k, v in record.items() if v is not None}, session.now, user.id, "receive"
    )
    return validated(session, COMPLAINT, record, _references(session, record, staged_visits))


def _during_visit_channel(session: Session) -> str | None:
    """The complaint channel the config marks `during_visit` (回访中), if any."""
    return next(
        (
            code
            for code, entry in session.config.vocabulary("complaint_channels").items()
            if entry.get("during_visit")
        ),
        None,
    )


def for_visit(
    session: Session, customer: dict, visit: dict, text_or_ref: str, **new_fields
) -> dict:
    """The complaint a visit names (`visit log --complaint`), validated and not yet written: an
    existing complaint of the customer (id or unique prefix) with the visit added to its links, or
    else a new complaint whose summary is `text_or_ref`, raised during the visit (received when it
    happened, on the during-a-visit channel, the visiting user its first responder). The caller
    writes both records in one transaction."""
    existing = resolve_id(session.store, COMPLAINT, text_or_ref)
    if existing is None and id_shaped(COMPLAINT, text_or_ref):
        raise NotFound(
            _(
                "no complaint '{ref}'; to raise a new complaint, describe it in words",
                ref=text_or_ref.strip(),
            )
        )
    if existing is None:
        return new_complaint(
            session,
            customer,
            text_or_ref,
            channel=_during_visit_channel(session),
            received=visit["at"],
            visits=[visit["id"]],
            staged_visits=[visit["id"]],
            **new_fields,
        )
    if new_fields:
        raise UsageError(
            _(
                "{options} are for a new complaint, and {existing} already exists",
                options=NEW_FROM_VISIT_OPTIONS,
                existing=existing,
            )
        )
    complaint = session.store.load(COMPLAINT, existing)
    if complaint["customer"] != customer["id"]:
        raise CrmError(
            _(
                "complaint {existing} is about customer {customer}, not {name}",
                existing=existing,
                customer=complaint["customer"],
                name=customer["name"],
            )
        )
    step = _visit_step(session, complaint, visit)
    linked = history.with_change(
        complaint, _with_visits(step[1], [visit["id"]]), session.now, session.user.id, step[0]
    )
    return validated(session, COMPLAINT, linked, _references(session, linked, [visit["id"]]))


def _visit_step(session: Session, complaint: dict, visit: dict) -> tuple[str, dict]:
    """A reached, rated visit to a resolved complaint is its callback (处理后有回访); any other
    visit is only linked."""
    if not lifecycle.is_callback_visit(complaint, visit):
        return "link_visit", complaint
    word = as_word(visit["satisfaction"], session.config.reports.get("satisfied_at", 4))
    inputs = {"satisfaction": word, "comment": visit["summary"], "visit": visit["id"]}
    return "callback", lifecycle.apply_step(complaint, "callback", inputs, session.today)


def log_complaint(session: Session, customer_ref: str, summary: str, **fields) -> dict:
    """Receive a complaint (受理); the logging user becomes its first responder."""
    with session.store.transaction() as tx:
        record = new_complaint(
            session, find_customer(session.store, customer_ref), summary, **fields
        )
        tx.put(COMPLAINT, record)
    return record


def _change(session: Session, ref: str, action: str, apply, note=None) -> dict:
    """Load a complaint under the lock, check the user may work it, apply `apply(complaint)`, write
    it."""
    user = session.user
    with session.store.transaction() as tx:
        complaint = find_record(session.store, COMPLAINT, ref)
        denied = permissions.may_work_complaint(user, complaint)
        if denied:
            raise Denied(denied)
        updated = apply(complaint)
        updated = history.with_change(complaint, updated, session.now, user.id, action, note)
        tx.put(COMPLAINT, validated(session, COMPLAINT, updated, _references(session, updated)))
    return updated


def _with_visits(complaint: dict, visits: list[str]) -> dict:
    if not visits:
        return complaint
    return {**complaint, "visits": list(dict.fromkeys([*complaint.get("visits", ()), *visits]))}


def advance(
    session: Session, ref: str, step: str, inputs: dict, note: str | None = None, visits=()
) -> dict:
    """One lifecycle step (judge … close, reopen) with what it demands in `inputs`; `visits` links
    visit ids."""
    if step == "approve" and permissions.may_approve(session.user):
        raise Denied(permissions.may_approve(session.user))
    linked = visit_ids(visits)
    reason = inputs.get("reason") if step == "reopen" else None
    if step == "propose":  # each proposal gets its id now, so clones' proposals merge by it
        inputs = {
            **inputs,
            "proposals": tuple(
                {"id": ids.new_id(proposals.LETTER, session.now), "text": text}
                for text in inputs.get("proposals") or ()
            ),
        }
    score = parse_satisfaction(inputs.get("satisfaction")) if step == "callback" else None
    if score is not None:
        satisfied_at = session.config.reports.get("satisfied_at", 4)
        inputs = {**inputs, "satisfaction": as_word(score, satisfied_at)}

    def apply(complaint):
        if step == "approve":
            _deny(
                permissions.may_approve_proposal(
                    session.user, complaint, inputs.get("proposal"), session.config
                )
            )
        return _with_visits(lifecycle.apply_step(complaint, step, inputs, session.today), linked)

    return _change(session, ref, step, apply, note or reason)


def _deny(reason: str | None) -> None:
    if reason:
        raise Denied(reason)


def answer(session: Session, ref: str, text: str) -> dict:
    """Answer an inquiry or lookup (咨询, 查询): the answer and who gave it."""
    inputs = {"text": text, "by": session.user.id}
    return _change(
        session, ref, "answer", lambda c: lifecycle.apply_step(c, "answer", inputs, session.today)
    )


def convert(session: Session, ref: str, severity: str, note: str | None = None) -> dict:
    """An inquiry that is really a complaint becomes one, at received, its history kept; the
    severity's start role takes it (crisis: a manager)."""
    inputs = {"severity": severity, "handler": severity and first_handler(session, severity).id}
    return _change(
        session,
        ref,
        "convert",
        lambda c: lifecycle.apply_step(c, "convert", inputs, session.today),
        note,
    )


def hold(session: Session, ref: str, reason: str) -> dict:
    return _change(session, ref, "hold", lambda c: lifecycle.hold(c, reason), reason)


def resume(session: Session, ref: str, note: str | None = None) -> dict:
    return _change(session, ref, "resume", lifecycle.resume, note)


def reply(session: Session, ref: str, text: str) -> dict:
    def apply(complaint):
        _deny(permissions.may_reply(session.user, complaint))
        return lifecycle.reply(complaint, text)

    return _change(session, ref, "reply", apply)


def deadlines(session: Session, complaint: dict) -> list[dict]:
    now = session.now
    return [
        {
            "target": t.name,
            "owner": t.owner,
            "due_at": iso(t.due_at),
            "met_at": iso(t.met_at) if t.met_at else None,
            "breached": t.breached(now),
        }
        for t in targets(complaint, session.config, session.calendar, now)
    ]


def _customer_name(session: Session, customer_id: str) -> str | None:
    """One customer's name, reading only its file: showing one complaint must not read every
    customer."""
    customer = KINDS["customer"]
    path = session.store.existing_path(customer, str(customer_id))
    record = session.store.read_file(customer, path)[0] if path else None
    return record["name"] if record else None


def with_state(session: Session, complaint: dict) -> dict:
    """The record plus what is derived: customer name, deadlines, breaches, the steps allowed
    now."""
    derived = deadlines(session, complaint)
    return {
        **complaint,
        "customer_name": _customer_name(session, complaint["customer"]),
        "breaches": [d["target"] for d in derived if d["breached"]],
        "deadlines": derived,
        "allowed": lifecycle.allowed_steps(complaint),
    }


def _chosen(mine: str | None, open_only: bool) -> dict | None:
    """What the index reads of the complaints for `list_complaints` (the other filters are applied
    to what it reads): one person's, or those not closed, or all."""
    if mine:
        return {"handler": [mine], "first_responder": [mine]}
    if open_only:
        return {"status": [status for status in lifecycle.STATUSES if status != "closed"]}
    return None


def list_complaints(
    session: Session,
    status=(),
    severity=(),
    handler=(),
    first_responder=(),
    customer=None,
    breached=False,
    open_only=False,
    mine: str | None = None,
    kind=(),
) -> list[dict]:
    """Complaints meeting every filter given; `mine`: a staff id, handler or first responder."""
    wanted = {  # field -> the values kept (empty: any)
        "status": set(status),
        "severity": set(severity),
        "kind": set(kind),
        "handler": set(session.config.staff_ids(handler)),
        "first_responder": set(session.config.staff_ids(first_responder)),
        "customer": {find_customer(session.store, customer)["id"]} if customer else set(),
    }
    complaints = [
        complaint
        for complaint in session.store.records(COMPLAINT, where=_chosen(mine, open_only))
        if all(not values or _value(complaint, field) in values for field, values in wanted.items())
        and not (open_only and complaint["status"] == "closed")
        and (not mine or mine in (complaint.get("handler"), complaint["first_responder"]))
    ]
    names = customer_names(session.store, complaints)
    out = []
    for complaint in complaints:
        missed = breaches(complaint, session.config, session.calendar, session.now)
        if breached and not missed:
            continue
        out.append(
            {**complaint, "customer_name": names.get(complaint["customer"]), "breaches": missed}
        )
    return out


def _value(complaint: dict, field: str):
    return complaint.get(field, "complaint" if field == "kind" else None)
