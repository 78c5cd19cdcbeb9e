"""Who may do what (DOMAIN.md "People and roles"). Each function returns why not, or None."""

from __future__ import annotations

import re
import shlex

from ..config import Config, Staff
from ..errors import CrmError
from .proposals import chosen, numbered, proposed_by


def is_key_account(customer: dict, config: Config) -> bool:
    """Of a grade the config marks key_account (大客户: A一级, A二级)."""
    return bool(config.grades.get(customer.get("grade"), {}).get("key_account"))


def may_own_key_accounts(staff: Staff) -> bool:
    """Managers, and staff marked key_account (大客户主管 and 大客户专员 serve key accounts,
    004)."""
    return staff.role == "manager" or staff.key_account


def unowned_key_account(customer: dict, config: Config) -> str | None:
    """Why a key account (not lost) may not be without an owner, and how to give it one."""
    if customer.get("owner") or customer.get("status") == "lost":
        return None
    if not is_key_account(customer, config):
        return None
    return (
        f"{customer.get('grade')} is a key account (大客户) and needs an owner, a manager or "
        f"key-account staff: give --owner USER (an owner column when importing), or "
        f"crmctl assign {_said(customer.get('name') or 'ID')} --to USER"
    )


def _said(name: str) -> str:
    """A name as typed on a command line: quoted only when a shell would split it."""
    return name if re.fullmatch(r"[\w.-]+", name) else shlex.quote(name)


def may_own_customer(staff: Staff, customer: dict, config: Config) -> str | None:
    if not is_key_account(customer, config) or may_own_key_accounts(staff):
        return None
    able = ", ".join(s.id for s in config.team.values() if s.active and may_own_key_accounts(s))
    return (
        f"{customer.get('grade')} is a key account (大客户): its owner must be a manager or "
        f"key-account staff (key_account: true in crmctl.yaml: {able or 'nobody yet'}), not "
        f"{staff.role} {staff}"
    )


def may_edit_customer(user: Staff, customer: dict) -> str | None:
    if user.role != "specialist" or customer.get("owner") == user.id:
        return None
    return (
        f"{user} is a specialist and may edit only their own customers ({customer['id']} is owned "
        f"by {customer.get('owner') or 'nobody'}); {_ask(user)} to give it to you: "
        f"crmctl assign {customer['id']} --to {user.id}"
    )


def may_write_customer(user: Staff, before: dict | None, after: dict) -> str | None:
    """Creating (`before` None) or changing a customer: specialists work their own customers, and
    only supervisors and managers set an owner other than the acting user."""
    if before is not None and may_edit_customer(user, before):
        return may_edit_customer(user, before)
    old_owner = before.get("owner") if before else None
    if after.get("owner") == old_owner or (before is None and after.get("owner") == user.id):
        return None
    return may_assign(user)


def may_assign(user: Staff) -> str | None:
    if user.role == "specialist":
        return f"{user} is a specialist; assigning and reassigning is for supervisors and managers"
    return None


def may_approve(user: Staff) -> str | None:
    if user.role == "specialist":
        return (
            f"{user} is a specialist; approving a complaint solution is for supervisors and "
            "managers (主管领导审批)"
        )
    return None


def may_approve_proposal(user: Staff, complaint: dict, ref, config: Config) -> str | None:
    """A supervisor or manager other than the one who proposed it (主管领导…一一过目), unless
    approval.self_approval allows it; `ref` is the proposal's number or id."""
    if may_approve(user) or ref is None:
        return may_approve(user)
    try:
        wanted = chosen(complaint, ref)
    except CrmError:
        return None  # the step itself says what is wrong with it
    made = proposed_by(complaint, wanted)
    if made is None or made[1] != user.id or config.approval.get("self_approval"):
        return None
    number = numbered(complaint).index(wanted) + 1
    return (
        f"{user} proposed solution {number} ({wanted}) of {complaint['id']}: another supervisor "
        "or manager "
        "approves it (主管领导…一一过目; approval.self_approval in crmctl.yaml allows otherwise)"
    )


def may_reply(user: Staff, complaint: dict) -> str | None:
    """The first responder owes the reply (首问负责制); a handover moves the duty."""
    if user.id == complaint.get("first_responder"):
        return None
    responder = complaint.get("first_responder")
    return (
        f"the reply to the customer of {complaint['id']} is logged by its first responder "
        f"{responder} (首问负责制), not {user}: ask {responder} to run crmctl complaint reply "
        f"{complaint['id']} --text …; the duty moves only when {responder} leaves (crmctl "
        f"handover {responder})"
    )


def may_work_complaint(user: Staff, complaint: dict) -> str | None:
    if user.role != "specialist" or user.id in (
        complaint.get("handler"),
        complaint.get("first_responder"),
    ):
        return None
    return (
        f"{user} is a specialist and may work only complaints they handle or first received "
        f"({complaint['id']} is handled by {complaint.get('handler') or 'nobody'}); "
        f"{_ask(user)} to give it to you: crmctl assign {complaint['id']} --to {user.id}"
    )


def may_log_visit(user: Staff, customer: dict) -> str | None:
    """Specialists log visits only for customers they own or are a secondary contact of."""
    if (
        user.role != "specialist"
        or user.id == customer.get("owner")
        or user.id in customer.get("secondary_contacts", ())
    ):
        return None
    return (
        f"{user} is a specialist and may log visits only for customers they own or are a secondary "
        f"contact of "
        f"({customer['id']} is owned by {customer.get('owner') or 'nobody'}); {_ask(user)} to "
        f"give it to you: crmctl assign {customer['id']} --to {user.id}"
    )


def may_import_visit(user: Staff, before: dict | None, after: dict) -> str | None:
    """Specialists import only contacts they made themselves; supervisors and managers anyone's."""
    if user.role != "specialist" or all(
        record["staff"] == user.id for record in (before, after) if record
    ):
        return None
    return (
        f"{user} is a specialist and may import only visits they made themselves "
        f"(staff {after['staff']})"
    )


def may_import_complaint(user: Staff, before: dict | None, after: dict) -> str | None:
    """Specialists import only complaints they first received or handle, as they may work only
    those."""
    for record in (before, after):
        denied = may_work_complaint(user, record) if record else None
        if denied:
            return denied
    return None


def may_bill(user: Staff, customer: dict) -> str | None:
    """Receivables and payments of a customer: whoever may log its visits (004: every key-account
    role 负责应收账款的回收与催讨)."""
    denied = may_log_visit(user, customer)
    return denied and denied.replace("log visits", "record receivables and payments")


def may_import_receivable(user: Staff, before: dict | None, after: dict) -> str | None:
    """Specialists import only receivables they collect; supervisors and managers anyone's."""
    if user.role != "specialist" or all(
        record.get("collector") == user.id for record in (before, after) if record
    ):
        return None
    return (
        f"{user} is a specialist and may import only receivables they collect "
        f"(collector {after.get('collector') or 'not given'})"
    )


def may_write_off(user: Staff) -> str | None:
    if user.role == "specialist":
        return f"{user} is a specialist; writing off a receivable is for supervisors and managers"
    return None


def may_reinstate(user: Staff) -> str | None:
    """Taking back a write-off (the customer pays after all) is for whoever may write off (004: the
    supervisor answers for bad debts)."""
    denied = may_write_off(user)
    return denied and denied.replace("writing off a receivable", "reversing a write-off")


def may_plan(user: Staff) -> str | None:
    """Development and service plans are made by supervisors and managers (004: 制定开发计划,
    组织制定售后服务计划)."""
    if user.role == "specialist":
        return f"{user} is a specialist; making plans is for supervisors and managers"
    return None


def may_correct_visit(user: Staff, visit: dict) -> str | None:
    """A visit is corrected (edited, voided) by whoever made it, or a supervisor or manager."""
    if user.role != "specialist" or visit.get("staff") == user.id:
        return None
    return (
        f"{user} is a specialist and may correct only visits they made ({visit['id']} was made "
        f"by {visit.get('staff')}); {visit.get('staff')} or a supervisor may: "
        f"crmctl visit edit {visit['id']} …"
    )


def may_undo(user: Staff, step: dict) -> str | None:
    """A complaint step is taken back by whoever took it, or a supervisor or manager."""
    if user.role != "specialist" or step.get("by") == user.id:
        return None
    return (
        f"{user} is a specialist and may undo only their own steps (the {step['action']} was by "
        f"{step.get('by')}); ask {step.get('by')} or a supervisor to run crmctl complaint undo"
    )


HAND_EDITED_ELSEWHERE = {  # fields a hand edit may not change: the commands that change them
    "complaint": {"status": "the complaint's step commands", "handler": "crmctl assign"},
}


def may_edit_by_hand(user: Staff, kind: str, before: dict, after: dict) -> str | None:
    """Editing a record in an editor: as the commands that change it would allow."""
    for field, command in HAND_EDITED_ELSEWHERE.get(kind, {}).items():
        if before.get(field) != after.get(field):
            return f"{field} is changed with {command}, not by hand"
    if kind == "customer":
        return may_write_customer(user, before, after)
    if kind == "visit":
        return may_correct_visit(user, before)
    if kind == "complaint":
        return may_work_complaint(user, before)
    return may_write_off(user)


def _ask(user: Staff) -> str:
    """Whom a specialist asks: their supervisor if crmctl.yaml names one."""
    return f"ask your supervisor {user.reports_to}" if user.reports_to else "ask a supervisor"
