"""Which field each column of an imported file fills: headers in Chinese or English, `--map`."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ..errors import UsageError
from ..labels import LABELS
from ..messages import _
from ..transfer.table_read import Rows, Table
from .import_values import import_fields
from .io_kinds import IoKind

SKIP = "-"
EXTRA = "extra"
RECORD_ID = "id"  # not a schema field (the file name is the id), but a column an export carries
SYSTEM_COLUMNS = ("updated", "history")  # crmctl keeps these itself; an export carries them
# Headers other systems give the creation time (Salesforce, HubSpot, Odoo, Chinese ERPs)
CREATED_HEADERS = (
    "建档日期",
    "建档时间",
    "创建日期",
    "创建时间",
    "录入日期",
    "录入时间",
    "created date",
    "create date",
    "created at",
    "created on",
    "create_date",
)
_DECORATION = re.compile(
    r"[\s*:：_\-]|[（(][^)）]*[)）]$"
)  # "*客户名称：", "年用量(万元)", "Customer_Name"


def header_key(text: str) -> str:
    return _DECORATION.sub("", str(text)).lower()


def _known_headers(io_kind: IoKind) -> dict[str, tuple[str, str]]:
    """header key -> (field, the header it is known as)."""
    known: dict[str, tuple[str, str]] = {}
    for name in (RECORD_ID, *import_fields(io_kind)):
        headers = (name, *LABELS.get(name, ()), *io_kind.aliases.get(name, ()))
        headers += CREATED_HEADERS if name == "created" else ()
        target = SKIP if name in SYSTEM_COLUMNS else name
        for header in headers:
            known.setdefault(header_key(header), (target, header))
    return known


def header_score(io_kind: IoKind, mapping: dict[str, str]):
    """How many cells of a row read as this kind's column headers: the header row scores most."""
    known = _known_headers(io_kind)

    def score(cells: list[str]) -> int:
        return sum(1 for cell in cells if cell in mapping or (cell and header_key(cell) in known))

    return score


def parse_values(pairs, given: dict[str, dict[str, str]], columns: list[str]) -> dict:
    """`--value COLUMN:FROM=TO` options over a value file's mappings: column -> {from: to}, each
    FROM trimmed and case-folded as cells are compared."""
    out: dict[str, dict[str, str]] = {}
    for column, codes in given.items():
        out.setdefault(column, {}).update(
            (old.strip().casefold(), new.strip()) for old, new in codes.items()
        )
    for pair in pairs:
        column, colon, change = pair.partition(":")
        old, equals, new = change.rpartition("=")
        if not colon or not equals or not column.strip():
            raise UsageError(
                _(
                    "--value takes COLUMN:FROM=TO (e.g. Priority:Urgent=crisis), not '{pair}'",
                    pair=pair,
                )
            )
        out.setdefault(column.strip(), {})[old.strip().casefold()] = new.strip()
    unknown = sorted(set(out) - set(columns))
    if unknown:
        raise UsageError(
            _(
                "--value names column(s) the file does not have: {unknown} (columns: {columns})",
                unknown=", ".join(unknown),
                columns=", ".join(columns),
            )
        )
    return out


SET = "--set "  # the header of a column --set adds to every row


def with_constants(table: Table, pairs, io_kind: IoKind) -> tuple[Table, dict[str, str]]:
    """The table with a column per `--set FIELD=VALUE`, VALUE in every row (a call centre's sheet
    has no channel column: --set channel=phone), and the --map of those columns to their fields."""
    fields = import_fields(io_kind)
    constants: dict[str, str] = {}
    for pair in pairs:
        field, sep, value = pair.partition("=")
        field = field.strip()
        if not sep or not value.strip() or (field not in fields and not field.startswith(EXTRA)):
            raise UsageError(
                _(
                    "--set takes FIELD=VALUE for a field of {kind} (fields: {fields}), not "
                    "'{pair}'",
                    kind=_(io_kind.kind.name),
                    fields=", ".join(fields),
                    pair=pair,
                )
            )
        constants[f"{SET}{field}"] = value.strip()
    if not constants:
        return table, {}
    width, added = len(table.columns), list(constants.values())

    def rows():
        for number, values in table.rows:
            padding = [None] * (width - len(values))
            yield number, [*values[:width], *padding, *added, *values[width:]]

    widened = replace(table, columns=[*table.columns, *constants], rows=Rows(rows))
    return widened, {column: column.removeprefix(SET) for column in constants}


def parse_map(pairs, io_kind: IoKind) -> dict[str, str]:
    """`--map COLUMN=field` options: field may be a field name, `extra.NAME`, or `-` to skip the
    column."""
    fields = import_fields(io_kind)
    out = {}
    for pair in pairs:
        column, sep, target = pair.rpartition("=")
        target = target.strip()
        if not sep or not column.strip():
            raise UsageError(_("--map takes COLUMN=FIELD, not '{pair}'", pair=pair))
        if (
            target not in (SKIP, RECORD_ID)
            and target not in fields
            and not target.startswith(f"{EXTRA}.")
        ):
            raise UsageError(
                _(
                    "--map {pair}: '{target}' is not a {name} field (fields: {fields}; "
                    "extra.NAME keeps the column under extra; - skips it)",
                    pair=pair,
                    target=target,
                    name=io_kind.kind.name,
                    fields=", ".join(fields),
                )
            )
        out[column.strip()] = target
    return out


@dataclass
class ColumnPlan:
    column: str
    target: str | None  # the field filled, extra.NAME, or None (skipped or unknown)
    how: str  # why: "alias 手机号", "--map", "--keep-extra", "empty", "crmctl's own", "unknown"


def column_targets(
    columns: list[str],
    filled: list[bool],
    io_kind: IoKind,
    mapping: dict[str, str],
    keep_extra: bool,
) -> tuple[list[ColumnPlan], list[str]]:
    """For each column: the field it fills (`extra.NAME` for kept unknown columns) and why, or None
    to skip it; and the problems with the header row (unknown columns, two columns for one field).
    `filled` tells which columns hold any value: a blank header over an empty column is no
    problem."""
    known = _known_headers(io_kind)
    unused = set(mapping)
    plans = []
    problems = []
    for number, (column, has_values) in enumerate(zip(columns, filled, strict=False), 1):
        name = column or _("column {number}", number=number)
        unused.discard(name)
        plan = _plan(name, column, has_values, known, mapping, keep_extra)
        if plan.how == "unknown":
            problems.append(
                _(
                    "column '{name}': unknown; map it with --map '{name}=FIELD', skip it with "
                    "--map '{name}=-', or keep it under extra with --keep-extra",
                    name=name,
                )
                if column
                else _(
                    "column '{name}': unknown; map it with --map '{name}=FIELD', skip it with "
                    "--map '{name}=-'",
                    name=name,
                )
            )
        plans.append(plan)
    if unused:
        raise UsageError(
            _(
                "--map names column(s) the file does not have: {unused} (columns: {columns})",
                unused=", ".join(sorted(unused)),
                columns=", ".join(columns),
            )
        )
    seen: dict[str, str] = {}
    for plan in plans:
        if plan.target is not None and plan.target in seen:
            problems.append(
                _(
                    "columns '{first}' and '{second}' both fill {field}; choose with --map",
                    first=seen[plan.target],
                    second=plan.column,
                    field=plan.target,
                )
            )
        elif plan.target is not None:
            seen[plan.target] = plan.column
    return plans, problems


def _plan(name, column, has_values, known, mapping, keep_extra) -> ColumnPlan:
    if name in mapping:
        target = mapping[name]
        how = SET.strip() if name.startswith(SET) else "--map"
        return ColumnPlan(name, None if target == SKIP else target, how)
    if not has_values:  # an empty column sets nothing, whatever its header
        return ColumnPlan(name, None, "empty")
    if column.startswith(f"{EXTRA}."):
        return ColumnPlan(name, column, "an export's extra column")
    found = known.get(header_key(column))
    if found is not None:
        target, header = found
        if target == SKIP:
            return ColumnPlan(name, None, "kept by crmctl itself")
        return ColumnPlan(name, target, "field name" if header == target else f"alias '{header}'")
    if keep_extra and column:
        return ColumnPlan(name, f"{EXTRA}.{column}", "--keep-extra")
    return ColumnPlan(name, None, "unknown")
