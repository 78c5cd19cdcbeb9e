"""Click's help in the chosen language: commands, options, headings and usage through the catalogue.

Help texts stay English in the code (click reads them when a module is imported, before the language
is known); they are looked up in the catalogue when the help is written.
"""

from __future__ import annotations

import inspect
import re

import click
import click.core
import click.decorators
import click.exceptions
import click.parser
import click.types

from ..messages import _, lang, translated
from ..screen import text_width

EXAMPLES = "Examples:"
_EXTRA = re.compile(r"^(?P<help>.*?)\s*\[(?P<extra>[^\[\]]*)\]$", re.S)
_SENTENCE_END = re.compile(r"(?<=[.。;；])(?:\s|$)|(?<=[。；])")


def translate_block(text: str) -> str:
    """A help text or epilog: as a whole if the catalogue has it, else paragraph by paragraph (help
    put together from shared parts), else line by line (the heading of examples)."""
    if lang() == "en" or translated(text):
        return _(text)
    return "\n\n".join(
        _(part) if translated(part) else "\n".join(_(line) for line in part.split("\n"))
        for part in text.split("\n\n")
    )


def fully_translated(text: str) -> bool:
    """Whether the catalogue has a help text, as a whole or every paragraph of it."""
    return translated(text) or all(translated(part) for part in text.split("\n\n"))


def short_help(text: str, limit: int) -> str:
    """The first sentence of a translated help text, shortened to `limit` columns with an
    ellipsis."""
    first = text.split("\n\n", maxsplit=1)[0].replace("\n", " ").strip()
    match = _SENTENCE_END.search(first)
    sentence = first[: match.start()].strip() if match else first
    sentence = sentence.rstrip(".。")
    if text_width(sentence) <= limit:
        return sentence
    while sentence and text_width(sentence) > limit - 1:
        sentence = sentence[:-1]
    return sentence.rstrip() + "…"


def option_help(help_text: str) -> str:
    """An option's help as click writes it, with its `[default: …; required]` part translated
    too."""
    match = _EXTRA.match(help_text)
    if not match:
        return _(help_text)
    extras = []
    for item in match["extra"].split("; "):
        name, sep, value = item.partition(": ")
        extras.append(_(name) + _(": ") + value if sep else _(item))
    shown = _(match["help"]) if match["help"] else ""
    return f"{shown}  [{_('; ').join(extras)}]" if shown else f"[{_('; ').join(extras)}]"


_WIDE = "\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef"
_CLOSING = "，。、；：！？）」』》,.;:!?)"
# What a line may break around: spaces, a code and its label (phone/电话), each wide character
# (with the brackets and punctuation around it), a run of anything else (a word, an option, a
# path). Compiled on first use (by re's cache): its classes of wide characters cost a plain
# `--help` milliseconds.
_UNIT = rf"\s+|[^\s{_WIDE}]+/[{_WIDE}]+[{_CLOSING}]*|[(（]?[{_WIDE}][{_CLOSING}]*|[^\s{_WIDE}]+"


def wrap_wide(paragraph: str, width: int) -> list[str]:
    """The lines of a paragraph wrapped to `width` columns, breaking between Chinese characters as
    well as at spaces (click's wrapping breaks at spaces only, and counts a character as one
    column)."""
    lines = paragraph.split("\n")
    joined = lines[0]
    for line in lines[1:]:
        wide = re.fullmatch(f"[{_WIDE}]{{2}}", joined[-1:] + line.strip()[:1])
        joined += ("" if wide else " ") + line.strip()
    out, line, space = [], "", False
    for unit in re.findall(_UNIT, joined.strip()):
        if unit.isspace():
            space = bool(line)
            continue
        candidate = line + (" " if space else "") + unit
        glued = not space and unit[0] in _CLOSING  # punctuation stays with what it closes
        if line and not glued and text_width(candidate) > width:
            out.append(line)
            candidate = unit
        line, space = candidate, False
    return [*out, line] if line else out


def _unwrapped(text: str, width: int) -> str:
    """Chinese text wrapped here, each paragraph marked for click to keep its lines as they are."""
    return "\n\n".join(
        "\n".join(_hanging(line, width) for line in part.split("\n"))
        if part.split("\n")[0] == "\b"  # click's mark of a paragraph laid out by hand
        else "\b\n" + "\n".join(wrap_wide(part.lstrip("\b "), width))
        for part in text.split("\n\n")
    )


# The term of a line laid out as a definition (`  churn     what it counts`), or its indentation.
_TERM = re.compile(r"\s*(?:\S(?:.*?\S)?\s{2,}(?=\S))?")


def _hanging(line: str, width: int) -> str:
    """A line laid out by hand, wrapped if too wide, continued under its definition."""
    if text_width(line) <= width:
        return line
    term = _TERM.match(line)[0]  # type: ignore[index]
    indent = " " * text_width(term)
    rows = wrap_wide(line[len(term) :], max(width - len(indent), 10))
    return "\n".join([term + rows[0], *(indent + row for row in rows[1:])])


class Formatter(click.HelpFormatter):
    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        prefix = f"{_('Usage:')} " if prefix is None else prefix
        super().write_usage(prog, placeholders(args), prefix)

    def write_heading(self, heading: str) -> None:
        super().write_heading(_(heading))

    def write_text(self, text: str) -> None:
        shown = placeholders(translate_block(text))
        if lang() == "zh":
            shown = _unwrapped(shown, max(self.width - self.current_indent, 11))
        super().write_text(shown)

    def write_dl(self, rows, col_max: int = 30, col_spacing: int = 2) -> None:
        rows = [(placeholders(term), placeholders(option_help(help))) for term, help in rows]
        if lang() != "zh" or not rows:
            super().write_dl(rows, col_max, col_spacing)
            return
        # click's layout, with widths as a terminal counts them (a Chinese character is two)
        first = min(max(text_width(term) for term, _help in rows), col_max) + col_spacing
        room = max(self.width - first - 2, 10)
        for term, help in rows:
            self.write(f"{'':>{self.current_indent}}{term}")
            lines = wrap_wide(help, room) if help else []
            if not lines:
                self.write("\n")
                continue
            gap = first - text_width(term)
            self.write(
                " " * gap if gap >= col_spacing else "\n" + " " * (first + self.current_indent)
            )
            indent = " " * (first + self.current_indent)
            self.write("\n".join([lines[0], *(indent + line for line in lines[1:])]) + "\n")


class Context(click.Context):
    formatter_class = Formatter


def usage_pieces(pieces: list[str]) -> list[str]:
    """The usage line's placeholders of options and subcommands in the language chosen."""
    return [_(piece) if lang() == "zh" and translated(piece) else piece for piece in pieces]


# A placeholder: a word in capitals standing alone (not CRMCTL_ROOT, YYYY-MM or $EDITOR).
_PLACEHOLDER = re.compile(r"(?<![\w$-])[A-Z]{2,}(?![\w-])")


def placeholders(text: str) -> str:
    """Help text with its placeholders (FILE, CUSTOMER, FIELD=VALUE) in Chinese under zh."""
    if lang() != "zh":
        return text
    return _PLACEHOLDER.sub(
        lambda word: _(f"metavar:{word[0]}") if translated(f"metavar:{word[0]}") else word[0],
        text,
    )


class Command(click.Command):
    context_class = Context

    def collect_usage_pieces(self, ctx: click.Context) -> list[str]:
        return usage_pieces(super().collect_usage_pieces(ctx))

    def get_short_help_str(self, limit: int = 45) -> str:
        return short_help(
            translate_block(inspect.cleandoc(self.short_help or self.help or "")), limit
        )


def _click_text(message: str) -> str:
    if message == CLICK_ERROR:  # a usage error reads as every other error of crmctl
        return _("crmctl: error: {message}")
    return _(message) if lang() == "zh" and translated(message) else message


CLICK_ERROR = "Error: {message}"  # how click starts the message of an error it prints


def _click_plural(singular: str, plural: str, count: int) -> str:
    return _click_text(singular if count == 1 else plural)


# Click marks its own messages for gettext ("Missing option", "Try … for help."); they are looked
# up in the catalogue instead, so a usage error reads in the language of the rest.
for _module in (click.core, click.exceptions, click.types, click.parser, click.decorators):
    _module._ = _click_text  # type: ignore[attr-defined]
    if hasattr(_module, "ngettext"):
        _module.ngettext = _click_plural  # type: ignore[attr-defined]


class Templated(Command):
    """A command whose help is one template filled per kind (`import customers|visits|…`): the
    catalogue holds the template, and the `translated` fields are looked up on their own."""

    def __init__(self, *args, template: str, fields: dict[str, str], translated=(), **kwargs):
        kwargs["help"] = template.format(**fields)  # click passes the docstring, here none
        super().__init__(*args, **kwargs)
        self.template, self.fields, self.translated = template, fields, tuple(translated)

    def format_help_text(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        if lang() == "en":
            super().format_help_text(ctx, formatter)
            return
        formatter.write_paragraph()
        with formatter.indentation():
            formatter.write_text(translate_block(self.template).format(**self._shown()))

    def _shown(self) -> dict[str, str]:
        return {
            name: translate_block(value) if name in self.translated and value else value
            for name, value in self.fields.items()
        }

    def get_short_help_str(self, limit: int = 45) -> str:
        if lang() == "en":
            return super().get_short_help_str(limit)
        return short_help(translate_block(self.template).format(**self._shown()), limit)


class Group(click.Group):
    context_class = Context
    command_class = Command
    group_class = type  # subgroups are of this class too

    def get_short_help_str(self, limit: int = 45) -> str:
        return Command.get_short_help_str(self, limit)  # type: ignore[arg-type]

    def collect_usage_pieces(self, ctx: click.Context) -> list[str]:
        return usage_pieces(super().collect_usage_pieces(ctx))
