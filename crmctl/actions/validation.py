"""The consistency rules of a record type, applied before a write (exit 1, nothing written)."""

from __future__ import annotations

from ..errors import Invalid
from ..rules.consistency import RULES
from ..store.kinds import Kind
from .session import Session


def validated(session: Session, kind: Kind, record: dict, known_ids: dict | None = None) -> dict:
    problems = RULES[kind.name](record, session.config, known_ids)
    if problems:
        raise Invalid(
            f"{kind.name} {record.get('id', '')} is not valid",
            [f"{'.'.join(map(str, path))}: {message}" for path, message in problems],
        )
    return record
