"""Tables that fit a terminal: which columns a table keeps and how wide each one is, so that no
line is wider than the screen, and the colour of the rows that need attention.

Pure text work on the cells a table would show (see `render.rows`): the texts of each column, as
given, are cut to a width with an ellipsis, counted in the columns a terminal gives them (a Chinese
character takes two). Timestamps lose their seconds and offset, empty columns go, and when the
shortened texts still do not fit, the least useful columns go (DROPPED_FIRST).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from .screen import text_width, visible

ELLIPSIS = "…"
GAP = 2  # columns between two columns of a table
HEADER_PAD = 2  # a column is at least as wide as its header plus two (tabulate's "simple")
# Free-text columns, shortened down to this many columns before any column is dropped.
SHORTENED = {
    "reason": 24,
    "summary": 20,
    "complaint_summary": 20,
    "what": 20,
    "message": 24,
    "address": 16,
    "notes": 12,
    "needs": 12,
    "lost_reason": 12,
    "title": 12,
    "name": 12,
    "customer_name": 12,
    "customer": 12,
    "complainant": 10,
    "contact": 8,
    "tags": 8,
    "number": 10,
    "breaches": 8,
}
SQUEEZED_TEXT = 8  # free text is cut this far before any other column is cut
# Columns dropped when even shortened texts do not fit, the least useful first.
DROPPED_FIRST = (
    "suggested_time",
    "first_responder",
    "department",
    "ack_hours",
    "resolve_hours",
    "acknowledged",
    "currency",
    "issued",
    "paid",
    "aging",
    "tags",
    "region",
    "contact",
    "purpose",
    "reached",
    "next_followup",
    "satisfaction",
    "category",
    "channel",
    "grade",
    "kind",
    "amount",
    "resolved_at",
    "mobile",
    "severity",
    "number",
    "owner",
    "staff",
    "handler",
)
_TIMESTAMP = re.compile(r"(\d{4}-\d\d-\d\d)T(\d\d:\d\d)(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:?\d\d)?")
# Row tones: the ANSI colour of a row that is late (red) or close to it (yellow).
TONES = {"late": "\x1b[31m", "warning": "\x1b[33m"}
_RESET = "\x1b[0m"


@dataclass(frozen=True)
class Screen:
    """How a table is shaped for the person reading it: fitted into `width` columns (None: every
    column in full), its late and warning rows coloured, and without the `redundant` columns (the
    owner of `due --mine`) when fitted."""

    width: int | None = None
    color: bool = False
    redundant: frozenset[str] = frozenset()

    @property
    def shapes(self) -> bool:
        return self.width is not None or self.color


# draw(texts, headers): a plain table of these columns (a list of texts per column), each line
# ending in a line break.
Draw = Callable[[list[list[str]], list[str]], str]


def shaped(
    screen: Screen,
    fields: list[str],
    headers: list[str],
    texts: list[list[str]],
    records: list[dict],
    draw: Draw,
) -> Iterator[str]:
    """The lines of a table drawn by `draw`, fitted and coloured as `screen` says."""
    if screen.width is not None:
        kept = [index for index, name in enumerate(fields) if name not in screen.redundant]
        table = fitted(
            [fields[index] for index in kept],
            [headers[index] for index in kept],
            [texts[index] for index in kept],
            screen.width,
        )
        texts, headers = table.texts, table.headers
    lines = iter(draw(texts, headers).splitlines())
    if not screen.color:
        yield from lines
        return
    # Coloured lines are written as they are: what a terminal would act on in a cell is shown first.
    yield from map(visible, itertools.islice(lines, 2))  # the header and its rule
    for line, record in zip(lines, records, strict=True):
        yield painted(visible(line), tone(record))


@dataclass(frozen=True)
class Table:
    """The columns a fitted table keeps (their field names), their headers and their texts."""

    fields: list[str]
    headers: list[str]
    texts: list[list[str]]


def shorten(text: str, width: int) -> str:
    """`text` in at most `width` terminal columns: cut with an ellipsis if it is wider."""
    if text_width(text) <= width:
        return text
    if width < 1:
        return ""
    kept, used = [], 0
    for char in text:
        size = text_width(char)
        if used + size > width - 1:
            break
        kept.append(char)
        used += size
    return "".join(kept).rstrip() + ELLIPSIS


def folded(text: str, width: int) -> str:
    """A line of prose broken at spaces into lines of at most `width` columns; a word wider than
    that (Chinese has no spaces) is broken between its characters."""
    lines: list[str] = []
    line = ""
    for word in text.split(" "):
        joined = f"{line} {word}" if line else word
        if text_width(joined) <= width:
            line = joined
            continue
        if line:
            lines.append(line)
        line = word
        while text_width(line) > width > 1:
            cut = _fitting_start(line, width)
            lines.append(line[:cut])
            line = line[cut:]
    return "\n".join([*lines, line])


def _fitting_start(text: str, width: int) -> int:
    """How many of the first characters of `text` fit in `width` columns (at least one)."""
    used = 0
    for count, char in enumerate(text):
        used += text_width(char)
        if used > width:
            return max(count, 1)
    return len(text)


def short_timestamp(text: str) -> str:
    """`2026-11-03T10:30:00+08:00` as `2026-11-03 10:30`; any other text as it is."""
    match = _TIMESTAMP.fullmatch(text)
    return f"{match[1]} {match[2]}" if match else text


def fitted(fields: list[str], headers: list[str], texts: list[list[str]], width: int) -> Table:
    """The table of these columns (`texts`: a list of cells per column) to show in `width`
    terminal columns: timestamps shortened, empty columns left out, free text cut, and the least
    useful columns dropped while it does not fit. A table that cannot fit even so (a terminal a few
    columns wide) has its widest columns cut as far as needed."""
    columns = [
        (name, header, [short_timestamp(text.strip()) for text in column])
        for name, header, column in zip(fields, headers, texts, strict=True)
    ]
    kept = [column for column in columns if any(column[2])] or columns
    natural = {name: _natural(header, column) for name, header, column in kept}
    floor = {
        name: min(natural[name], max(SHORTENED.get(name, natural[name]), _header(header)))
        for name, header, _ in kept
    }
    floor = _without_the_least_useful(floor, width)
    kept = [column for column in kept if column[0] in floor]
    sizes = _spread(floor, natural, width) if _room(floor) <= width else _squeezed(floor, width)
    return Table(
        [name for name, _, _ in kept],
        [shorten(header, sizes[name] - HEADER_PAD) for name, header, _ in kept],
        [[shorten(text, sizes[name]) for text in column] for name, _, column in kept],
    )


def _without_the_least_useful(floor: dict[str, int], width: int) -> dict[str, int]:
    """The columns at their floors, the least useful (DROPPED_FIRST) left out while they do not
    fit in `width`; one column always stays."""
    for name in DROPPED_FIRST:
        if _room(floor) <= width or len(floor) == 1:
            break
        floor.pop(name, None)
    return floor


def _natural(header: str, column: list[str]) -> int:
    return max(_header(header), *(text_width(text) for text in column))


def _header(header: str) -> int:
    """The columns a header takes in its table."""
    return text_width(header) + HEADER_PAD


def _room(sizes: dict[str, int]) -> int:
    """The width of a table whose columns are this wide."""
    return sum(sizes.values()) + GAP * (len(sizes) - 1)


def _spread(floor: dict[str, int], natural: dict[str, int], width: int) -> dict[str, int]:
    """Each column at its floor, then the room left given to the shortened ones a column at a
    time, always to the narrowest, up to their natural widths (a short name whole before a long
    reason grows)."""
    sizes = dict(floor)
    for _ in range(width - _room(sizes)):
        short = [name for name in sizes if sizes[name] < natural[name]]
        if not short:
            break
        sizes[min(short, key=sizes.__getitem__)] += 1
    return sizes


def _squeezed(floor: dict[str, int], width: int) -> dict[str, int]:
    """Columns that do not fit at their floors: the widest free text cut further, a column at a
    time, down to SQUEEZED_TEXT; then the widest of any column, down to one character and the
    ellipsis."""
    sizes = dict(floor)
    while _room(sizes) > width:
        text = [name for name in sizes if name in SHORTENED and sizes[name] > SQUEEZED_TEXT]
        name = max(text or sizes, key=sizes.__getitem__)
        if sizes[name] <= HEADER_PAD:
            break
        sizes[name] -= 1
    return sizes


def tone(record: dict) -> str | None:
    """Whether a row needs attention: `late` (overdue, a deadline of an open complaint breached),
    `warning` (a deadline close), or None."""
    if (record.get("overdue_days") or 0) > 0:
        return "late"
    if record.get("breaches") and record.get("status") != "closed":
        return "late"
    if record.get("warning"):
        return "warning"
    return None


def painted(line: str, row_tone: str | None) -> str:
    """A line of a table in the colour of its row's tone."""
    return f"{TONES[row_tone]}{line}{_RESET}" if row_tone else line
