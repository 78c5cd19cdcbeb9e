"""Which field each column of an imported file fills: headers in Chinese or English, `--map`."""

from __future__ import annotations

import re

from ..errors import UsageError
from ..render import LABELS
from .import_values import import_fields
from .io_kinds import IoKind

SKIP = "-"
EXTRA = "extra"
RECORD_ID = "id"  # not a schema field (the file name is the id), but a column an export carries
SYSTEM_COLUMNS = (
    "created",
    "updated",
    "history",
)  # crmctl keeps these itself; an export carries them
_DECORATION = re.compile(
    r"[\s*:：_\-]|[（(][^)）]*[)）]$"
)  # "*客户名称：", "年用量(万元)", "Customer_Name"


def header_key(text: str) -> str:
    return _DECORATION.sub("", str(text)).lower()


def _known_headers(io_kind: IoKind) -> dict[str, str]:
    known = {}
    for name in (RECORD_ID, *import_fields(io_kind)):
        headers = (name, *LABELS.get(name, ()), *io_kind.aliases.get(name, ()))
        target = SKIP if name in SYSTEM_COLUMNS else name
        known.update(
            (header_key(header), target) for header in headers if header_key(header) not in known
        )
    return known


def header_score(io_kind: IoKind, mapping: dict[str, str]):
    """How many cells of a row read as this kind's column headers: the header row scores most."""
    known = _known_headers(io_kind)

    def score(cells: list[str]) -> int:
        return sum(1 for cell in cells if cell in mapping or (cell and header_key(cell) in known))

    return score


def parse_map(pairs, io_kind: IoKind) -> dict[str, str]:
    """`--map COLUMN=field` options: field may be a field name, `extra.NAME`, or `-` to skip the column."""
    fields = import_fields(io_kind)
    out = {}
    for pair in pairs:
        column, sep, target = pair.rpartition("=")
        target = target.strip()
        if not sep or not column.strip():
            raise UsageError(f"--map takes COLUMN=FIELD, not '{pair}'")
        if (
            target not in (SKIP, RECORD_ID)
            and target not in fields
            and not target.startswith(f"{EXTRA}.")
        ):
            raise UsageError(
                f"--map {pair}: '{target}' is not a {io_kind.kind.name} field "
                f"(fields: {', '.join(fields)}; extra.NAME keeps the column under extra; - skips it)"
            )
        out[column.strip()] = target
    return out


def column_targets(
    columns: list[str],
    filled: list[bool],
    io_kind: IoKind,
    mapping: dict[str, str],
    keep_extra: bool,
) -> tuple[list[str | None], list[str]]:
    """For each column: the field it fills (`extra.NAME` for kept unknown columns), or None to skip it;
    and the problems with the header row (unknown columns, two columns for one field).
    `filled` tells which columns hold any value: a blank header over an empty column is no problem."""
    known = _known_headers(io_kind)
    unused = set(mapping)
    targets: list[str | None] = []
    problems = []
    for number, (column, has_values) in enumerate(zip(columns, filled), 1):
        name = column or f"column {number}"
        target = mapping.get(name)
        unused.discard(name)
        if target is None and column.startswith(f"{EXTRA}."):
            target = column
        elif target is None:
            key = header_key(column)
            target = known.get(key) or (None if has_values else SKIP)
        if target is None and keep_extra and column:
            target = f"{EXTRA}.{column}"
        if target is None:
            problems.append(
                f"column '{name}': unknown; map it with --map '{name}=FIELD', skip it with "
                f"--map '{name}=-'"
                + (", or keep it under extra with --keep-extra" if column else "")
            )
        targets.append(None if target in (SKIP, None) else target)
    if unused:
        raise UsageError(
            f"--map names column(s) the file does not have: {', '.join(sorted(unused))} "
            f"(columns: {', '.join(columns)})"
        )
    seen: dict[str, str] = {}
    for column, target in zip(columns, targets):
        if target is not None and target in seen:
            problems.append(
                f"columns '{seen[target]}' and '{column}' both fill {target}; choose with --map"
            )
        elif target is not None:
            seen[target] = column
    return targets, problems
