"""What a person at a terminal gets that a pipe does not: tables fitted to the terminal's width
with short ids, late rows in colour, and a pager for what is longer than the screen."""

from __future__ import annotations

import contextlib
import os
import shlex
import shutil
import sys

import click

from ..fitting import Screen
from ..screen import text_width

DEFAULT_PAGER = "less -FRX"  # quit when it fits, keep colours, leave the text on the screen


def screen(fmt: str, wide: bool, color: str, stream=None) -> Screen:
    """How tables are shaped for `stream` (standard output unless given): fitted when it is a
    terminal (not --wide), coloured when it is one (--color auto, and no NO_COLOR) or --color
    always."""
    tty = (stream or sys.stdout).isatty()
    fits = fmt == "table" and tty and not wide
    return Screen(
        width=shutil.get_terminal_size().columns if fits else None,
        color=fmt == "table" and colored(color, tty),
    )


def colored(choice: str, tty: bool) -> bool:
    if choice == "always":
        return True
    if choice == "never":
        return False
    return tty and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"


def short_ids(store, records: list[dict], columns: list[str]) -> list[dict]:
    """The records with the ids of `columns` shown as their short references (which every command
    takes back, as git's abbreviated hashes)."""
    from ..archive import ids  # a plain --help does not load the store
    from ..archive.kinds import kind_of_id

    id_columns = [column for column in columns if ids.is_valid(_first(records, column))]
    if not id_columns:
        return records
    refs: dict[str, str] = {}
    for letter in {row[column][:1] for row in records for column in id_columns if row.get(column)}:
        kind = kind_of_id(letter)
        if kind is not None:
            refs.update(store.short_refs(kind))
    return [
        {
            **row,
            **{
                column: refs.get(row[column], row[column])
                for column in id_columns
                if row.get(column)
            },
        }
        for row in records
    ]


def _first(records: list[dict], column: str) -> str:
    value = next((row[column] for row in records if row.get(column)), "")
    return value if isinstance(value, str) else ""


class Pager:
    """Standard output held while a command runs, then shown through $PAGER (default `less -FRX`)
    if it is longer than the screen (or wider, unfitted), else written as it is."""

    def __init__(self) -> None:
        self.texts: list[str] = []

    def add(self, text: str) -> None:
        self.texts.append(text)

    def flush(self, color: bool) -> None:
        text, self.texts = "".join(self.texts), []
        if not text:
            return
        command = os.environ.get("PAGER", DEFAULT_PAGER).strip()
        if command and _longer_than_screen(text) and shutil.which(shlex.split(command)[0]):
            _page(text, command)
        else:
            click.echo(text, nl=False, color=color or None)


def _longer_than_screen(text: str) -> bool:
    size = shutil.get_terminal_size()
    lines = text.count("\n")
    if lines >= size.lines:
        return True
    return any(text_width(click.unstyle(line)) > size.columns for line in text.splitlines())


def _page(text: str, command: str) -> None:
    import subprocess

    # Through the shell, as git runs $PAGER: it may carry options and quoting.
    pager = subprocess.Popen(command, shell=True, stdin=subprocess.PIPE)
    assert pager.stdin is not None
    # The person may quit the pager before the end.
    with contextlib.suppress(BrokenPipeError):
        pager.stdin.write(text.encode(sys.stdout.encoding or "utf-8", "replace"))
    with contextlib.suppress(BrokenPipeError):
        pager.stdin.close()
    while True:
        try:
            pager.wait()
            break
        except KeyboardInterrupt:  # Ctrl-C belongs to the pager (less stops its search)
            continue
