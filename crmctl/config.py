"""The team and the rule settings of `crmctl.yaml`, as plain objects (no file access here)."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
from dataclasses import dataclass

from .errors import NotFound

ROLES = ("specialist", "supervisor", "manager")  # in rank order (DOMAIN.md "People and roles")


@dataclass(frozen=True)
class Staff:
    id: str
    name: str
    role: str
    email: str | None = None
    reports_to: str | None = None
    weight: float = 1.0
    skills: tuple = ()
    region: str | None = None
    active: bool = True
    away_until: str | None = None
    key_account: bool = False  # 大客户主管 / 大客户专员 (004): may own key-account customers

    @property
    def rank(self) -> int:
        return ROLES.index(self.role)

    def available(self, today: dt.date) -> bool:
        """Can take new work: active and not away."""
        return self.active and not (
            self.away_until and dt.date.fromisoformat(self.away_until) > today
        )

    def __str__(self) -> str:
        return f"{self.name} ({self.id})"


class Config:
    def __init__(self, data: dict):
        self.data = data
        self.timezone = data.get("timezone", "Asia/Shanghai")
        self.team = {
            entry["id"]: Staff(**{**entry, "skills": tuple(entry.get("skills", ()))})
            for entry in data["team"]
        }
        self.grades = {grade["code"]: grade for grade in data["grades"]}
        self.calendar = data["calendar"]
        self.deadlines = data["deadlines"]
        self.escalation = data["escalation"]
        self.followups = data.get("followups", {})
        self.git = data.get("git", {})
        self.reports = data.get("reports", {})
        self.receivables = data.get("receivables", {})
        self.approval = data.get("approval", {})
        self.customers = data.get("customers", {})

    @functools.cached_property
    def digest(self) -> str:
        """What the settings say, as a digest: results computed under it are kept until it changes
        (comments and layout of crmctl.yaml do not count)."""
        return hashlib.sha256(
            json.dumps(self.data, sort_keys=True, ensure_ascii=False, default=str).encode()
        ).hexdigest()

    def staff(self, who: str) -> Staff:
        """The staff member named by id, email or full name (`identify`); a stranger is an error."""
        found = self.identify(who)
        if found is None:
            raise NotFound(f"no staff member '{who}' (team: {self.roster()})")
        return found

    def roster(self) -> str:
        """The team as a refusal lists it: `wang 王建国, lina 李娜, …`."""
        return ", ".join(f"{staff.id} {staff.name}" for staff in self.team.values())

    def identify(self, who: str) -> Staff | None:
        """The staff member named by id, email or full name (how --as, CRMCTL_USER and git name
        people)."""
        if who in self.team:
            return self.team[who]
        lowered = "".join(who.split()).casefold()  # 刘 洋 is 刘洋
        return next(
            (
                s
                for s in self.team.values()
                if lowered
                in (s.id.casefold(), (s.email or "").casefold(), "".join(s.name.split()).casefold())
            ),
            None,
        )

    def staff_ids(self, people) -> set[str]:
        """The ids of the staff named (as `identify` names them), for filters: a stranger is an
        error, not a filter that silently matches nothing."""
        return {self.staff(who).id for who in people}

    def vocabulary(self, name: str) -> dict[str, dict]:
        return {entry["code"]: entry for entry in self.data["vocabularies"][name]}

    def label(self, vocabulary: str, code: str, lang: str) -> str:
        entry = self.vocabulary(vocabulary).get(code)
        return (entry or {}).get(lang) or code

    def problems(self) -> list[tuple[tuple, str]]:
        """Consistency the schema cannot express: references between entries, unique codes."""
        return [
            *self._team_problems(),
            *self._code_problems(),
            *self._department_problems(),
            *self._hours_problems(),
        ]

    def _team_problems(self) -> list[tuple[tuple, str]]:
        """Duplicate staff ids, and bosses who are not staff or do not rank above."""
        out = []
        ids = [entry["id"] for entry in self.data["team"]]
        for index, entry in enumerate(self.data["team"]):
            if ids.index(entry["id"]) != index:
                out.append((("team", index, "id"), f"duplicate staff id '{entry['id']}'"))
            boss = entry.get("reports_to")
            if boss is not None and boss not in self.team:
                out.append((("team", index, "reports_to"), f"'{boss}' is not a staff id"))
            elif boss is not None and self.team[boss].rank <= ROLES.index(entry["role"]):
                out.append(
                    (
                        ("team", index, "reports_to"),
                        f"'{boss}' does not rank above a {entry['role']}",
                    )
                )
        return out

    def _code_problems(self) -> list[tuple[tuple, str]]:
        """Grade codes and each vocabulary's codes given twice."""
        out: list[tuple[tuple, str]] = []
        codes = [grade["code"] for grade in self.data["grades"]]
        for index, code in enumerate(codes):
            if codes.index(code) != index:
                out.append((("grades", index, "code"), f"duplicate grade '{code}'"))
        for name, entries in self.data["vocabularies"].items():
            seen = set()
            for index, entry in enumerate(entries):
                if entry["code"] in seen:
                    out.append(
                        (("vocabularies", name, index, "code"), f"duplicate code '{entry['code']}'")
                    )
                seen.add(entry["code"])
        return out

    def _department_problems(self) -> list[tuple[tuple, str]]:
        """Complaint categories routed to a department that is not in the vocabulary."""
        departments = self.vocabulary("departments")
        return [
            (
                ("vocabularies", "categories", index, "department"),
                f"'{entry['department']}' is not a department code",
            )
            for index, entry in enumerate(self.data["vocabularies"]["categories"])
            if entry.get("department") and entry["department"] not in departments
        ]

    def _hours_problems(self) -> list[tuple[tuple, str]]:
        """Office hours and call windows that do not end after they start."""
        out = []
        for field in ("office_hours", "call_windows"):
            for index, text in enumerate(self.data["calendar"].get(field, ())):
                start, _, end = text.partition("-")
                if end <= start:  # HH:MM texts compare as times do, 24:00 last
                    out.append(
                        (
                            ("calendar", field, index),
                            f"'{text}' does not end after it starts: write a range "
                            f"across midnight as two, {start}-24:00 and 00:00-{end}",
                        )
                    )
        return out
