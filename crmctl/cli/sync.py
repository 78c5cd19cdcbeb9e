"""`crmctl sync`."""

from __future__ import annotations

import click

from .. import lazy
from ..messages import _
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
    """Share the archive: commit pending record changes (with --commit; without it they are
    refused), pull from the upstream branch (record files merged field by field), check each
    commit about to be pushed and the archive they leave, audit those commits, and push only if
    all pass; if the remote moved meanwhile, pull and check once more. On a conflict or a failure
    nothing is pushed, every problem is listed as `path:line: …`, and a problem someone else's
    commit brought in is named with that commit and its author."""
    result = sync_action.sync(app.session)
    if result.registered:
        app.say(_("registered the crmctl merge driver in this repository (a fresh clone has none)"))
    if result.committed:
        app.say(_("committed the pending changes as {commit}", commit=result.committed[:12]))
    for problem in result.problems:
        app.say(str(problem))
    for finding in result.rewritten:
        app.say(
            _(
                "commit {commit} by {author}: {path}: {message}",
                commit=finding.commit[:10],
                author=finding.author,
                path=finding.path,
                message=finding.message,
            )
        )
    for path, commit in result.culprits.items():
        whose = _("from the remote, not yours") if commit.commit in result.theirs else _("yours")
        app.say(
            _(
                "{path}: last changed by commit {commit} of {author} ({whose}): {subject}",
                path=path,
                commit=commit.commit[:10],
                author=commit.author,
                whose=whose,
                subject=commit.subject,
            )
        )
    for broken in result.broken:
        mine = sync_action.is_mine(app.session, broken.commit.author)
        app.say(
            _(
                "commit {commit} of {author} ({whose}) brought in: {problem}",
                commit=broken.commit.commit[:10],
                author=broken.commit.author,
                whose=_("yours") if mine else _("someone else's: ask its author"),
                problem=str(broken.problem),
            )
        )
    if result.broken:
        app.say(
            _(
                "every commit pushed must pass 'crmctl check', not only the last; a later commit "
                "repaired these, so join your unpushed commits into one: 'git reset --soft "
                "@{upstream}', then 'crmctl --commit sync'"
            )
        )
    if result.conflicted:
        app.say(
            _(
                "the pull left {count} file(s) in conflict: {files}",
                count=len(result.conflicted),
                files=", ".join(result.conflicted),
            )
        )
    if not result.pushed:
        app.say(
            _(
                "nothing was pushed: fix the problems above, 'git add' and 'git commit' the fixes, "
                "then run 'crmctl sync' again"
            )
            + (
                _(" (a problem that came from the remote is best fixed with its author)")
                if result.theirs
                else ""
            )
        )
        raise click.exceptions.Exit(1)
    if result.retried:
        app.say(_("the remote moved while syncing: pulled and checked again"))
    app.say(_("synced: pulled, checked and pushed"))


COMMANDS = [sync]
