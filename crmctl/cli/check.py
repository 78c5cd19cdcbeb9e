"""`crmctl check`."""

from __future__ import annotations

import json

import click

from .. import lazy
from ..messages import _
from .common import App, examples, output_option, pass_app
from .localized import Command

check_action = lazy.module("crmctl.actions.check")


@click.command(
    cls=Command, epilog=examples("crmctl check", "crmctl check --format json | jq '.[].path'")
)
@output_option(("table", "json"))
@pass_app
def check(app: App):
    """Validate crmctl.yaml and every record: schemas, references, duplicate ids, merge-conflict
    leftovers, unreadable files. Prints every problem as `path:line: field: message`; exits 1 if
    there is any error (warnings alone pass)."""
    session = app.session
    problems = check_action.check_archive(session.root, session.store, session.clock)
    if app.format == "json":
        app.out(json.dumps([p.as_dict() for p in problems], ensure_ascii=False, indent=2) + "\n")
    else:
        app.out("".join(f"{app.problem_text(problem)}\n" for problem in problems))
    errors = sum(1 for p in problems if p.severity == "error")
    warnings = len(problems) - errors
    app.say(
        _("{errors} error(s), {warnings} warning(s)", errors=errors, warnings=warnings)
        if problems
        else _("ok: no problems found")
    )
    if errors:
        raise click.exceptions.Exit(1)


COMMANDS = [check]
