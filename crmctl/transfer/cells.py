"""Spreadsheet cell safety: text that a spreadsheet would run as a formula is written with a
leading apostrophe (the spreadsheet convention for "this is text"), and read back without it; every
CSV crmctl writes goes through `csv_text`."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralised(text: str) -> str:
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def restored(text: str) -> str:
    """The inverse of `neutralised`, so an export re-imports to the same values."""
    return text[1:] if text.startswith("'") and text[1:].startswith(FORMULA_STARTS) else text


def csv_text(header: list[str], rows: Iterable[Iterable], line_end: str = "\n") -> str:
    """The one CSV writer: a header line, then a line per row, each text cell neutralised (numbers
    and None, written as the csv module writes them, can run nothing)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator=line_end)
    writer.writerow(header)
    writer.writerows(
        [neutralised(value) if isinstance(value, str) else value for value in row] for row in rows
    )
    return buffer.getvalue()
