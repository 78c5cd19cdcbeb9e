"""Conditions on the text fields of listed answers, said once and held both in Python and in SQLite.

A listing (`crmctl due`) is chosen in SQLite from the answers the index keeps (see customer_memo.py)
and in Python from answers computed in the command (complaint deadlines, or every follow-up when
there is no index); each condition gives both forms, so the two choose alike. Texts compare alike
too: SQLite compares UTF-8 bytes, which order as Python orders code points.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Match:
    """The field is one of `values` or starts with one of `prefixes`; a missing field matches
    none."""

    field: str
    values: tuple[str, ...] = ()
    prefixes: tuple[str, ...] = ()

    def holds(self, row: Mapping) -> bool:
        value = row.get(self.field)
        return value is not None and (value in self.values or value.startswith(self.prefixes))

    def sql(self) -> tuple[str, list]:
        arms = [f"{self.field} IN (SELECT value FROM json_each(?))"]
        arms += [f"substr({self.field}, 1, {len(prefix)}) = ?" for prefix in self.prefixes]
        return f"({' OR '.join(arms)})", [json.dumps(self.values), *self.prefixes]


@dataclass(frozen=True)
class Below:
    """The field comes before `bound`, or is it when `inclusive` (ISO dates order as texts)."""

    field: str
    bound: str
    inclusive: bool = False

    def holds(self, row: Mapping) -> bool:
        value = row.get(self.field)
        return value is not None and (value <= self.bound if self.inclusive else value < self.bound)

    def sql(self) -> tuple[str, list]:
        return f"{self.field} {'<=' if self.inclusive else '<'} ?", [self.bound]


Condition = Match | Below


def holds(conditions: list[Condition], row: Mapping) -> bool:
    return all(condition.holds(row) for condition in conditions)


def where_sql(conditions: list[Condition]) -> tuple[str, list]:
    """The conditions as one SQL condition on columns named as the fields, and its parameters."""
    for condition in conditions:
        if not condition.field.isidentifier():
            raise ValueError(f"not a field name: {condition.field!r}")
    parts = [condition.sql() for condition in conditions]
    return " AND ".join(["1", *(sql for sql, _ in parts)]), [
        arg for _, args in parts for arg in args
    ]


def sort_key(fields: tuple[str, ...]):
    """The key that orders rows by these fields (a missing field as an empty text)."""
    return lambda row: tuple(row.get(field) or "" for field in fields)
