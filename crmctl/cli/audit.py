"""`crmctl audit`."""

from __future__ import annotations

import json

import click

from .. import lazy
from ..messages import _
from .common import App, examples, output_option, pass_app
from .localized import Command

audit_action = lazy.module("crmctl.actions.audit")


@click.command(
    cls=Command,
    epilog=examples(
        "crmctl audit",
        "crmctl audit origin/main..HEAD      # what a push would add",
        "crmctl audit -- NEW --not --all     # a new branch's own commits (a server hook)",
        "crmctl audit --format json | jq '.[] | select(.severity == \"error\")'",
    ),
)
@click.argument("revisions", metavar="[REV-RANGE]...", nargs=-1)
@output_option(("table", "json"))
@pass_app
def audit(app: App, revisions: tuple[str, ...]):
    """Prove from git that every record's history only ever grew: walk the commits of REV-RANGE
    (git log's revision arguments; default: all of HEAD's) and report each commit that removed or
    altered a history entry, changed a field without one, or removed a record, with its author
    and the file. Merges are
    compared with every parent. Commits made outside crmctl are noted, not refused, when they keep
    every entry. Exits 1 if any commit fails."""
    findings = audit_action.audit(app.session, *revisions)
    if app.format == "json":
        app.out(json.dumps([f.as_dict() for f in findings], ensure_ascii=False, indent=2) + "\n")
    else:
        for finding in findings:
            where = f" {finding.path}:" if finding.path else ""
            kind = "" if finding.severity == "error" else f" {finding.severity}:"
            app.out(
                f"{finding.commit[:10]} {finding.at} {finding.author}:{where}{kind} "
                f"{finding.message}\n"
            )
    errors = sum(1 for f in findings if f.severity == "error")
    if errors:
        app.say(
            _(
                "{count} problem(s): history was rewritten or bypassed in the commits above",
                count=errors,
            )
        )
        raise click.exceptions.Exit(1)
    app.say(_("ok: every record's history only grew"))


COMMANDS = [audit]
