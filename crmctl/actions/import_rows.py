"""The rows of an imported file read into field values: each cell through the value reader, codes
mapped first by --value, a record's own id checked, and several phone numbers in one cell placed in
the phone fields, or the whole cell kept under `extra`, with a note."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from ..archive import ids
from ..errors import Refusal
from ..messages import _
from ..rules.phones import Phone
from ..transfer.table_read import Table
from .import_columns import RECORD_ID
from .import_values import ValueReader, is_blank
from .io_kinds import IoKind


@dataclass
class RowProblem:
    where: str  # "row 5", "line 3", "item 2" (as a person finds it in the file), or "header"
    number: int  # for sorting: problems are listed row by row
    column: str
    value: object
    reason: str

    def __str__(self) -> str:
        where, shown = told_where(self.where), self.shown()
        if self.column:
            return _(
                "{where}, column '{column}'{shown}: {reason}",
                where=where,
                column=self.column,
                shown=shown,
                reason=self.reason,
            )
        return f"{where}{shown}: {self.reason}"

    def shown(self) -> str:
        """` = 'value'`, a long value shortened (the problem is the point, not the whole text)."""
        if is_blank(self.value):
            return ""
        text = repr(self.value)
        return f" = {text[: SHOWN - 2]}…{text[-1]}" if len(text) > SHOWN else f" = {text}"


SHOWN = 60  # characters of a cell's value shown in a problem
EXAMPLES = 3  # rows shown of a group of problems of one column and reason
GROUPS = 30  # groups shown before --all-errors is needed


class Problems:
    """Problems (or notes) of an import as they are shown: one line per column and reason, with its
    count and first rows; every problem with `every`. A file wrong in every row is not held
    whole."""

    def __init__(self, every: bool = False):
        self.every = every
        self.count = 0
        self._groups: dict[object, list[RowProblem]] = {}
        self._sizes: dict[object, int] = {}

    def __bool__(self) -> bool:
        return self.count > 0

    def add(self, problem: RowProblem) -> None:
        if self.every:
            key: object = self.count
        elif problem.where == "header":
            key = ("", str(problem))
        else:
            key = (problem.column, problem.reason)
        self.count += 1
        members = self._groups.setdefault(key, [])
        self._sizes[key] = self._sizes.get(key, 0) + 1
        if len(members) < EXAMPLES:
            members.append(problem)

    def lines(self) -> list[str]:
        """The lines, in the order of the rows (the header first)."""
        keys = sorted(self._groups, key=lambda key: self._groups[key][0].number)
        lines = [_group_line(self._groups[key], self._sizes[key]) for key in keys]
        if len(lines) > GROUPS and not self.every:
            lines[GROUPS:] = [
                _("… and {count} more kinds of problem (--all-errors)", count=len(lines) - GROUPS)
            ]
        return lines


def _group_line(members: list[RowProblem], size: int) -> str:
    first = members[0]
    if size == 1:
        return str(first)
    fields = {
        "count": f"{size:,}",
        "units": _(UNITS[first.where.split()[0]]),
        "examples": _(", ").join(f"{told_where(m.where)}{m.shown()}" for m in members[:EXAMPLES]),
        "more": _(" and {count} more", count=f"{size - EXAMPLES:,}") if size > EXAMPLES else "",
        "reason": first.reason,
    }
    if first.column:
        return _(
            "column '{column}': {count} {units}, e.g. {examples}{more}: {reason}",
            column=first.column,
            **fields,
        )
    return _("{count} {units}, e.g. {examples}{more}: {reason}", **fields)


UNITS = {"row": "rows", "line": "lines", "item": "items"}
WHERE = {"row": "row {number}", "line": "line {number}", "item": "item {number}"}


def told_where(where: str) -> str:
    """`row 5` (`line 3`, `item 2`, `header`) in the language spoken."""
    unit, _space, number = where.partition(" ")
    return _(WHERE[unit], number=number) if unit in WHERE else _(where)


def reason(exc: ValueError) -> str:
    """Why a value was refused, in the language spoken (a rule's refusal says it in English)."""
    return _(exc.msgid, **exc.params) if isinstance(exc, Refusal) else str(exc)


@dataclass
class Row:
    """One data row of the file, read into field values."""

    where: str
    number: int
    fields: dict
    cells: dict  # field (or extra.NAME) -> (column, raw value), to say where a problem is
    unreadable: set = field(default_factory=set)  # fields whose cell was already reported


def read_rows(
    table: Table,
    targets: list,
    reader: ValueReader,
    values: dict[str, dict[str, str]],
    problems: Problems,
    notes: Problems,
) -> Iterator[Row]:
    """The rows read, one at a time; the problems found and notes on what was read in a way to
    check (a cell of several phone numbers split or kept under extra) are added as they come."""
    for number, cells in table.rows:
        row = Row(f"{table.unit} {number}", number, {}, {})
        for column, target, value in zip(table.columns, targets, cells, strict=False):
            if target is None or is_blank(value):
                continue
            read = mapped(values.get(column, {}), value)
            row.cells[target] = (column, read)
            try:
                _read_cell(row, target, read, reader)
            except ValueError as exc:
                row.unreadable.add(target)
                problems.add(RowProblem(row.where, row.number, column, value, reason(exc)))
        _place_phones(row, reader.io_kind.phone_fields, notes)
        beyond = [v for v in cells[len(table.columns) :] if not is_blank(v)]
        if beyond:  # a value right of the last header would be lost without a word
            problems.add(
                RowProblem(
                    row.where,
                    row.number,
                    _("column {number}", number=len(table.columns) + 1),
                    beyond[0],
                    _("a value beyond the last column with a header; give the column a header"),
                )
            )
        yield row


def mapped(values: dict[str, str], value):
    """The cell's value after --value COLUMN:FROM=TO (FROM compared trimmed, in any case)."""
    if not values or isinstance(value, (dict, list)):
        return value
    return values.get(str(value).strip().casefold(), value)


def _read_cell(row: Row, target: str, value, reader: ValueReader) -> None:
    if "." in target:  # a key of a mapping: extra.NAME, judgement.valid
        parent, _dot, key = target.partition(".")
        row.fields.setdefault(parent, {})[key] = reader.read(target, value)
    elif target == RECORD_ID:
        row.fields[RECORD_ID] = _record_id(reader.io_kind, value, row.cells[target][0])
    else:
        read = reader.read(target, value)
        row.fields[target] = (
            {**read, **row.fields.get(target, {})} if isinstance(read, dict) else read
        )


def _place_phones(row: Row, phone_fields: tuple[str, ...], notes: Problems) -> None:
    """Each phone field takes the first number of its cell that fits it (a mobile field no Chinese
    landline); further numbers go to a phone field no column of the row fills. A cell with numbers
    left over or words beside them is kept whole under extra.COLUMN, and noted."""
    found: dict[str, list[Phone]] = {
        name: row.fields.pop(name) for name in phone_fields if name in row.fields
    }
    rest = {name: _first(row, name, numbers, phone_fields) for name, numbers in found.items()}
    for name, numbers in rest.items():
        placed = [
            target for target in (_spread(row, p, phone_fields, found) for p in numbers) if target
        ]
        worded = any(phone.note for phone in found[name])
        if placed or len(numbers) > len(placed) or worded:
            _note(row, name, found[name], placed, len(numbers) - len(placed), worded, notes)


def _first(row: Row, name: str, numbers: list[Phone], phone_fields) -> list[Phone]:
    """Gives the field the first number that fits it; the numbers left."""
    first = next((phone for phone in numbers if _fits(phone, name, phone_fields)), None)
    if first is not None:
        row.fields[name] = first.number
    return [phone for phone in numbers if phone is not first]


def _spread(row: Row, phone: Phone, phone_fields: tuple[str, ...], found: dict) -> str | None:
    """The field a further number of a cell goes to: one that no column of the row fills."""
    free = [
        f
        for f in phone_fields
        if f not in found and f not in row.fields and _fits(phone, f, phone_fields)
    ]
    if free:
        row.fields[free[0]] = phone.number
        return free[0]
    return None


def _fits(phone: Phone, name: str, phone_fields: tuple[str, ...]) -> bool:
    return name != "mobile" or not phone.landline or "phone" not in phone_fields


def _note(row, name, numbers, placed, left, worded, notes) -> None:
    """A note saying where the cell's numbers went, alike for alike cells so that notes group."""
    column, value = row.cells[name]
    used = ", ".join(([name] if name in row.fields else []) + placed) or _("none")
    parts = [
        _("{count} numbers -> {fields}", count=len(numbers), fields=used)
        if len(numbers) > 1
        else _("1 number -> {fields}", fields=used)
    ]
    if left or worded:
        row.fields.setdefault("extra", {})[column] = str(value).strip()
        parts.append(_("the whole cell is kept under extra.{column}", column=column))
    notes.add(RowProblem(row.where, row.number, column, value, _("; ").join(parts)))


def _record_id(io_kind: IoKind, value, column: str) -> str:
    text = str(value).strip().upper()
    if not ids.is_valid(text) or text[0] != io_kind.kind.letter:
        raise ValueError(
            _(
                "not a crmctl {kind} id ({letter} followed by 15 characters); keep "
                "another system's ids with --map '{column}=extra.{name}'",
                kind=_(io_kind.kind.name),
                letter=io_kind.kind.letter,
                column=column,
                name=_extra_name(column),
            )
        )
    return text


def _extra_name(column: str) -> str:
    name = column.strip().lower().replace(" ", "_")
    return name if name not in ("id", "编号", "") else "source_id"
