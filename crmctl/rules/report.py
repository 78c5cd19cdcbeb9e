"""What every report is made of: titled sections of rows, and rows grouped by a field's values."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Section:
    name: str  # a label key: complaints, counts, summary, visits_by_staff …
    columns: list[str]
    rows: list[dict] = field(default_factory=list)


def grouped(items: list[dict], key: str, order=()) -> list[tuple]:
    """(value, items with it) for each value of `key`: those in `order` first in that order, the
    others alphabetically, items without a value last under None."""
    groups: dict = {}
    for item in items:
        groups.setdefault(item.get(key), []).append(item)
    listed = [value for value in order if value in groups]
    rest = sorted(value for value in groups if value not in listed and value is not None)
    return [
        (value, groups[value]) for value in [*listed, *rest, *([None] if None in groups else [])]
    ]


def share(part: int, whole: int) -> float | None:
    """part / whole in percent, one decimal; None when there is nothing to divide by."""
    return round(100 * part / whole, 1) if whole else None
