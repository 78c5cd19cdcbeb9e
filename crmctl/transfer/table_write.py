"""Records written as CSV, XLSX, JSON Lines or YAML for spreadsheets and other systems.

CSV and XLSX are flat: lists become comma-separated text and each key of a nested mapping (such as
`extra`) becomes its own `field.key` column, which `crmctl import` reads back the same way. Text a
spreadsheet would run as a formula is neutralised (see cells.py).
"""

from __future__ import annotations

import json
import re

from ..archive import yamlio
from .cells import csv_text, neutralised

FORMATS = ("csv", "xlsx", "jsonl", "yaml")
LIST_SEPARATOR = ","
LIST_SEPARATORS = re.compile(
    r"[,，;；、]"
)  # what people separate list items by; import splits on each


def flat_columns(records: list[dict], columns: list[str]) -> list[str]:
    """`columns` with each mapping-valued one replaced by a `column.key` column per key in use."""
    out: list[str] = []
    for column in columns:
        keys = dict.fromkeys(
            key
            for record in records
            if isinstance(record.get(column), dict)
            for key in record[column]
        )
        out.extend(f"{column}.{key}" for key in keys) if keys else out.append(column)
    return out


def _flat_value(record: dict, column: str):
    value = record.get(column)
    if value is None and "." in column:
        parent, _, key = column.partition(".")
        value = (
            (record.get(parent) or {}).get(key) if isinstance(record.get(parent), dict) else None
        )
    if isinstance(value, list):
        if any(LIST_SEPARATORS.search(str(item)) or str(item).startswith("[") for item in value):
            return json.dumps(
                value, ensure_ascii=False
            )  # joined, the items could not be told apart again
        return LIST_SEPARATOR.join(str(item) for item in value)
    if isinstance(value, dict):  # a mapping within a mapping column (a write-off's reversal)
        return json.dumps(value, ensure_ascii=False)
    return value


def _cell(value):
    """A flat cell: numbers as they are, anything else as text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value if isinstance(value, (int, float)) else str(value)


def write_records(
    stream, fmt: str, records: list[dict], columns: list[str], encoding: str = "utf-8"
) -> None:
    """Write `records` to a binary stream; `columns` gives the field order of flat formats."""
    if fmt == "jsonl":
        stream.write(
            "".join(json.dumps(record, ensure_ascii=False) + "\n" for record in records).encode(
                encoding
            )
        )
    elif fmt == "yaml":
        stream.write(yamlio.dumps(records) if records else b"[]\n")
    elif fmt == "csv":
        flat = flat_columns(records, columns)
        rows = ([_cell(_flat_value(record, column)) for column in flat] for record in records)
        # CRLF: what spreadsheets write and expect.
        stream.write(csv_text(flat, rows, line_end="\r\n").encode(encoding))
    else:
        _write_xlsx(stream, records, flat_columns(records, columns))


def _write_xlsx(stream, records: list[dict], columns: list[str]) -> None:
    import openpyxl  # only spreadsheet exports pay for it

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(columns)
    for record in records:
        row = []
        for column in columns:
            value = _flat_value(record, column)
            numeric = isinstance(value, (int, float)) and not isinstance(value, bool)
            row.append(value if numeric else (neutralised(_cell(value)) or None))
        sheet.append(row)
    book.save(stream)
