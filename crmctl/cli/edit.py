"""`crmctl edit REF`: a record in $VISUAL or $EDITOR, validated on save, one history entry."""

from __future__ import annotations

import os
import sys

import click

from .. import lazy
from ..errors import CrmError, UsageError
from ..messages import _
from .common import App, examples, output_option, pass_app
from .localized import Command
from .types import REF

corrections = lazy.module("crmctl.actions.corrections")


def edit_in_editor(app: App, ref: str) -> None:
    """Open the record in the editor until it is saved valid (the problems shown on top, as
    `git commit` and `crontab -e` do), saved unchanged, or not saved; then write it."""
    kind, record, text = corrections.editable(app.session, ref)
    if not (os.environ.get("VISUAL") or os.environ.get("EDITOR")) and not sys.stdin.isatty():
        raise UsageError(
            _(
                "crmctl edit opens $VISUAL or $EDITOR: neither is set, and there is no terminal "
                "for vi; set one, e.g. EDITOR=nano crmctl edit {ref}",
                ref=ref,
            )
        )
    header = (
        _(
            "# crmctl edit {kind} {id}: change fields, save and quit; quit without saving to "
            "cancel.",
            kind=kind.name,
            id=record["id"],
        )
        + "\n"
        + _(
            "# id, created, updated and history are kept by crmctl; the change becomes one history "
            "entry."
        )
        + "\n"
    )
    problems = ""
    for round_ in range(EDIT_ROUNDS + 1):
        edited = click.edit(problems + header + text, extension=".yaml", require_save=True)
        if edited is None or (problems and _body(edited) == text) or round_ == EDIT_ROUNDS:
            if problems:
                raise CrmError(
                    _(
                        "{kind} {id} left as it was: {problems}",
                        kind=kind.name,
                        id=record["id"],
                        problems=problems_line(problems),
                    )
                )
            app.confirm(_("no change; nothing written"))
            return
        text = _body(edited)
        try:
            updated = corrections.save_edit(app.session, kind, record, text)
        except CrmError as exc:
            problems = "".join(ERROR_LINE.format(line=line) for line in str(exc).splitlines())
            continue
        break
    if updated is None:
        app.confirm(_("no change; nothing written"))
        return
    changed = ", ".join(updated["history"][-1].get("changes", {}))
    app.confirm(_("edited {kind} {id}: {fields}", kind=kind.name, id=record["id"], fields=changed))
    app.show_written(updated)


# Saves still invalid after this many reopenings end the edit: an editor run by a script may change
# the text on every run without ever making it valid.
EDIT_ROUNDS = 20
ERROR_LINE = "# ! {line}\n"  # a problem shown on top of the record, as a YAML comment


def problems_line(problems: str) -> str:
    return "; ".join(line.removeprefix("# ! ").strip() for line in problems.splitlines())


def _body(edited: str) -> str:
    """The edited text without the comment lines crmctl put on top."""
    lines = edited.splitlines(keepends=True)
    while lines and lines[0].startswith("#"):
        lines.pop(0)
    return "".join(lines)


@click.command(
    cls=Command,
    epilog=examples(
        "crmctl edit 华丰",
        "crmctl edit V1M9ABC",
        "VISUAL='code --wait' crmctl edit T1M7P63R800W",
    ),
)
@click.argument("ref", type=REF)
@output_option()
@pass_app
def edit(app: App, ref):
    """Edit a record (a customer as every command names one, or a visit's or complaint's id) in
    $VISUAL or $EDITOR. On save it is validated like any change; if it is not valid the editor
    opens again with the problems on top. The change is written with one history entry listing
    the fields changed; history is never edited. Saving unchanged or not saving writes nothing."""
    edit_in_editor(app, ref)


COMMANDS = [edit]
