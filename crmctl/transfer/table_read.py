"""Rows from the files people import: CSV (in any encoding offices produce), XLSX and XLS, JSON
Lines and YAML. Every row keeps the number a person would look for in the file; text files are
read a line at a time, each line bounded, so a hostile file cannot take the memory."""

from __future__ import annotations

import csv
import itertools
import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..archive import yamlio
from ..errors import CrmError, Invalid, UsageError
from . import sheets
from .cells import restored
from .text_decode import Encoding, detect

FORMATS = {
    ".csv": "csv",
    ".tsv": "csv",
    ".txt": "csv",
    ".xlsx": "xlsx",
    ".xlsm": "xlsx",
    ".xls": "xls",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "jsonl",
    ".yaml": "yaml",
    ".yml": "yaml",
}
MAX_LINE = 1_000_000  # characters in one line of a text file: far beyond a row, short of a bomb
HEADER_ROWS = 10  # rows a header is looked for in, below a template's title and instructions
_CJK = "\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef"
_SPACE_IN_CJK = re.compile(f"(?<=[{_CJK}]) (?=[{_CJK}])")


@dataclass
class Table:
    columns: list[str]
    rows: Iterable[tuple[int, list]]  # (number of the row in the file, values in column order)
    unit: str  # what `number` counts: "row" (spreadsheet rows, header = 1), "line" or "item"
    encoding: Encoding | None = None  # how a text file was decoded
    sheet: str | None = None  # the worksheet read, in a workbook
    above_header: list[int] = field(default_factory=list)  # rows skipped above the header


def file_format(path: Path) -> str:
    found = FORMATS.get(path.suffix.lower())
    if found is None:
        raise UsageError(
            f"cannot tell the format of '{path.name}' (known endings: {', '.join(FORMATS)})"
        )
    return found


def header_text(text) -> str:
    """A header as one line: Alt+Enter breaks and runs of spaces collapsed (none between CJK)."""
    return _SPACE_IN_CJK.sub("", " ".join(str(text).split()))


def read_table(
    path: Path,
    encoding: str | None = None,
    *,
    sheet: str | None = None,
    header_row: int | None = None,
    header_score: Callable[[list[str]], int] = lambda cells: 0,
) -> Table:
    """The table in `path`. In a grid (CSV, sheets) the header is row `header_row`, else the row of
    the first few whose cells `header_score` rates highest (the first row when none scores)."""
    fmt = file_format(path)
    if not path.is_file():
        raise CrmError(f"cannot read {path}: not a file")
    try:
        if fmt in ("xlsx", "xls"):
            name, cells = sheets.read(path, fmt, sheet)
            table = _grid(lambda: iter(cells), header_row, header_score, path.name)
            table.sheet = name
            return table
        if sheet is not None:
            raise UsageError(f"--sheet is for .xlsx and .xls workbooks, not {path.name}")
        if fmt == "yaml":  # YAML files are UTF-8, as crmctl's own records
            return _mappings(_yaml_items(path), "item")
        chosen = detect(path, encoding)
        if fmt == "csv":
            table = _csv(path, chosen, header_row, header_score)
        else:
            table = _mappings(_json_items(path, chosen), "line")
        table.encoding = chosen
        return table
    except OSError as exc:
        raise CrmError(f"cannot read {path}: {exc.strerror or exc}") from None


def _bounded_lines(stream, name: str) -> Iterator[str]:
    for number in itertools.count(1):
        try:
            line = stream.readline(MAX_LINE + 1)
        except UnicodeDecodeError:
            raise CrmError(f"{name}:{number}: not valid {stream.encoding}") from None
        if not line:
            return
        if len(line) > MAX_LINE and not line.endswith("\n"):
            raise CrmError(
                f"{name}:{number}: a line longer than {MAX_LINE:,} characters; not a table row"
            )
        yield line


class Rows:
    """Rows read afresh from the file at each pass: an import checks every row, then writes, without
    holding the file in memory."""

    def __init__(self, read: Callable[[], Iterator[tuple[int, list]]]):
        self._read = read

    def __iter__(self) -> Iterator[tuple[int, list]]:
        return self._read()


def _csv(path: Path, encoding: Encoding, header_row, header_score) -> Table:
    def grid() -> Iterator[tuple[int, list]]:
        with open(path, encoding=encoding.name, newline="") as stream:
            lines = _bounded_lines(stream, path.name)
            first = list(itertools.islice(lines, HEADER_ROWS))
            if first and first[0].startswith("\ufeff"):
                first[0] = first[0][1:]
            # Excel's "Unicode text" is tab-separated, European Excel uses semicolons
            delimiter = max(",\t;", key=lambda d: sum(line.count(d) for line in first))
            reader = csv.reader(itertools.chain(first, lines), delimiter=delimiter)
            try:
                for number, values in enumerate(reader, 1):
                    yield number, [restored(value) for value in values]
            except csv.Error as exc:  # e.g. a cell beyond the csv module's field size limit
                raise CrmError(
                    f"{path.name}:{reader.line_num}: not readable as CSV ({exc})"
                ) from None
            except OSError as exc:
                raise CrmError(f"cannot read {path}: {exc.strerror or exc}") from None

    return _grid(grid, header_row, header_score, path.name)


def _grid(grid: Callable[[], Iterator[tuple[int, list]]], header_row, header_score, name: str):
    """Header and data rows of a grid of cells, blank rows left out."""
    head = _head(grid(), header_row)
    if not head:
        return Table([], [], "row")
    at = _header_at(head, header_row, header_score, name)
    columns = [header_text("" if value is None else value) for value in head[at][1]]
    width, header = len(columns), head[at][0]

    def data() -> Iterator[tuple[int, list]]:
        for n, values in _filled(grid()):
            if n > header:
                yield n, (values[:width] if _blank_tail(values, width) else values)

    return Table(columns, Rows(data), "row", above_header=[n for n, _ in head[:at]])


def _filled(grid: Iterable[tuple[int, list]]) -> Iterator[tuple[int, list]]:
    return ((n, values) for n, values in grid if any(not _blank(value) for value in values))


def _head(grid: Iterator[tuple[int, list]], header_row) -> list[tuple[int, list]]:
    """The rows a header is looked for in: the first few, or those up to --header-row."""
    rows = _filled(grid)
    try:
        if header_row is None:
            return list(itertools.islice(rows, HEADER_ROWS))
        head = []
        for row in rows:
            head.append(row)
            if row[0] >= header_row:
                break
        return head
    finally:
        if hasattr(grid, "close"):
            grid.close()


def _header_at(rows: list[tuple[int, list]], header_row, header_score, name: str) -> int:
    if header_row is not None:
        at = next((i for i, (n, _) in enumerate(rows) if n == header_row), None)
        if at is None:
            raise UsageError(f"--header-row {header_row}: {name} has no such non-empty row")
        return at
    scores = [
        header_score([header_text("" if v is None else v) for v in values])
        for _, values in rows[:HEADER_ROWS]
    ]
    return scores.index(max(scores))


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _blank_tail(values: list, width: int) -> bool:
    return all(_blank(value) for value in values[width:])


def _json_items(path: Path, encoding: Encoding) -> list[tuple[int, object]]:
    with open(path, encoding=encoding.name, newline="") as stream:
        lines = _bounded_lines(stream, path.name)
        first = next((line for line in lines if line.strip()), "").lstrip("\ufeff")
        if first.lstrip().startswith("["):  # one JSON array of objects rather than JSON Lines
            try:
                item = _json_value(first + "".join(lines))
            except _JsonProblem as exc:
                raise CrmError(f"{path.name}:{exc.line}: {exc}") from None
            if not isinstance(item, list):
                raise CrmError(f"{path.name}: expected a JSON array of objects")
            return list(enumerate(item, 1))
        items, bad = [], []
        stream.seek(0)
        for number, line in enumerate(_bounded_lines(stream, path.name), 1):
            if line.strip():
                try:
                    items.append((number, _json_value(line.lstrip("\ufeff"))))
                except _JsonProblem as exc:
                    bad.append(f"line {number}: {exc}")
    if bad:
        raise Invalid(f"{path.name} is not valid JSON Lines", bad)
    return items


class _JsonProblem(ValueError):
    def __init__(self, message: str, line: int = 1):
        super().__init__(message)
        self.line = line


def _unique_keys(pairs: list[tuple[str, object]]) -> dict:
    seen = {}
    for key, value in pairs:
        if key in seen:
            raise _JsonProblem(f"duplicate key '{key}'")
        seen[key] = value
    return seen


def _json_value(text: str):
    """One JSON value, refused as crmctl refuses YAML: duplicate keys, deep nesting, huge numbers
    and text that is not Unicode (a lone surrogate) are problems, never a traceback."""
    try:
        value = json.loads(text, object_pairs_hook=_unique_keys)
        json.dumps(value, ensure_ascii=False).encode("utf-8")
    except json.JSONDecodeError as exc:
        raise _JsonProblem(f"not valid JSON: {exc.msg}", exc.lineno) from None
    except RecursionError:
        raise _JsonProblem("nested too deeply (a record is one object of fields)") from None
    except UnicodeEncodeError as exc:
        bad = exc.object[exc.start : exc.end].encode("unicode_escape").decode()
        raise _JsonProblem(f"'{bad}' is not text (a lone surrogate)") from None
    except _JsonProblem:
        raise
    except ValueError:  # Python's limit on the digits of an integer
        raise _JsonProblem("a number with too many digits") from None
    return value


def _yaml_items(path: Path) -> list[tuple[int, object]]:
    try:
        document = yamlio.loads(path.read_bytes())
    except yamlio.YamlError as exc:
        raise CrmError(f"{path.name}:{exc.line or 1}: {exc.message}") from None
    if not isinstance(document, list):
        raise CrmError(f"{path.name}: expected a list of records (- name: …), one item per record")
    return list(enumerate(document, 1))


def _mappings(items: list[tuple[int, object]], unit: str) -> Table:
    not_objects = [
        f"{unit} {number}: not an object of fields"
        for number, item in items
        if not isinstance(item, dict)
    ]
    if not_objects:
        raise Invalid("every record must be an object of fields", not_objects)
    mappings = [(number, item) for number, item in items if isinstance(item, dict)]
    columns = list(dict.fromkeys(str(key) for _, item in mappings for key in item))
    return Table(
        columns,
        [(number, [item.get(column) for column in columns]) for number, item in mappings],
        unit,
    )


def read_value_file(path: Path) -> dict[str, dict[str, str]]:
    """A file of code mappings for import, YAML (or JSON) of COLUMN: {FROM: TO, …}."""
    try:
        document = yamlio.loads(path.read_bytes())
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror or exc}") from None
    except yamlio.YamlError as exc:
        raise UsageError(f"{path.name}:{exc.line or 1}: {exc.message}") from None
    if not isinstance(document, dict) or not all(
        isinstance(codes, dict) for codes in document.values()
    ):
        raise UsageError(
            f"{path.name}: expected COLUMN: {{FROM: TO, …}} for each column, e.g.\n"
            "  Priority:\n    Low: normal\n    High: major\n  Status:\n    Closed: closed"
        )
    return {
        str(column): {str(old): str(new) for old, new in codes.items()}
        for column, codes in document.items()
    }
