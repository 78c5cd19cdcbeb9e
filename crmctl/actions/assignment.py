"""Who owns what: assignment by hand or balanced (`assign`), and handover when someone leaves."""

from __future__ import annotations

from collections import defaultdict

from ..archive.kinds import KINDS
from ..errors import CrmError, Denied, UsageError
from ..messages import _
from ..rules import history, permissions
from ..rules.assignment import Placement, balanced_plan, loads, to_person
from ..store.team_file import stage_staff_inactive
from .lookup import find_customer, find_record, resolve_id
from .session import Session
from .validation import validated

CUSTOMER, COMPLAINT = KINDS["customer"], KINDS["complaint"]
# What a customer's load and need of an owner are read from: 100,000 customers are not decoded whole
# to count their owners (assign --auto at 100,000: 564 MB).
LOAD_FIELDS = ("id", "owner", "status")
COMPLAINT_LOAD_FIELDS = ("id", "handler", "status")
CONTACTS = "secondary_contacts"


def _check_may_assign(session: Session) -> None:
    denied = permissions.may_assign(session.user)
    if denied:
        raise Denied(denied)


def _available(session: Session, staff_id: str):
    staff = session.config.staff(staff_id)
    if not staff.active:
        raise CrmError(
            _("{staff} has left the team (active: false) and can take nothing", staff=staff)
        )
    if not staff.available(session.today):
        raise CrmError(
            _(
                "{staff} is away until {away_until} and can take nothing new",
                staff=staff,
                away_until=staff.away_until,
            )
        )
    return staff


def _find(session: Session, ref: str) -> tuple[str, dict]:
    """A complaint (T…) or a customer (id, name or phone) named on the command line."""
    if resolve_id(session.store, COMPLAINT, ref):
        return "complaint", find_record(session.store, COMPLAINT, ref)
    return "customer", find_customer(session.store, ref)


def _unplaced(plan: list[Placement]) -> None:
    missing = [placement for placement in plan if placement.to_staff is None]
    if missing:
        lines = "\n".join(f"  {p.kind} {p.record_id}: {p.reason}" for p in missing)
        raise CrmError(f"{_('nobody can take:')}\n{lines}\n{_('nothing was changed')}")


def _write(
    session: Session, tx, plan: list[Placement], records: dict, action: str, note: str | None
) -> None:
    """One history entry per record for all its placements."""
    by_record = defaultdict(list)
    for placement in plan:
        if placement.to_staff != placement.from_staff:
            by_record[placement.record_id].append(placement)
    for record_id, placements in by_record.items():
        kind = KINDS[placements[0].kind]
        record = records[record_id]
        updated = _placed(record, placements)
        updated = history.with_change(record, updated, session.now, session.user.id, action, note)
        tx.put(kind, validated(session, kind, updated))


def _placed(record: dict, placements: list[Placement]) -> dict:
    """The record with its placements: a field set, or a secondary contact replaced."""
    updated = {**record}
    for p in sorted(placements, key=lambda p: p.target_field == CONTACTS):
        if p.target_field != CONTACTS:
            updated[p.target_field] = p.to_staff
            continue
        kept = [p.to_staff if who == p.from_staff else who for who in updated.get(CONTACTS, ())]
        kept = [who for who in dict.fromkeys(kept) if who != updated.get("owner")]
        updated[CONTACTS] = kept or None
    return {key: value for key, value in updated.items() if value is not None}


def assign(session: Session, refs: list[str], to: str, note: str | None = None) -> list[Placement]:
    """Give customers and complaints to one person; every write or none."""
    _check_may_assign(session)
    target = _available(session, to)
    with session.store.transaction() as tx:
        found = {
            record["id"]: (kind, record)
            for kind, record in map(lambda ref: _find(session, ref), refs)
        }
        plan = []
        for kind, record in found.values():
            if kind == "complaint" and record["status"] == "closed":
                raise CrmError(
                    _("complaint {id} is closed; reopen it before reassigning", id=record["id"])
                )
            plan.append(
                to_person(kind, record, target, session.config, f"by hand ({session.user.id})")
            )
        _unplaced(plan)
        _write(
            session, tx, plan, {rid: record for rid, (_, record) in found.items()}, "assign", note
        )
    return plan


def auto_assign(session: Session, refs=(), dry_run: bool = False) -> list[Placement]:
    """Balanced placement of the named records, or of every customer and open complaint nobody
    has."""
    _check_may_assign(session)
    store = session.store
    with store.transaction() as tx, store.settled():
        customers = store.records(CUSTOMER, fields=LOAD_FIELDS)
        complaints = store.records(COMPLAINT, fields=COMPLAINT_LOAD_FIELDS)
        if refs:
            items = list(
                {
                    record["id"]: (kind, record)
                    for kind, record in (_find(session, r) for r in refs)
                }.values()
            )
        else:
            unowned = [c["id"] for c in customers if not c.get("owner") and c["status"] != "lost"]
            unhandled = [
                t["id"] for t in complaints if not t.get("handler") and t["status"] != "closed"
            ]
            items = [("customer", c) for c in _whole(store, CUSTOMER, unowned)]
            items += [("complaint", t) for t in _whole(store, COMPLAINT, unhandled)]
        plan = balanced_plan(items, loads(customers, complaints), session.config, session.today)
        _unplaced(plan)
        if not dry_run:
            _write(
                session,
                tx,
                plan,
                {record["id"]: record for _, record in items},
                "assign",
                "balanced (--auto)",
            )
    return plan


def _whole(store, kind, record_ids: list[str]) -> list[dict]:
    """These records whole, by id."""
    return store.records(kind, where={"id": record_ids}) if record_ids else []


def _contact_plan(session, leaver, target, contacted, customers, complaints) -> list[Placement]:
    """The leaver as a secondary contact (004 第13条) replaced: by --to, else balanced."""
    if target is not None:
        return [
            Placement("customer", c["id"], leaver.id, target.id, "handover", field=CONTACTS)
            for c in contacted
        ]
    out = []
    for customer in contacted:
        taken = {leaver.id, customer.get("owner"), *customer.get(CONTACTS, ())}
        # a second contact need not be key-account staff: the least loaded specialist will do
        anyone = {**customer, "grade": None}
        (pick,) = balanced_plan(
            [("customer", anyone)], loads(customers, complaints), session.config,
            session.today, exclude=taken,
        )  # fmt: skip
        out.append(
            Placement("customer", customer["id"], leaver.id, pick.to_staff, pick.reason, CONTACTS)
        )
    return out


def _handover_plan(
    session: Session, leaver, target, customers, theirs, complaints, contacted=()
) -> list[Placement]:
    """`customers`: everyone's LOAD_FIELDS; `theirs`: the leaver's customers, whole. Three steps:
    what the leaver owns and handles, where they are a secondary contact, where they answer as
    first responder."""
    open_complaints = [t for t in complaints if t["status"] != "closed"]
    items = [("customer", c) for c in theirs]
    items += [("complaint", t) for t in open_complaints if t.get("handler") == leaver.id]
    plan = _owned_plan(session, leaver, target, items, customers, complaints)
    plan += _contact_plan(session, leaver, target, contacted, customers, complaints)
    return plan + _responder_plan(leaver, target, plan, open_complaints)


def _owned_plan(session, leaver, target, items, customers, complaints) -> list[Placement]:
    """The leaver's customers and handled complaints: to --to, else balanced."""
    config = session.config
    if target is None:
        return balanced_plan(
            items, loads(customers, complaints), config, session.today, exclude={leaver.id}
        )
    return [
        to_person(kind, record, target, config, f"handover to {target.id}")
        for kind, record in items
    ]


def _responder_plan(leaver, target, plan, open_complaints) -> list[Placement]:
    """The first responder's duty (the reply) follows the case: to whoever handles it now."""
    handlers = {p.record_id: p.to_staff for p in plan if p.kind == "complaint"}
    out = []
    for complaint in open_complaints:
        if complaint["first_responder"] != leaver.id:
            continue
        successor = handlers.get(complaint["id"]) or complaint.get("handler")
        if successor == leaver.id or successor is None:
            successor = target.id if target else None
        out.append(
            Placement(
                "complaint",
                complaint["id"],
                leaver.id,
                successor,
                "first responder: the handler takes over the reply"
                if successor
                else "no handler to take over as first responder",
                field="first_responder",
            )
        )
    return out


def _leavers_customers(store, leaver_id: str, customers: list[dict]) -> tuple[list, list]:
    """The customers the leaver owns, and those (not lost) naming them as a secondary contact,
    whole."""
    owned = [c["id"] for c in customers if c.get("owner") == leaver_id]
    contacted = [
        c["id"] for c in customers if c["status"] != "lost" and leaver_id in (c.get(CONTACTS) or ())
    ]
    return _whole(store, CUSTOMER, owned), _whole(store, CUSTOMER, contacted)


def handover(
    session: Session,
    leaver_id: str,
    to: str | None = None,
    auto: bool = False,
    dry_run: bool = False,
) -> list[Placement]:
    """Move every customer and open complaint of a person who leaves, then mark them inactive (004
    第14条)."""
    _check_may_assign(session)
    if bool(to) == bool(auto):
        raise UsageError(_("give either --to USER or --auto"))
    leaver = session.config.staff(leaver_id)
    target = _available(session, to) if to else None
    if target is not None and target.id == leaver.id:
        raise UsageError(_("--to must name someone other than the person leaving"))
    store = session.store
    with store.transaction() as tx, store.settled():
        customers, complaints = (
            store.records(CUSTOMER, fields=(*LOAD_FIELDS, CONTACTS)),
            store.records(COMPLAINT),
        )
        theirs, contacted = _leavers_customers(store, leaver.id, customers)
        plan = _handover_plan(session, leaver, target, customers, theirs, complaints, contacted)
        # A leaver handed over already may have been given more since (a complaint logged on
        # another branch, merged afterwards): handing over again picks that up.
        if not leaver.active and not plan:
            raise CrmError(
                _(
                    "{leaver} is already inactive and has nothing left to hand over",
                    leaver=leaver,
                )
            )
        _unplaced(plan)
        if not dry_run:
            records = {record["id"]: record for record in [*contacted, *theirs, *complaints]}
            _write(
                session,
                tx,
                plan,
                records,
                "handover",
                f"{leaver.id} left; handed over by {session.user.id}",
            )
            if leaver.active:
                stage_staff_inactive(tx, session.root, leaver.id)
    return plan
