"""Rows from the files people import: CSV (in the encodings Chinese offices produce), XLSX,
JSON Lines and YAML. Every row keeps the number a person would look for in the file."""

from __future__ import annotations

import codecs
import csv
import io
import json
from dataclasses import dataclass
from pathlib import Path

from ..errors import CrmError, Invalid, UsageError
from . import yamlio
from .cells import restored

FORMATS = {
    ".csv": "csv",
    ".tsv": "csv",
    ".txt": "csv",
    ".xlsx": "xlsx",
    ".xlsm": "xlsx",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "jsonl",
    ".yaml": "yaml",
    ".yml": "yaml",
}
# Tried in order when no encoding is given: GB18030 is the superset of GBK that Excel writes on a
# Chinese Windows machine, and strict UTF-8 almost never decodes GBK text by accident.
GUESSED_ENCODINGS = ("utf-8", "gb18030")


@dataclass
class Table:
    columns: list[str]
    rows: list[tuple[int, list]]  # (number of the row in the file, values in column order)
    unit: str  # what `number` counts: "row" (spreadsheet rows, header = 1), "line" or "item"


def file_format(path: Path) -> str:
    found = FORMATS.get(path.suffix.lower())
    if found is None:
        raise UsageError(
            f"cannot tell the format of '{path.name}' (known endings: {', '.join(FORMATS)})"
        )
    return found


def read_table(path: Path, encoding: str | None = None) -> Table:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise CrmError(f"cannot read {path}: {exc.strerror}") from None
    fmt = file_format(path)
    if fmt == "xlsx":
        return _xlsx(path)
    text = decode(data, encoding, path.name)
    if fmt == "csv":
        return _csv(text, path.name)
    if fmt == "yaml":
        return _mappings(_yaml_items(data, path.name), "item")
    return _mappings(_json_items(text, path.name), "line")


def decode(data: bytes, encoding: str | None, name: str) -> str:
    if encoding:
        try:
            return data.decode(encoding).removeprefix("\ufeff")
        except LookupError:
            raise UsageError(
                f"unknown encoding '{encoding}' (for example utf-8, gbk, gb18030)"
            ) from None
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            raise CrmError(
                f"{name}:{line}: not valid {encoding}; leave out --encoding to detect it"
            ) from None
    for bom, codec in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return data.decode(codec).removeprefix("\ufeff")
    for codec in GUESSED_ENCODINGS:
        try:
            return data.decode(codec)
        except UnicodeDecodeError:
            continue
    raise CrmError(f"{name}: neither UTF-8 nor GBK/GB18030; name the encoding with --encoding")


def _csv(text: str, name: str) -> Table:
    header_line = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = max(",\t;", key=header_line.count)  # Excel's "Unicode text" is tab-separated
    rows = []
    columns: list[str] | None = None
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for number, values in enumerate(reader, 1):
            if not any(value.strip() for value in values):
                continue
            if columns is None:
                columns = [value.strip() for value in values]
            else:
                rows.append((number, [restored(value) for value in values]))
    except csv.Error as exc:  # e.g. a cell beyond the csv module's field size limit
        raise CrmError(f"{name}:{reader.line_num}: not readable as CSV ({exc})") from None
    return Table(columns or [], rows, "row")


def _xlsx(path: Path) -> Table:
    try:
        import openpyxl  # only imports of spreadsheets pay for it
    except ImportError:
        raise CrmError("reading .xlsx needs openpyxl (pip install openpyxl)") from None
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises zip, XML and key errors for damaged files
        raise CrmError(
            f"{path.name}: not a readable .xlsx workbook ({exc.__class__.__name__})"
        ) from None
    try:
        rows = []
        columns: list[str] | None = None
        for number, values in enumerate(book.worksheets[0].iter_rows(values_only=True), 1):
            if all(value is None or str(value).strip() == "" for value in values):
                continue
            if columns is None:
                columns = ["" if value is None else str(value).strip() for value in values]
            else:
                rows.append(
                    (
                        number,
                        [restored(value) if isinstance(value, str) else value for value in values],
                    )
                )
    finally:
        book.close()
    return Table(columns or [], rows, "row")


def _json_items(text: str, name: str) -> list[tuple[int, object]]:
    if text.lstrip().startswith("["):  # a JSON array of objects rather than JSON Lines
        try:
            return list(enumerate(json.loads(text), 1))
        except json.JSONDecodeError as exc:
            raise CrmError(f"{name}:{exc.lineno}: not valid JSON: {exc.msg}") from None
    items, bad = [], []
    for number, line in enumerate(text.splitlines(), 1):
        if line.strip():
            try:
                items.append((number, json.loads(line)))
            except json.JSONDecodeError as exc:
                bad.append(f"line {number}: not valid JSON: {exc.msg}")
    if bad:
        raise Invalid(f"{name} is not valid JSON Lines", bad)
    return items


def _yaml_items(data: bytes, name: str) -> list[tuple[int, object]]:
    try:
        document = yamlio.loads(data)
    except yamlio.YamlError as exc:
        raise CrmError(f"{name}:{exc.line or 1}: {exc.message}") from None
    if not isinstance(document, list):
        raise CrmError(f"{name}: expected a list of records (- name: …), one item per record")
    return list(enumerate(document, 1))


def _mappings(items: list[tuple[int, object]], unit: str) -> Table:
    not_objects = [
        f"{unit} {number}: not an object of fields"
        for number, item in items
        if not isinstance(item, dict)
    ]
    if not_objects:
        raise Invalid("every record must be an object of fields", not_objects)
    columns = list(dict.fromkeys(str(key) for _, item in items for key in item))
    return Table(
        columns,
        [(number, [item.get(column) for column in columns]) for number, item in items],
        unit,
    )
