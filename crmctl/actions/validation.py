"""The consistency rules of a record type, applied before a write (exit 1, nothing written)."""

from __future__ import annotations

from ..archive.kinds import Kind
from ..errors import Invalid
from ..messages import _
from .session import Session


def validated(session: Session, kind: Kind, record: dict, known_ids: dict | None = None) -> dict:
    from ..rules.consistency import RULES  # writes only: a read starts without them

    problems = RULES[kind.name](record, session.config, known_ids)
    refuse_problems(
        _("{kind} {id} is not valid", kind=_(kind.name), id=record.get("id", "")), problems
    )
    return record


def refuse_problems(title: str, problems: list) -> None:
    """Raise Invalid titled `title` listing each (path, message) problem, if there is one."""
    if problems:
        raise Invalid(
            title, [f"{'.'.join(map(str, path))}: {message}" for path, message in problems]
        )
