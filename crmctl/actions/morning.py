"""The morning view: the acting user's day at a glance (what a bare `crmctl` shows)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ..config import Staff
from ..rules.due_item import DueItem
from .complaints import list_complaints
from .due import due_items
from .session import Session

LEADS = ("supervisor", "manager")  # roles that see the team's totals too


@dataclass
class Day:
    user: Staff
    items: list[
        DueItem
    ]  # the user's follow-ups and deadlines due today or earlier, most overdue first
    complaints: list[dict]  # open complaints the user handles or answers for as first responder
    team: dict[str, int] | None  # for supervisors and managers: the whole team's totals

    def per_rule(self) -> list[tuple[str, int]]:
        return Counter(item.rule for item in self.items).most_common()


def my_day(session: Session) -> Day:
    me, today = session.user, session.today
    items = due_items(session, owners=(me.id,), within=today)
    handled = list_complaints(session, handler=(me.id,), open_only=True)
    answered = list_complaints(session, first_responder=(me.id,), open_only=True)
    complaints = list({c["id"]: c for c in handled + answered}.values())
    return Day(me, items, complaints, _team(session) if me.role in LEADS else None)


def _team(session: Session) -> dict[str, int]:
    today = session.today
    items = due_items(session, within=today)
    open_complaints = list_complaints(session, open_only=True)
    return {
        "overdue": sum(1 for item in items if item.due < today),
        "today": sum(1 for item in items if item.due == today),
        "complaints": len(open_complaints),
        "breached": sum(1 for complaint in open_complaints if complaint["breaches"]),
    }
