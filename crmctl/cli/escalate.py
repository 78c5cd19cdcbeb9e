"""`crmctl escalate`: a complaint up the chain (短、平、快), by hand or by the config's timed
levels."""

from __future__ import annotations

import click

from .. import lazy
from ..errors import UsageError
from ..messages import _
from .assign import asked, show_plan
from .common import YES, App, ask_first, examples, output_option, pass_app
from .localized import Command

escalation = lazy.module("crmctl.actions.escalation")


@click.command(
    cls=Command,
    epilog=examples(
        "crmctl escalate T01KQ3 --reason '客户要求主管出面'",
        "crmctl escalate --auto --dry-run",
        "crmctl escalate --auto --format json",
    ),
)
@click.argument("ref", required=False)
@click.option("--reason", default="", help="Why (needed to escalate by hand).")
@click.option(
    "--auto",
    is_flag=True,
    help="Apply every timed level reached of every missed target, once each.",
)
@click.option("--dry-run", is_flag=True, help="With --auto: show the plan, write nothing.")
@YES
@output_option()
@pass_app
def escalate(app: App, ref, reason, auto, dry_run, yes):
    """Move a complaint's handler one level up the reports_to chain (specialist → supervisor →
    manager).

    --auto applies the levels of crmctl.yaml (escalation.levels, or escalation.targets.<target>)
    whose time has come after each missed target: the acknowledgement, the resolution (not while on
    hold) and the reply promised to the customer; each level once per target, crisis complaints
    first. It is idempotent: a second run at the same time changes nothing. On a terminal it shows
    the plan and asks first (--yes does not ask).
    """
    if bool(ref) == bool(auto):
        raise UsageError(_("give a complaint id, or --auto"))
    if auto:
        if not dry_run and ask_first(yes):
            asked(app, escalation.auto_escalate(app.session, True), AUTO_COLUMNS)
        show_plan(app, escalation.auto_escalate(app.session, dry_run), dry_run, AUTO_COLUMNS)
        return
    if dry_run:
        raise UsageError(_("--dry-run goes with --auto"))
    record = escalation.escalate(app.session, ref, reason)
    app.out(f"{record['id']}\n")
    app.say(_("{id}: handler is now {handler}", id=record["id"], handler=record["handler"]))


AUTO_COLUMNS = ["id", "missed", "level", "from", "to", "reason"]
COMMANDS = [escalate]
