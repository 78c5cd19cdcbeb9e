"""Correcting mistakes without losing the audit trail: a visit edited or voided, a complaint's
last step undone, any record edited by hand. Each is one more history entry; none is removed."""

from __future__ import annotations

from ..archive import canonical, yamlio
from ..archive.kinds import KINDS, Kind
from ..errors import CrmError, Denied, Invalid, UsageError
from ..messages import _
from ..rules import history, permissions
from ..rules.calendar import parse_duration
from ..rules.typed_dates import PAST
from ..timeutil import iso
from .history import locate
from .lookup import find_record
from .session import Session
from .validation import validated
from .visits import parse_satisfaction

VISIT, COMPLAINT = KINDS["visit"], KINDS["complaint"]
FIXED = ("id", "created", "updated", "history")  # kept by crmctl, not by hand


def _write(session: Session, kind: Kind, before: dict, after: dict, action: str, note=None):
    """`after` with one history entry of what changed since `before`, validated and written."""
    updated = history.with_change(before, after, session.now, session.user.id, action, note)
    with session.store.transaction() as tx:
        tx.put(kind, validated(session, kind, updated))
    return updated


def edit_visit(session: Session, ref: str, fields: dict, note: str | None = None) -> dict:
    """Change the fields given (not None) of a visit, typed as `visit log` takes them; by whoever
    made it, or a supervisor or manager."""
    visit = find_record(session.store, VISIT, ref)
    _may_correct_visit(session, visit)
    after = {k: v for k, v in {**visit, **_visit_fields(session, fields)}.items() if v is not None}
    if after == visit:
        raise CrmError(
            _("visit {id}: nothing to change (give the fields to correct)", id=visit["id"])
        )
    return _write(session, VISIT, visit, after, "edit", note)


def _visit_fields(session: Session, fields: dict) -> dict:
    out = {field: value for field, value in fields.items() if value is not None}
    for field in ("summary", "needs"):
        if field in out:
            out[field] = out[field].strip() or None
    if "satisfaction" in out:
        out["satisfaction"] = parse_satisfaction(str(out["satisfaction"]))
    if "next_followup" in out:
        out["next_followup"] = session.day(out["next_followup"], what="--next").isoformat()
    if "callback_at" in out:
        out["callback_at"] = iso(session.moment(out["callback_at"], what="--callback"))
    if "at" in out:
        moment = session.moment(out["at"], PAST, "--at")
        if moment > session.now:
            raise UsageError(
                _(
                    "--at {moment} is in the future (now is {now})",
                    moment=iso(moment),
                    now=iso(session.now),
                )
            )
        out["at"] = iso(moment)
    return out


def void_visit(session: Session, ref: str, reason: str) -> dict:
    """Mark a visit logged by mistake void: it stays on file, marked, and counts for nothing."""
    if not reason.strip():
        raise CrmError(_("say why the visit is void: --reason TEXT"))
    visit = find_record(session.store, VISIT, ref)
    _may_correct_visit(session, visit)
    if visit.get("void"):
        raise CrmError(
            _("visit {id} is already void ({reason})", id=visit["id"], reason=visit["void"])
        )
    return _write(session, VISIT, visit, {**visit, "void": reason.strip()}, "void")


def _may_correct_visit(session: Session, visit: dict) -> None:
    denied = permissions.may_correct_visit(session.user, visit)
    if denied:
        raise Denied(denied)


def undo_step(session: Session, ref: str, note: str | None = None) -> tuple[dict, dict]:
    """Take back a complaint's last step (its author, or a supervisor or manager, within
    `corrections.undo_within` of crmctl.yaml): the fields it changed are restored, and an `undo`
    entry records that; the step's own entry stays. Returns the record and the step undone."""
    complaint = find_record(session.store, COMPLAINT, ref)
    step = history.last_step(complaint)
    if step is None:
        raise CrmError(
            _("complaint {id} has no step to undo (only its receipt)", id=complaint["id"])
        )
    denied = permissions.may_undo(session.user, step)
    if denied:
        raise Denied(denied)
    window = session.config.data.get("corrections", {}).get("undo_within")
    ends = history.entry_time(step)
    if window and session.calendar.add(ends, parse_duration(window)) < session.now:
        raise CrmError(
            _(
                "the {action} of {at} is older than corrections.undo_within ({window}); take the "
                "next step instead, or ask a supervisor to correct it by hand (crmctl edit {id})",
                action=step["action"],
                at=step["at"],
                window=window,
                id=complaint["id"],
            )
        )
    after = history.reverted(complaint, step)
    undone = note or f"undo {step['action']} of {step['at']} by {step['by']}"
    return _write(session, COMPLAINT, complaint, after, history.UNDO, undone), step


def editable(session: Session, ref: str) -> tuple[Kind, dict, str]:
    """The record `ref` names and its text to edit: canonical YAML without the fields crmctl
    keeps (id, created, updated, history)."""
    kind, record = locate(session, ref)
    # refused before an editor opens: the user may not change this record at all
    denied = permissions.may_edit_by_hand(session.user, kind.name, record, record)
    if denied:
        raise Denied(denied)
    shown = {key: value for key, value in record.items() if key not in FIXED}
    return kind, record, canonical.to_bytes(kind.schema, shown).decode()


def save_edit(session: Session, kind: Kind, record: dict, text: str) -> dict | None:
    """The record as edited in `text`, validated and written with one `edit` history entry; None
    when nothing changed. Invalid lists every problem; nothing is written then."""
    try:
        edited = yamlio.loads(text.encode())
    except Exception as exc:  # noqa: BLE001 - any YAML problem is the user's to fix
        raise Invalid(
            _("{kind} {id} is not valid YAML", kind=kind.name, id=record["id"]), [str(exc)]
        ) from None
    if not isinstance(edited, dict):
        raise Invalid(
            _("{kind} {id} is not valid", kind=kind.name, id=record["id"]),
            [_("(record): not a mapping")],
        )
    after = {**edited, **{key: record[key] for key in FIXED if key in record}}
    after = {key: value for key, value in after.items() if value is not None}
    if after == record:
        return None
    denied = permissions.may_edit_by_hand(session.user, kind.name, record, after)
    if denied:
        raise Denied(denied)
    return _write(session, kind, record, after, "edit")
