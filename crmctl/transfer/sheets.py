"""Cells of a worksheet: .xlsx through openpyxl, legacy .xls through xlrd (both imported only
when a workbook is read). A workbook is untrusted: what cannot be read is one clear error."""

from __future__ import annotations

import zipfile
from pathlib import Path

from ..errors import CrmError, UsageError
from .cells import restored

MAX_RATIO = 200  # unzipped / zipped size of a part; worksheets' XML stays far below it
MAX_UNZIPPED = 1 << 30  # bytes of all parts of an .xlsx unzipped
SMALL_PART = 10 << 20  # a part below this many bytes unzipped is never a bomb


def read(path: Path, fmt: str, sheet: str | None) -> tuple[str, list[tuple[int, list]]]:
    """(name of the sheet read, its rows as (row number, cells)) of the chosen or first sheet."""
    reader = _xlsx if fmt == "xlsx" else _xls
    try:
        return reader(path, sheet)
    except (CrmError, MemoryError):
        raise
    except Exception as exc:  # readers raise zip, XML, OLE and key errors for damaged files
        detail = str(exc).splitlines()[0][:120] if str(exc) else exc.__class__.__name__
        raise CrmError(f"{path.name}: not a readable {path.suffix} workbook ({detail})") from None


def _chosen(names: list[str], sheet: str | None, path: Path) -> int:
    if sheet is None:
        return 0
    if sheet in names:
        return names.index(sheet)
    if sheet.isdigit() and 1 <= int(sheet) <= len(names):
        return int(sheet) - 1
    raise UsageError(
        f"--sheet {sheet}: {path.name} has no such sheet (sheets: "
        + ", ".join(f"{n} {name}" for n, name in enumerate(names, 1))
        + ")"
    )


def _check_zip(path: Path) -> None:
    """Refuses a zip bomb before anything is unzipped: declared sizes bound what zipfile reads."""
    with zipfile.ZipFile(path) as archive:
        parts = archive.infolist()
    total = sum(part.file_size for part in parts)
    for part in parts:
        ratio = part.file_size / max(part.compress_size, 1)
        if part.file_size > SMALL_PART and ratio > MAX_RATIO:
            raise CrmError(
                f"{path.name}: part {part.filename} unzips {ratio:,.0f} times larger than it is "
                "stored (a zip bomb?); not read"
            )
    if total > MAX_UNZIPPED:
        raise CrmError(f"{path.name}: unzips to {total:,} bytes (over {MAX_UNZIPPED:,}); not read")


def _xlsx(path: Path, sheet: str | None):
    import openpyxl  # only imports of spreadsheets pay for it

    _check_zip(path)
    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        worksheet = book.worksheets[_chosen(book.sheetnames, sheet, path)]
        rows = [
            (number, [restored(v) if isinstance(v, str) else v for v in values])
            for number, values in enumerate(worksheet.iter_rows(values_only=True), 1)
        ]
        return worksheet.title, rows
    finally:
        book.close()


def _xls(path: Path, sheet: str | None):
    import xlrd  # legacy .xls only

    book = xlrd.open_workbook(str(path), on_demand=True)
    try:
        worksheet = book.sheet_by_index(_chosen(book.sheet_names(), sheet, path))
        rows = [
            (number + 1, [_xls_value(cell, book.datemode, xlrd) for cell in worksheet.row(number)])
            for number in range(worksheet.nrows)
        ]
        return worksheet.name, rows
    finally:
        book.release_resources()


def _xls_value(cell, datemode: int, xlrd):
    if cell.ctype == xlrd.XL_CELL_DATE:
        return xlrd.xldate_as_datetime(cell.value, datemode)
    if cell.ctype == xlrd.XL_CELL_BOOLEAN:
        return bool(cell.value)
    if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK, xlrd.XL_CELL_ERROR):
        return None
    return restored(cell.value) if isinstance(cell.value, str) else cell.value
