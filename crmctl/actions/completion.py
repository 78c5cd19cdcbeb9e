"""What the shell may complete a value with: staff, codes of crmctl.yaml, customers and complaints.

`what` names them: "staff", "customer", "complaint", "grades", or a vocabulary of crmctl.yaml."""

from __future__ import annotations

from ..archive.kinds import KINDS
from .session import Session


def candidates(session: Session, what: str, incomplete: str, lang: str) -> list[tuple[str, str]]:
    """(value, help) pairs that start with `incomplete` (customers' names also where they contain
    it)."""
    if what == "staff":
        pairs = [(staff.id, staff.name) for staff in session.config.team.values() if staff.active]
    elif what == "grades":
        pairs = [(code, grade.get(lang, "")) for code, grade in session.config.grades.items()]
    elif what == "customer":
        return _customers(session, incomplete)
    elif what == "complaint":
        pairs = [
            (
                record["id"],
                record.get("summary", "").splitlines()[0][:40] if record.get("summary") else "",
            )
            for record in session.store.records(KINDS["complaint"], fields=("id", "summary"))
        ]
    else:
        vocabulary = session.config.vocabulary(what)
        pairs = [(code, entry.get(lang, "")) for code, entry in vocabulary.items()]
    return [(value, help) for value, help in pairs if value.startswith(incomplete)]


def _customers(session: Session, incomplete: str) -> list[tuple[str, str]]:
    """Customers whose name or id starts with (or whose name contains) what was typed, names
    first."""
    found = session.store.records(KINDS["customer"], fields=("id", "name"))
    names = [
        (record["name"], record["id"])
        for record in found
        if record.get("name") and incomplete in record["name"]
    ]
    ids = [
        (record["id"], record.get("name") or "")
        for record in found
        if record["id"].startswith(incomplete)
    ]
    return sorted(names, key=lambda pair: not pair[0].startswith(incomplete)) + (
        ids if incomplete else []
    )
