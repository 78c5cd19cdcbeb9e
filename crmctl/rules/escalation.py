"""Escalation (短、平、快: 自己处理不了的, 直接上报): up the reports_to chain, by hand or when targets are missed."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..config import ROLES, Config, Staff
from .calendar import WorkCalendar, parse_duration
from .complaint_deadlines import targets
from .complaint_lifecycle import CLOCK_RUNNING


def next_up(staff: Staff, config: Config, today: dt.date) -> Staff | None:
    """The first available person above `staff` on the reports_to chain (away or departed bosses are skipped)."""
    seen, boss_id = {staff.id}, staff.reports_to
    while boss_id and boss_id not in seen and boss_id in config.team:
        boss = config.team[boss_id]
        if boss.available(today) and boss.rank > staff.rank:
            return boss
        seen.add(boss_id)
        boss_id = boss.reports_to
    return None


def up_to_role(staff: Staff, role: str, config: Config, today: dt.date) -> Staff | None:
    """`staff` if they rank at least `role`, else the first available person up the chain who does."""
    current = staff
    while current is not None and current.rank < ROLES.index(role):
        current = next_up(current, config, today)
    return current


@dataclass(frozen=True)
class Escalation:
    complaint_id: str
    level: int  # index in escalation.levels, from 1
    from_handler: str | None
    to_handler: str | None  # None: nobody available up the chain
    reason: str

    def as_dict(self) -> dict:
        return {
            "id": self.complaint_id,
            "level": self.level,
            "from": self.from_handler,
            "to": self.to_handler,
            "reason": self.reason,
        }


def due_escalations(
    complaint: dict, config: Config, calendar: WorkCalendar, now: dt.datetime
) -> list[Escalation]:
    """The timed levels reached and not yet applied, in order, each from the handler the previous one leaves.

    A level counts as applied once `escalation_level` records it, or when the handler already ranks at
    least as high as the level asks: so running this again at the same `now` plans nothing.
    """
    if complaint["status"] not in CLOCK_RUNNING or complaint.get("hold_reason"):
        return []
    resolve = next(
        (t for t in targets(complaint, config, calendar, now) if t.name == "resolve"), None
    )
    if resolve is None or resolve.met_at is not None:
        return []
    out, handler = [], complaint.get("handler")
    for index, level in enumerate(config.escalation["levels"], 1):
        reached_at = calendar.add(resolve.due_at, parse_duration(level["after_breach"]))
        if index <= complaint.get("escalation_level", 0) or now <= reached_at:
            continue
        current = config.team.get(handler)
        if current is not None and current.rank >= ROLES.index(level["to"]):
            continue
        chosen = up_to_role(current, level["to"], config, now.date()) if current else None
        reason = (
            f"level {index}: resolution target {resolve.due_at.isoformat(timespec='minutes')} missed"
            + (
                f" by {level['after_breach']}"
                if parse_duration(level["after_breach"]).amount
                else ""
            )
            + f", to a {level['to']}"
        )
        out.append(
            Escalation(complaint["id"], index, handler, chosen.id if chosen else None, reason)
        )
        if chosen is None:
            break
        handler = chosen.id
    return out
