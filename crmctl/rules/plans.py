"""Plans (大客户开发计划, 售后服务计划): planned actions, what was done of them, and what falls due.

A planned visit or call is done by a logged visit that matches it: the same customer, a two-way
contact (`contacts.reaches_customer`) within the plan's period, of the planned purpose if one is
named, and for a call not face to face. Each logged visit does for one planned action only, the
earliest targets taking the earliest visits. Reviews and events, or anything done outside crmctl,
are marked done by hand (`plan done`).
"""

from __future__ import annotations

import datetime as dt

from ..config import Config
from . import contacts
from .due_item import DueItem
from .report import grouped, share

ACTION_TYPES = ("visit", "call", "review", "event")
MATCHED_BY_VISITS = ("visit", "call")
STATUSES = ("on_time", "late", "open", "overdue")  # done by the target, done after it, not done
RULE_NAME = "plan_action"
SUMMARY_COLUMNS = ["planned", "done", "on_time", "late", "open", "overdue", "done_rate"]


def _day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def _visit_day(visit: dict, tz) -> dt.date:
    return contacts.when(visit).astimezone(tz).date()


def _matches(action: dict, visit: dict, config: Config) -> bool:
    return (
        visit["customer"] == action["customer"]
        and (not action.get("purpose") or visit["purpose"] == action["purpose"])
        and not (action["type"] == "call" and contacts.face_to_face(visit, config))
        and contacts.reaches_customer(visit, config)
    )


def progress(plan: dict, visits: list[dict], config: Config, now: dt.datetime) -> list[dict]:
    """Each planned action as it stands at `now`: its status, when it was done and by what (a
    visit's id, or `marked`), earliest target first."""
    start, last = _day(plan["start"]), min(_day(plan["end"]), now.date())
    usable = sorted(
        (visit for visit in visits if start <= _visit_day(visit, now.tzinfo) <= last),
        key=contacts.when,
    )
    used: set[str] = set()
    rows = []
    for action in sorted(plan.get("actions", ()), key=lambda a: (a["target"], a["id"])):
        done_on, done_by = None, None
        if action.get("done"):
            done_on, done_by = _day(action["done"]["date"]), "marked"
        elif action["type"] in MATCHED_BY_VISITS:
            found = next(
                (v for v in usable if v["id"] not in used and _matches(action, v, config)), None
            )
            if found is not None:
                used.add(found["id"])
                done_on, done_by = _visit_day(found, now.tzinfo), found["id"]
        target = _day(action["target"])
        if done_on is not None:
            status = "on_time" if done_on <= target else "late"
        else:
            status = "overdue" if target < now.date() else "open"
        rows.append(
            {
                "plan": plan["id"],
                "action": action["id"],
                "customer": action["customer"],
                "type": action["type"],
                "purpose": action.get("purpose"),
                "target_date": action["target"],
                "owner": action["owner"],
                "status": status,
                "done_on": done_on.isoformat() if done_on else None,
                "done_by": done_by,
            }
        )
    return rows


def due_items(
    plan: dict, rows: list[dict], customers: dict[str, dict], calendar, now: dt.datetime
) -> list[DueItem]:
    """The planned actions not done yet (`progress` rows), due on their target dates."""
    label = "开发计划" if plan["kind"] == "development" else "服务计划"
    out = []
    for row in rows:
        if row["status"] not in ("open", "overdue"):
            continue
        customer = customers.get(row["customer"], {})
        what = row["type"] + (f" ({row['purpose']})" if row["purpose"] else "")
        target = _day(row["target_date"])
        out.append(
            DueItem(
                rule=RULE_NAME,
                record_id=plan["id"],
                customer_id=row["customer"],
                customer_name=customer.get("name") or row["customer"],
                owner=row["owner"],
                due=target,
                reason=f"{label} {plan['title']}: {what} planned by {target} (action "
                f"{row['action']})",
                suggested_time=calendar.call_window(target) if row["type"] == "call" else None,
                grade=customer.get("grade"),
            )
        )
    return out


def summary(rows: list[dict], by: str, names: dict[str, str]) -> list[dict]:
    """Planned against done per account (`by` = customer) or per owner, and a total row."""
    out = []
    for value, group in [*grouped(rows, by), ("total", rows)] if rows else []:
        counts = {status: sum(1 for row in group if row["status"] == status) for status in STATUSES}
        done = counts["on_time"] + counts["late"]
        head = {by: value}
        if by == "customer":
            head["customer_name"] = names.get(value, value)
        out.append(
            {
                **head,
                "planned": len(group),
                "done": done,
                **counts,
                "done_rate": share(done, len(group)),
            }
        )
    return out
