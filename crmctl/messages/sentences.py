"""Sentences the rules write in English (the reasons of `due`), told in Chinese when shown.

The rules stay free of the language: their reasons are kept in the index's cache, shared by every
reader whatever `--lang`. A sentence is matched against the templates of zh_reasons.ZH; each
field is read by what its name says it holds (a day, a span, a staff id, a code, or text, which
is told in turn), and the Chinese template is filled with what was read. A sentence no template
matches is shown as it is.
"""

from __future__ import annotations

import functools
import re
import string
from collections.abc import Mapping

from . import action_text, text, translated, zh_reasons

# What a field holds, by its name without digits: how it is read, and whether it is told in turn.
_KINDS = {
    "day": r"\d{4}-\d{2}-\d{2}",
    "moment": r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}",
    "span": r"\d+(?:wd|wh|[dwhmy])(?:\d+m)?|\d+h\d{2}m|\d+m",
    "n": r"\d+",
    "number": r"-?\d+(?:\.\d+)?",
    "grade": r".+?",
    "code": r"[\w.-]+",
    "action": r"[\w-]+",
    "staff": r"[\w.@-]+",
    "owner": r"[\w.@-]+",
    "by": r"[\w.@-]+",
}
_NAMED = ("staff", "owner", "by", "code", "action", "grade")  # shown by their names


@functools.cache
def _templates() -> list[tuple[str, re.Pattern, str, tuple[str, ...]]]:
    """(its longest fixed text, pattern, Chinese, fields) of every template, those with more fixed
    text first; a sentence without the fixed text is not tried, which keeps most regular
    expressions from running at all (see bench/README.md)."""
    out = []
    for english, chinese in zh_reasons.ZH.items():
        parts, fields, literals = [], [], []
        for literal, field, _spec, _conversion in string.Formatter().parse(english):
            parts.append(re.escape(literal))
            literals.append(literal)
            if field:
                kind = field.rstrip("0123456789")
                parts.append(f"(?P<{field}>{_KINDS.get(kind, '.+?')})")
                fields.append(field)
        needle = max(literals, key=len)
        entry = (needle, re.compile("".join(parts), re.S), chinese, tuple(fields))
        out.append((sum(map(len, literals)), entry))
    out.sort(key=lambda pair: -pair[0])
    return [entry for _fixed, entry in out]


def told(text: str, names: Mapping[str, str] | None = None) -> str:
    """`text` in Chinese where a template matches it; `names` shows staff ids and codes by their
    Chinese names. A complaint's reason (`summary — what is due`) keeps its summary."""
    names = names or {}
    summary, dash, rest = text.rpartition(" — ")
    if dash:
        return f"{summary}{dash}{told(rest, names)}"
    for needle, pattern, chinese, fields in _templates():
        match = needle in text and pattern.fullmatch(text)
        if match:
            return chinese.format(**{field: _field(field, match[field], names) for field in fields})
    return text


def told_lines(text: str, names: Mapping[str, str] | None = None) -> str:
    """A message of several lines (an error and its problems), each line told; a line `field:
    problem` keeps its field."""
    out = []
    for line in text.split("\n"):
        indent = line[: len(line) - len(line.lstrip())]
        shown = told(line.strip(), names)
        if shown == line.strip() and ": " in shown:
            where, _colon, what = shown.partition(": ")
            shown = f"{where}: {told(what, names)}"
        out.append(indent + shown)
    return "\n".join(out)


def _field(field: str, value: str, names: Mapping[str, str]) -> str:
    kind = field.rstrip("0123456789")
    if kind == "action":
        return action_text(value, "zh")
    if kind in _NAMED:
        return names.get(value) or (text(value, "zh") if translated(value) else value)
    if kind in _KINDS:
        return value
    return told(value, names)
