"""Escalation use cases: one complaint up the chain by hand, or every timed level that has been
reached."""

from __future__ import annotations

from ..archive.kinds import KINDS
from ..errors import CrmError, Denied
from ..messages import _
from ..rules import history, permissions
from ..rules.escalation import Escalation, due_escalations, gravity, next_up
from .lookup import find_record
from .session import Session
from .validation import validated

COMPLAINT = KINDS["complaint"]


def escalate(session: Session, ref: str, reason: str) -> dict:
    """Move the handler one level up the reports_to chain (specialist → supervisor → manager)."""
    user, config = session.user, session.config
    if not reason.strip():
        raise CrmError(_("escalating needs --reason: why it cannot be handled at this level"))
    with session.store.transaction() as tx:
        complaint = find_record(session.store, COMPLAINT, ref)
        denied = permissions.may_work_complaint(user, complaint)
        if denied:
            raise Denied(denied)
        if complaint["status"] == "closed":
            raise CrmError(_("complaint {id} is closed; reopen it first", id=complaint["id"]))
        handler = config.team.get(complaint.get("handler"))
        if handler is None:
            raise CrmError(
                _(
                    "complaint {id} has no handler; assign it (crmctl assign {id} --to USER)",
                    id=complaint["id"],
                )
            )
        boss = next_up(handler, config, session.today)
        if boss is None:
            raise CrmError(
                _(
                    "{handler} is at the top of the reports_to chain (or everyone above is "
                    "away): there is nobody to escalate to",
                    handler=handler,
                )
            )
        updated = history.with_change(
            complaint,
            {**complaint, "handler": boss.id},
            session.now,
            user.id,
            "escalate",
            reason.strip(),
        )
        tx.put(COMPLAINT, validated(session, COMPLAINT, updated))
    return updated


def auto_escalate(session: Session, dry_run: bool = False) -> list[Escalation]:
    """Apply every timed level reached of every missed target, once each, the most severe
    complaints first; a second run at the same time does nothing."""
    user = session.user
    plan = []
    with session.store.transaction() as tx:
        complaints = session.store.records(COMPLAINT)
        for complaint in sorted(complaints, key=lambda c: gravity(session.config, c)):
            steps = due_escalations(complaint, session.config, session.calendar, session.now)
            plan.extend(steps)
            current = complaint
            for step in steps if not dry_run else ():
                if step.to_handler is None:
                    break
                escalated = {**current.get("escalated", {}), step.target: step.level}
                updated = {**current, "handler": step.to_handler, "escalated": escalated}
                current = history.with_change(
                    current, updated, session.now, user.id, "escalate", step.reason
                )
            if current is not complaint:
                tx.put(COMPLAINT, validated(session, COMPLAINT, current))
    return plan
