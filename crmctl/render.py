"""Output: tables for people, JSON / CSV / YAML / ids for scripts, and the zh/en labels."""

from __future__ import annotations

import datetime as dt
import html
import json
import math
import re
from typing import TYPE_CHECKING

from . import messages
from .labels import LABELS, VALUE_LABELS
from .screen import text_width, visible

if TYPE_CHECKING:
    from .fitting import Screen

FORMATS = ("table", "json", "csv", "yaml", "ids")
REPORT_FORMATS = (
    "table",
    "csv",
    "json",
    "markdown",
)  # markdown: a table to paste into a report or wiki

WEEKDAY_NAMES = {
    "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
    "zh": ("周一", "周二", "周三", "周四", "周五", "周六", "周日"),
}


def day_text(value, lang: str = "en") -> str:
    """A day (or moment) as an echo shows it, absolute and with its weekday: `2026-12-14 Mon`,
    `2026-12-14 15:00 周一`; ISO text is read back first."""
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value) if "T" in value else dt.date.fromisoformat(value)
    weekday = WEEKDAY_NAMES[lang if lang in WEEKDAY_NAMES else "en"][value.weekday()]
    if isinstance(value, dt.datetime):
        return f"{value:%Y-%m-%d %H:%M} {weekday}"
    return f"{value.isoformat()} {weekday}"


def label(field: str, lang: str) -> str:
    """A field's name for people; in Chinese a nested one (`judgement.valid`) or a numbered one
    (`proposal 2`) is named by its parts."""
    if lang == "zh" and field not in LABELS:
        if "." in field:
            return "·".join(label(part, lang) for part in field.split("."))
        numbered = re.fullmatch(r"(\w+)( \d+.*)", field)  # `proposal 2 (S2)`
        if numbered:
            return label(numbered[1], lang) + numbered[2]
    en, zh = LABELS.get(field, (field, field))
    return zh if lang == "zh" else en


def cell(value, lang: str) -> str:
    """A value as text for people: yes/no (是/否), lists joined, Chinese labels of fixed codes with
    lang zh."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return ("是" if value else "否") if lang == "zh" else ("yes" if value else "no")
    if isinstance(value, list):
        return ", ".join(cell(item, lang) for item in value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value)
    if lang == "zh" and text in VALUE_LABELS:
        return VALUE_LABELS[text]
    return text.replace("\n", " ⏎ ")


def _json(data) -> str:
    if isinstance(data, list) and data:
        # A list a line per element: indenting makes json use its pure-Python encoder, four seconds
        # for 128,000 due items instead of under one; one line each still diffs and greps well. The
        # brackets go on the first and last lines, so the text of all lines is not copied once more
        # to add them.
        lines = [_json_text(item) for item in data]
        lines[0] = f"[\n{lines[0]}"
        lines[-1] = f"{lines[-1]}\n]\n"
        return ",\n".join(lines)
    return _json_text(data, indent=2) + "\n"


def _json_text(data, indent: int | None = None) -> str:
    try:
        return json.dumps(data, ensure_ascii=False, indent=indent, allow_nan=False)
    except ValueError:  # a number no JSON can hold (a share of nothing) is written as null
        return json.dumps(_finite(data), ensure_ascii=False, indent=indent)


def _finite(data):
    if isinstance(data, float):
        return data if math.isfinite(data) else None
    if isinstance(data, dict):
        return {key: _finite(value) for key, value in data.items()}
    if isinstance(data, (list, tuple)):
        return [_finite(value) for value in data]
    return data


def id_of(record: dict) -> str:
    """The id `--format ids` prints for a row: its own, or the record it is about (a due item)."""
    found = record.get("id") or record.get("record_id")
    if not isinstance(found, str):
        from .errors import UsageError
        from .messages import _

        raise UsageError(_("these rows have no ids: use --format table, json, csv or yaml"))
    return found


def rows(
    records: list[dict],
    columns: list[str],
    fmt: str,
    lang: str = "en",
    relabel=None,
    screen: Screen | None = None,
) -> str:
    """A list of records: a table of `columns`, or every field for json/yaml, or ids one per line.

    `relabel(field, value)` may turn a code into its label for people (tables only); `screen` fits
    and colours a table for a terminal.
    """
    if fmt == "ids":
        return "".join(f"{id_of(record)}\n" for record in records)
    if fmt == "json":
        return _json(records)
    if fmt == "yaml":
        from .archive import yamlio

        return yamlio.dumps(records).decode("utf-8") if records else "[]\n"
    if fmt == "csv":
        from .transfer.cells import csv_text

        return csv_text(
            columns, ([_csv_cell(record.get(column)) for column in columns] for record in records)
        )
    return _table(records, columns, fmt, lang, relabel, screen) if records else ""


def _table(
    records: list[dict], columns: list[str], fmt: str, lang: str, relabel, screen: Screen | None
) -> str:
    """A plain or markdown table of records, fitted to `screen` if it says so."""
    headers = [label(column, lang) for column in columns]
    texts = [_column(records, column, lang, relabel) for column in columns]
    if fmt == "markdown":
        return _drawn(
            [[_markdown(visible(text)) for text in column] for column in texts],
            [_markdown(header) for header in headers],
            markdown=True,
        )
    if screen is not None and screen.shapes:
        from .fitting import shaped  # only a terminal's tables are shaped

        lines = shaped(screen, columns, headers, texts, records, _drawn)
        return "".join(f"{line}\n" for line in lines)
    return _drawn(texts, headers)


def _column(records: list[dict], column: str, lang: str, relabel) -> list[str]:
    """The cells of one column. A text is made a cell once: most repeat down a column (owners,
    rules, dates), and `due` at 100,000 customers has ~2 million cells."""
    made: dict[str, str] = {}
    out = []
    for record in records:
        value = record.get(column)
        text = made.get(value) if isinstance(value, str) else None
        if text is None:
            text = cell(relabel(column, value) if relabel else value, lang)
            if isinstance(value, str):
                made[value] = text
        out.append(text)
    return out


def _drawn(texts: list[list[str]], headers: list[str], markdown: bool = False) -> str:
    """A table of text cells (a list per column) drawn by tabulate ("simple", or "github" for
    markdown) with numbers not parsed, each cell as `screen.visible` shows it so that it takes the
    room it is shown in (a tab as a space: a terminal would jump past the next column)."""
    from tabulate import tabulate  # loaded only when a table is drawn

    shown = [[visible(text.replace("\t", " ")) for text in column] for column in texts]
    rows = list(zip(*shown, strict=True))
    style = "github" if markdown else "simple"
    return tabulate(rows, headers=headers, tablefmt=style, disable_numparse=True) + "\n"


def _csv_cell(value):
    """A CSV cell: a number as a number (so a negative one is not taken for a formula), anything
    else as the text a table shows in English."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return cell(value, "en")
    return int(value) if isinstance(value, float) and value.is_integer() else value


def _markdown(text: str) -> str:
    """A cell of a markdown table: HTML in it is shown, not run, and a | does not end the cell."""
    return html.escape(text, quote=False).replace("|", "\\|")


def report(sections, fmt: str, lang: str = "en", screen: Screen | None = None) -> str:
    """Titled tables of a report for people (table, markdown); rows already labelled for `lang`;
    `screen` fits and colours them for a terminal."""
    parts = []
    for name, columns, rows_ in sections:
        title = label(name, lang)
        heading = f"## {title}\n\n" if fmt == "markdown" else f"{title}\n"
        parts.append(
            heading
            + (
                rows(rows_, columns, fmt, lang, screen=screen)
                or ("(无)\n" if lang == "zh" else "(none)\n")
            )
        )
    return "\n".join(parts)


def change_text(entry: dict, lang: str = "en", relabel=None) -> str:
    """A history entry's changes and note on one line: `grade B1 → A2  (note)` (`等级 B1 → A2` in
    Chinese); a part holding fields (a complaint's judgement) as `field: value` pairs."""
    named = (lambda field: label(field, lang)) if lang == "zh" else (lambda field: field)

    def shown(field: str, value) -> str:
        if isinstance(value, dict):
            return "{" + pairs(value, lang, field, relabel) + "}"
        if isinstance(value, list) and any(isinstance(item, dict) for item in value):
            return ", ".join(shown(field, item) for item in value)
        return cell(value, lang) or "∅"

    changed = ", ".join(
        f"{named(field)} {shown(field, change.get('from'))} → {shown(field, change.get('to'))}"
        for field, change in (entry.get("changes") or {}).items()
    )
    note = f"  ({entry['note']})" if entry.get("note") else ""
    return f"{changed}{note}"


def pairs(part: dict, lang: str, field: str = "", relabel=None) -> str:
    """A part of a record (a payment, a complaint's closing) as `name: value` pairs on one line;
    in Chinese a name the labels give for this part's field (`closing.summary`) wins over the
    plain one."""

    def name(inner: str) -> str:
        if lang != "zh":
            return inner
        qualified = f"{field}.{inner}"
        return label(qualified if qualified in LABELS else inner, lang)

    return ", ".join(
        f"{name(inner)}: {cell(relabel(inner, value) if relabel else value, lang)}"
        for inner, value in part.items()
    )


def _value_lines(value, lang: str, field: str, relabel) -> list[str]:
    """A field's value as the lines of `crmctl … show`: a list of parts (payments) a line each."""
    if isinstance(value, list) and value and all(isinstance(item, dict) for item in value):
        return [pairs(item, lang, field, relabel=relabel) for item in value]
    if isinstance(value, dict):
        return [pairs(value, lang, field, relabel=relabel)]
    return [cell(relabel(field, value) if relabel else value, lang)]


def one(record: dict, fmt: str, lang: str = "en", relabel=None) -> str:
    """A single record: `field: value` lines for people, an object for json/yaml."""
    if fmt == "json":
        return _json(record)
    if fmt == "yaml":
        from .archive import yamlio

        return yamlio.dumps(record).decode("utf-8")
    if fmt == "ids":
        return f"{id_of(record)}\n"
    if fmt == "csv":
        columns = [key for key in record if key != "history"]
        return rows([record], columns, "csv")
    fields = [key for key in record if key != "history"]
    width = max(text_width(label(key, lang)) for key in fields)
    lines = []
    for key in fields:
        name = label(key, lang)
        first, *more = _value_lines(record[key], lang, key, relabel)
        lines.append(f"{name}{' ' * (width - text_width(name))}  {first}")
        lines.extend(f"{' ' * width}  {line}" for line in more)
    for entry in record.get("history", ()):
        action = messages.action_text(entry["action"], lang)
        by = str(relabel("by", entry["by"]) if relabel else entry["by"])
        lines.append(
            f"  {entry['at']}  {by}{' ' * (10 - text_width(by))} {action}"
            f"{' ' * (10 - text_width(action))} "
            f"{change_text(entry, lang, relabel)}".rstrip()
        )
    if record.get("history"):
        lines.insert(len(fields), label("history", lang) + ":")
    return "\n".join(lines) + "\n"
