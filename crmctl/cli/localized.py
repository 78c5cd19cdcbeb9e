"""Click's help in the chosen language: commands, options, headings and usage through the catalogue.

Help texts stay English in the code (click reads them when a module is imported, before the language
is known); they are looked up in the catalogue when the help is written.
"""

from __future__ import annotations

import inspect
import re

import click

from ..messages import _, lang, translated

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
    from ..screen import text_width

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


class Formatter(click.HelpFormatter):
    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, f"{_('Usage:')} " if prefix is None else prefix)

    def write_heading(self, heading: str) -> None:
        super().write_heading(_(heading))

    def write_text(self, text: str) -> None:
        super().write_text(translate_block(text))

    def write_dl(self, rows, col_max: int = 30, col_spacing: int = 2) -> None:
        super().write_dl([(term, option_help(help)) for term, help in rows], col_max, col_spacing)


class Context(click.Context):
    formatter_class = Formatter


class Command(click.Command):
    context_class = Context

    def get_short_help_str(self, limit: int = 45) -> str:
        return short_help(_(inspect.cleandoc(self.short_help or self.help or "")), limit)


class Group(click.Group):
    context_class = Context
    command_class = Command
    group_class = type  # subgroups are of this class too

    def get_short_help_str(self, limit: int = 45) -> str:
        return Command.get_short_help_str(self, limit)  # type: ignore[arg-type]
