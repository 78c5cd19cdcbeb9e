"""Plan use cases (大客户开发计划, 售后服务计划): create, plan actions, mark done, progress,
report."""

from __future__ import annotations

from ..archive import ids
from ..archive.kinds import KINDS
from ..errors import Ambiguous, Denied, NotFound, UsageError
from ..messages import _
from ..rules import history, permissions, plans
from ..rules.consistency import plan_problems
from ..rules.report import Section
from ..rules.typed_dates import PAST
from .lookup import find_customer, find_record
from .session import Session
from .validation import refuse_problems

PLAN = KINDS["plan"]
CUSTOMER = KINDS["customer"]
VISIT = KINDS["visit"]
ACTION_LETTER = "A"  # planned actions carry ids of their own, so clones' additions merge
ACTION_COLUMNS = [
    "target_date",
    "customer_name",
    "type",
    "purpose",
    "owner",
    "status",
    "done_on",
    "action",
]

MIN_PREFIX = 2  # the action id's letter and at least one character


def _validated(session: Session, plan: dict) -> dict:
    refuse_problems(
        _("plan {title} is not valid", title=plan["title"]), plan_problems(plan, session.config)
    )
    return plan


def _may_plan(session: Session) -> None:
    denied = permissions.may_plan(session.user)
    if denied:
        raise Denied(denied)


def add_plan(
    session: Session,
    title: str,
    kind: str,
    start: str,
    end: str,
    owner: str | None = None,
    accounts=(),
    notes: str | None = None,
) -> dict:
    """A development or service plan for a period (supervisors and managers)."""
    _may_plan(session)
    if not title.strip():
        raise UsageError(_("the plan's title is empty"))
    plan = {
        "id": ids.new_id(PLAN.letter, session.now),
        "kind": kind,
        "title": title.strip(),
        "start": session.day(start, what="--from").isoformat(),
        "end": session.day(end, what="--to").isoformat(),
        "owner": session.config.staff(owner).id if owner else session.user.id,
        "accounts": list(dict.fromkeys(find_customer(session.store, ref)["id"] for ref in accounts))
        or None,
        "notes": (notes or "").strip() or None,
    }
    plan = _validated(session, history.created(plan, session.now, session.user.id))
    with session.store.transaction() as tx:
        tx.put(PLAN, plan)
    return plan


def find_plan(session: Session, ref: str) -> dict:
    return find_record(session.store, PLAN, ref)


def _change(session: Session, ref: str, change, action: str, note: str | None = None) -> dict:
    with session.store.transaction() as tx:
        before = find_plan(session, ref)
        after = change(before)
        after = history.with_change(before, after, session.now, session.user.id, action, note)
        tx.put(PLAN, _validated(session, after))
    return after


def add_action(
    session: Session,
    ref: str,
    customer_ref: str,
    kind: str,
    target: str,
    purpose: str | None = None,
    owner: str | None = None,
    note: str | None = None,
) -> dict:
    """Plan one action for a customer (added to the plan's accounts if it is not among them)."""
    _may_plan(session)
    customer = find_customer(session.store, customer_ref)
    action = {
        "id": ids.new_id(ACTION_LETTER, session.now),
        "customer": customer["id"],
        "type": kind,
        "purpose": purpose,
        "target": session.day(target, what="--target").isoformat(),
        "owner": session.config.staff(owner).id if owner else customer.get("owner"),
        "note": (note or "").strip() or None,
    }
    if action["owner"] is None:
        raise UsageError(
            _("{customer} has no owner: say who does it with --owner", customer=customer["name"])
        )

    def plan_it(plan: dict) -> dict:
        accounts = list(dict.fromkeys([*(plan.get("accounts") or ()), customer["id"]]))
        entry = {key: value for key, value in action.items() if value is not None}
        return {**plan, "accounts": accounts, "actions": [*plan.get("actions", ()), entry]}

    return _change(session, ref, plan_it, "plan")


def _action_index(plan: dict, ref: str) -> int:
    text = ref.strip().upper()
    found = [i for i, a in enumerate(plan.get("actions", ())) if a["id"].startswith(text)]
    if len(found) > 1:
        raise Ambiguous(_("action '{ref}'", ref=ref), [plan["actions"][i]["id"] for i in found])
    if not found or len(text) < MIN_PREFIX:
        raise NotFound(_("plan {plan} has no action '{ref}'", plan=plan["id"], ref=ref))
    return found[0]


def mark_done(
    session: Session, ref: str, action_ref: str, on: str | None = None, note: str | None = None
) -> dict:
    """Mark a planned action done (a review, an event, or work done outside crmctl): its owner, or
    a supervisor or manager."""
    day = session.day(on, PAST, "--date") if on else session.today
    if day > session.today:
        raise UsageError(_("--date {day} is in the future", day=day))

    def done(plan: dict) -> dict:
        actions = [dict(action) for action in plan.get("actions", ())]
        action = actions[_action_index(plan, action_ref)]
        if action["owner"] != session.user.id:
            _may_plan(session)
        if action.get("done"):
            raise UsageError(_("action {action} is already marked done", action=action["id"]))
        action["done"] = {"date": day.isoformat(), "by": session.user.id}
        if note and note.strip():
            action["done"]["note"] = note.strip()
        return {**plan, "actions": actions}

    return _change(session, ref, done, "done", note)


def progress_rows(session: Session, plan: dict) -> list[dict]:
    """The plan's actions with their status today, and their customers' names."""
    accounts = sorted({a["customer"] for a in plan.get("actions", ())})
    visits = session.store.records(VISIT, where={"customer": accounts}) if accounts else []
    rows = plans.progress(plan, visits, session.config, session.now)
    names = customer_names(session, accounts)
    return [{**row, "customer_name": names.get(row["customer"])} for row in rows]


def customer_names(session: Session, customer_ids) -> dict[str, str]:
    return {
        c["id"]: c["name"]
        for c in session.store.records(
            CUSTOMER, where={"id": sorted(customer_ids)}, fields=("id", "name")
        )
    }


def list_plans(session: Session, kind=(), owner=(), active: bool = False) -> list[dict]:
    owners = session.config.staff_ids(owner)
    today = session.today.isoformat()
    return [
        plan
        for plan in session.store.records(PLAN)
        if (not kind or plan["kind"] in kind)
        and (not owners or plan["owner"] in owners)
        and (not active or plan["start"] <= today <= plan["end"])
    ]


def plan_report(session: Session, refs=()) -> list[Section]:
    """Plan against done of the plans named (default: those whose period holds today), per action,
    per account and per owner."""
    chosen = [find_plan(session, ref) for ref in refs] or list_plans(session, active=True)
    rows = [row for plan in chosen for row in progress_rows(session, plan)]
    names = {row["customer"]: row["customer_name"] for row in rows}
    return [
        Section("plan_actions", ACTION_COLUMNS, rows),
        Section(
            "plan_by_account",
            ["customer_name", *plans.SUMMARY_COLUMNS],
            plans.summary(rows, "customer", names),
        ),
        Section(
            "plan_by_owner", ["owner", *plans.SUMMARY_COLUMNS], plans.summary(rows, "owner", names)
        ),
    ]


def plan_due_items(session: Session) -> list:
    """The planned actions not yet done of every plan whose period has not ended, for `due`."""
    today = session.today.isoformat()
    current = [p for p in session.store.records(PLAN) if p.get("actions") and p["end"] >= today]
    rows = {plan["id"]: progress_rows(session, plan) for plan in current}
    customers = {
        c["id"]: c
        for c in session.store.records(
            CUSTOMER,
            where={"id": sorted({row["customer"] for found in rows.values() for row in found})},
            fields=("id", "name", "grade"),
        )
    }
    return [
        item
        for plan in current
        for item in plans.due_items(
            plan, rows[plan["id"]], customers, session.calendar, session.now
        )
    ]
