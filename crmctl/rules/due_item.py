"""One thing that falls due: the shape every follow-up rule produces and `crmctl due` shows."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class DueItem:
    # Which rule produced it: cadence, next_day, new_owner, followup, lost, occasion, handover,
    # complaint_…
    rule: str
    record_id: str  # the record to act on: a customer or a complaint
    customer_id: str
    customer_name: str
    owner: (
        str | None
    )  # staff id who must act (None: nobody owns it, which is itself a problem to show)
    due: dt.date
    reason: str  # for a person: "A1 大客户: every 7 days; last contact 2026-11-10, 13 days ago"
    due_at: dt.datetime | None = None  # for deadlines that have a time of day (complaints)
    suggested_time: str | None = None  # call window for phone follow-ups
    grade: str | None = None
    warning: bool = False  # near a deadline (escalation.warn_at), not yet past it

    def overdue_days(self, today: dt.date) -> int:
        """Days past due (negative: days still left)."""
        return (today - self.due).days

    def as_json(self) -> dict:
        """Every field as plain JSON values; `from_json` gives the same item back."""
        # A shallow copy of the fields (a dataclass keeps them in __dict__, in their order):
        # asdict's recursive deep copy costs a second per 10,000 items, fields() a second per
        # 100,000.
        out = dict(self.__dict__)
        out["due"] = self.due.isoformat()
        out["due_at"] = self.due_at.isoformat() if self.due_at else None
        return out

    @classmethod
    def from_json(cls, data: dict) -> DueItem:
        fields = {
            **data,
            "due": dt.date.fromisoformat(data["due"]),
            "due_at": dt.datetime.fromisoformat(data["due_at"]) if data["due_at"] else None,
        }
        return cls(**fields)

    def as_dict(self, today: dt.date) -> dict:
        """For output: as_json, the time to the second, and the days overdue on `today`."""
        out = self.as_json()
        out["due_at"] = self.due_at.isoformat(timespec="seconds") if self.due_at else None
        out["overdue_days"] = self.overdue_days(today)
        return out
