"""A numbered choice for an ambiguous reference, offered only to a person at a terminal."""

from __future__ import annotations

import click

from ..errors import Ambiguous
from ..messages import _
from ..screen import visible
from .common import ask_first


def chosen_args(argv: list[str], exc: Ambiguous) -> list[str] | None:
    """The command line again with the ambiguous reference replaced by the candidate the person
    picks from a numbered list; None when nobody is asked (no terminal) or nothing is picked."""
    if not exc.ref or not exc.ids or not ask_first(False):
        return None
    at = _where(argv, exc.ref)
    if at is None:
        return None
    lines = [f"  {number}  {line}" for number, line in enumerate(exc.candidates, 1)]
    click.echo(
        visible(_("'{ref}' names several records:", ref=exc.ref) + "\n" + "\n".join(lines)),
        err=True,
    )
    answer = click.prompt(
        _("which one? (1-{last}, Enter for none)", last=len(exc.ids)),
        default="",
        show_default=False,
        err=True,
    ).strip()
    if not answer.isdigit() or not 1 <= int(answer) <= len(exc.ids):
        return None
    picked = exc.ids[int(answer) - 1]
    index, prefix = at
    return [*argv[:index], prefix + picked, *argv[index + 1 :]]


def _where(argv: list[str], ref: str) -> tuple[int, str] | None:
    """(index, text before the reference) of the argument holding it: `华丰`, `--customer=华丰`."""
    for index, arg in enumerate(argv):
        if arg == ref:
            return index, ""
        if arg.startswith("--") and arg.endswith(f"={ref}"):
            return index, arg[: -len(ref)]
    return None
