"""`crmctl keep`."""

from __future__ import annotations

import click

from .. import lazy
from ..messages import _
from .common import App, examples, pass_app
from .localized import Command

keep_action = lazy.module("crmctl.actions.merge_keep")


@click.command(
    cls=Command,
    epilog=examples(
        "crmctl keep theirs records/complaints/T1M3JWZQ4091JDPM.yaml",
        "crmctl keep ours T1M3JWZQ && git commit --no-edit",
    ),
)
@click.argument("side", type=click.Choice(["ours", "theirs"]))
@click.argument("files", metavar="FILE|ID...", nargs=-1, required=True)
@pass_app
def keep(app: App, side: str, files: tuple[str, ...]):
    """Finish git's merge of record files it left unmerged (a field both sides changed, or two
    steps that cannot both apply) by keeping one side's fields: ours is this clone's side (during
    a rebase, the upstream being rebased onto), theirs the side being merged in. Every history
    entry of both sides stays, an entry (action: merge) records what the choice changed, and the
    file is staged; then finish with the command printed."""
    kept, finish = keep_action.keep(app.session, side, files)
    for one in kept:
        app.out(one.path + "\n")
        if one.removed:
            app.say(_("{path}: removed, as {side} had it", path=one.path, side=side))
        else:
            app.say(
                _(
                    "{path}: kept {side} ({fields})",
                    path=one.path,
                    side=side,
                    fields=", ".join(one.conflicts) or "-",
                )
            )
    if finish:
        app.say(_("no file is left unmerged: finish with '{command}'", command=finish))


COMMANDS = [keep]
