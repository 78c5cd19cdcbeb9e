"""Escalation (短、平、快: 自己处理不了的, 直接上报): up the reports_to chain, by hand or when
targets are missed."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..config import ROLES, Config, Staff
from .calendar import WorkCalendar, parse_duration
from .complaint_deadlines import Target, targets
from .complaint_lifecycle import CLOCK_RUNNING


def next_up(staff: Staff, config: Config, today: dt.date) -> Staff | None:
    """The first available person above `staff` on the reports_to chain (away or departed bosses are
    skipped)."""
    seen, boss_id = {staff.id}, staff.reports_to
    while boss_id and boss_id not in seen and boss_id in config.team:
        boss = config.team[boss_id]
        if boss.available(today) and boss.rank > staff.rank:
            return boss
        seen.add(boss_id)
        boss_id = boss.reports_to
    return None


def up_to_role(staff: Staff, role: str, config: Config, today: dt.date) -> Staff | None:
    """`staff` if they rank at least `role`, else the first available person up the chain who
    does."""
    current: Staff | None = staff
    while current is not None and current.rank < ROLES.index(role):
        current = next_up(current, config, today)
    return current


ESCALATING = ("acknowledge", "resolve", "reply")  # the targets whose miss is reported upward


@dataclass(frozen=True)
class Escalation:
    complaint_id: str
    level: int  # index in the target's levels, from 1
    from_handler: str | None
    to_handler: str | None  # None: nobody available up the chain
    reason: str
    target: str = "resolve"  # the missed target: acknowledge, resolve or reply

    def as_dict(self) -> dict:
        return {
            "id": self.complaint_id,
            "missed": self.target,
            "level": self.level,
            "from": self.from_handler,
            "to": self.to_handler,
            "reason": self.reason,
        }


def levels(config: Config, target: str) -> list[dict]:
    """The levels of one target: escalation.targets.<target>, else escalation.levels."""
    return config.escalation.get("targets", {}).get(target, config.escalation["levels"])


def applied(complaint: dict, target: str) -> int:
    """The last level of `target` applied (`escalation_level` of older records is resolution's)."""
    done = complaint.get("escalated", {}).get(target, 0)
    return max(done, complaint.get("escalation_level", 0)) if target == "resolve" else done


def _waiting(complaint: dict, target: Target) -> bool:
    """Met, or a resolution clock that is stopped (on hold, or past resolution)."""
    if target.met_at is not None or target.name not in ESCALATING:
        return True
    return target.name == "resolve" and (
        complaint["status"] not in CLOCK_RUNNING or bool(complaint.get("hold_reason"))
    )


def due_escalations(
    complaint: dict, config: Config, calendar: WorkCalendar, now: dt.datetime
) -> list[Escalation]:
    """The timed levels of every missed target (acknowledge, resolve, the promised reply) reached
    and not yet applied, in order, each from the handler the previous one leaves.

    A level counts as applied once `escalated` records it for its target, or when the handler
    already ranks at least as high as the level asks: so running this again at the same `now`
    plans nothing.
    """
    if complaint["status"] == "closed":
        return []
    out, handler = [], complaint.get("handler")
    for target in targets(complaint, config, calendar, now):
        if _waiting(complaint, target):
            continue
        for index, level in enumerate(levels(config, target.name), 1):
            role = _level_role(level, complaint, config)
            after = parse_duration(level["after_breach"])
            if index <= applied(complaint, target.name) or now <= calendar.add(
                target.due_at, after
            ):
                continue
            current = config.team.get(handler)
            if current is not None and current.rank >= ROLES.index(role):
                continue
            chosen = up_to_role(current, role, config, now.date()) if current else None
            late = f" by {level['after_breach']}" if after.amount else ""
            reason = (
                f"level {index}: {target.name} target "
                f"{target.due_at.isoformat(timespec='minutes')} missed{late}, to a {role}"
            )
            out.append(
                Escalation(
                    complaint["id"],
                    index,
                    handler,
                    chosen.id if chosen else None,
                    reason,
                    target.name,
                )
            )
            if chosen is None:
                return out
            handler = chosen.id
    return out


def _level_role(level: dict, complaint: dict, config: Config) -> str:
    """The role a level escalates to, never below the severity's start_role: a crisis goes
    straight to a manager (危机事件), and does not wait a working day for the next level."""
    severity = config.deadlines["severities"].get(complaint.get("severity"), {})
    return max(level["to"], severity.get("start_role", ROLES[0]), key=ROLES.index)


def gravity(config: Config, complaint: dict) -> int:
    """Most severe first: severities in the reverse of their order under deadlines.severities."""
    order = list(config.deadlines["severities"])
    severity = complaint.get("severity")
    return -order.index(severity) if severity in order else 1
