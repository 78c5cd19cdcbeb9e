"""Spreadsheet cell safety: text that a spreadsheet would run as a formula is written with a
leading apostrophe (the spreadsheet convention for "this is text"), and read back without it."""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralised(text: str) -> str:
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def restored(text: str) -> str:
    """The inverse of `neutralised`, so an export re-imports to the same values."""
    return text[1:] if text.startswith("'") and text[1:].startswith(FORMULA_STARTS) else text
