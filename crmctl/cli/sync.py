"""`crmctl sync`."""

from __future__ import annotations

import click

from .. import lazy
from .common import App, examples, pass_app
from .localized import Command

sync_action = lazy.module("crmctl.actions.sync")


@click.command(
    cls=Command,
    epilog=examples(
        "crmctl sync", "crmctl --commit customer edit 华丰 --set grade=A2 && crmctl sync"
    ),
)
@pass_app
def sync(app: App):
    """Share the archive: pull from the upstream branch (record files merged field by field), run
    `check`, and push only if the archive passes. On a conflict or a failed check nothing is pushed
    and every problem is listed as `path:line: …` for you to fix and commit."""
    result = sync_action.sync(app.session)
    if result.registered:
        app.say("registered the crmctl merge driver in this repository (a fresh clone has none)")
    for problem in result.problems:
        app.say(str(problem))
    if result.conflicted:
        app.say(
            f"the pull left {len(result.conflicted)} file(s) in conflict: {', '.join(result.conflicted)}"
        )
    if not result.pushed:
        app.say(
            "nothing was pushed: fix the problems above, 'git add' and 'git commit' the fixes, then run "
            "'crmctl sync' again"
        )
        raise click.exceptions.Exit(1)
    app.say("synced: pulled, checked and pushed")
    if result.uncommitted:
        app.say(
            f"crmctl: warning: {len(result.uncommitted)} changed file(s) are not committed, so they were not "
            f"pushed: {', '.join(result.uncommitted[:10])}; commit them (or write with --commit) and sync again"
        )


COMMANDS = [sync]
