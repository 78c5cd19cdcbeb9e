"""Taking back what was recorded on a receivable: a payment recorded wrongly or bounced, a
write-off when the customer pays after all. Nothing is removed: the payment or the write-off stays
on record marked reversed (who, when, why), and the receivable's status follows again."""

from __future__ import annotations

from ..errors import Ambiguous, CrmError, Denied, NotFound, UsageError
from ..messages import _
from ..rules import permissions
from ..rules import receivables as money_rules
from .receivables import change_receivable
from .session import Session


def _reversal(session: Session, reason: str) -> dict:
    if not reason.strip():
        raise UsageError(_("--reason is required: why it is taken back"))
    return {"date": session.today.isoformat(), "by": session.user.id, "reason": reason.strip()}


def chosen_payment(receivable: dict, ref: str) -> dict:
    """The payment `ref` names: its number as `receivable show` lists it (1 = first), its id, or a
    unique start of its id."""
    payments = receivable.get("payments") or []
    wanted = ref.strip().upper()
    if wanted.isdigit() and 1 <= int(wanted) <= len(payments):
        return payments[int(wanted) - 1]
    found = [payment for payment in payments if payment["id"].startswith(wanted)] if wanted else []
    if len(found) == 1:
        return found[0]
    if found:
        raise Ambiguous(
            _("payment '{ref}'", ref=ref),
            [f"{p['id']} {p['date']} {p['amount']}" for p in found],
        )
    listed = ", ".join(
        f"{number} {p['id']} {p['date']} {p['amount']}" for number, p in enumerate(payments, 1)
    )
    raise NotFound(
        _(
            "receivable {number} has no payment '{ref}' (its payments: {listed})",
            number=receivable["number"],
            ref=ref,
            listed=listed or _("none"),
        )
    )


def reverse_payment(session: Session, ref: str, payment_ref: str, reason: str) -> tuple[dict, dict]:
    """Take back a payment (as `pay` may record it): it stays, marked reversed, and no longer
    counts; a written-off receivable's write-off must be taken back first. Returns the receivable
    and the payment taken back."""
    reversal = _reversal(session, reason)
    taken: list[dict] = []

    def undo(receivable: dict, customer: dict) -> dict:
        denied = permissions.may_bill(session.user, customer)
        if denied:
            raise Denied(denied)
        if money_rules.written_off(receivable):
            raise CrmError(
                _(
                    "receivable {number} is written off: take the write-off back first "
                    "(crmctl receivable reverse {number} --write-off --reason ...)",
                    number=receivable["number"],
                )
            )
        payment = chosen_payment(receivable, payment_ref)
        if money_rules.reversed_by(payment):
            raise CrmError(
                _(
                    "payment {id} of {number} was already reversed on {date} by {by}",
                    id=payment["id"],
                    number=receivable["number"],
                    date=payment["reversed"]["date"],
                    by=payment["reversed"]["by"],
                )
            )
        taken.append(payment)
        return money_rules.reversed_payment(receivable, payment["id"], reversal)

    record = change_receivable(session, ref, undo, "reverse", reversal["reason"])
    return record, taken[-1]


def reinstate(session: Session, ref: str, reason: str) -> dict:
    """Take back a write-off (supervisors and managers): the balance is to be collected again."""
    reversal = _reversal(session, reason)
    denied = permissions.may_reinstate(session.user)
    if denied:
        raise Denied(denied)

    def undo(receivable: dict, customer: dict) -> dict:
        if not money_rules.written_off(receivable):
            raise CrmError(_("receivable {number} is not written off", number=receivable["number"]))
        return money_rules.reinstated(receivable, reversal)

    return change_receivable(session, ref, undo, "reverse", reversal["reason"])
