"""`crmctl plan …`: development plans (大客户开发计划) and service plans (售后服务计划)."""

from __future__ import annotations

import click

from .. import lazy
from ..messages import _
from ..rules.plans import ACTION_TYPES
from .common import App, examples, options, output_option, pass_app, without_history
from .localized import Group
from .types import DAY_AHEAD, DAY_BEHIND

plans = lazy.module("crmctl.actions.plans")

LIST_COLUMNS = ["id", "kind", "title", "start", "end", "owner", "accounts", "actions"]
KIND = click.Choice(("development", "service"))

# The filters of `plan list`, also used by `export plans`.
filter_options = options(
    click.option("--kind", multiple=True, type=KIND),
    click.option("--owner", multiple=True, help="Who answers for it; repeatable."),
    click.option("--active", is_flag=True, help="Only plans whose period holds today."),
)


@click.group(
    cls=Group,
    epilog=examples(
        "crmctl plan add '2026Q4 A类客户服务计划' --kind service --from 2026-10-01 --to 2026-12-31",
        "crmctl plan action P01KQ3 华丰 --type visit --purpose routine --target 2026-10-15",
        "crmctl plan show P01KQ3",
        "crmctl report plan",
    ),
)
def plan():
    """Development and service plans: add, action, done, show, list."""


@plan.command(
    epilog=examples(
        "crmctl plan add '2026Q4 A类客户服务计划' --kind service --from 2026-10-01 --to 2026-12-31 "
        "--account 华丰 --account C01KQ3",
        "crmctl plan add '华东新客户开发' --kind development --from 2026-11-01 --to 2027-01-31",
    )
)
@click.argument("title")
@click.option(
    "--kind", type=KIND, required=True, help="development (prospects) or service (key accounts)."
)
@click.option(
    "--from",
    "start",
    required=True,
    metavar="DATE",
    type=DAY_BEHIND,
    help="First day of the period.",
)
@click.option(
    "--to", "end", required=True, metavar="DATE", type=DAY_AHEAD, help="Last day of the period."
)
@click.option("--owner", metavar="USER", help="Who answers for it (default: you).")
@click.option(
    "--account",
    "accounts",
    multiple=True,
    metavar="CUSTOMER",
    help="A customer it covers; repeatable.",
)
@click.option("--note", help="Aims, channels, steps (004 第9–10条).")
@output_option()
@pass_app
def add(app: App, title, kind, start, end, owner, accounts, note):
    """Make a plan for a period (supervisors and managers); prints its id."""
    app.show_written(plans.add_plan(app.session, title, kind, start, end, owner, accounts, note))


@plan.command(
    epilog=examples(
        "crmctl plan action P01KQ3 华丰 --type visit --purpose routine --target 2026-10-15",
        "crmctl plan action P01KQ3 华丰 --type review --target 2026-12-20 --owner lina --note "
        "年度服务回顾",
    )
)
@click.argument("ref")
@click.argument("customer")
@click.option("--type", "kind", type=click.Choice(ACTION_TYPES), required=True)
@click.option("--purpose", help="Visit purpose the matching visit must have (visit_purposes).")
@click.option("--target", required=True, metavar="DATE", type=DAY_AHEAD, help="To be done by.")
@click.option("--owner", metavar="USER", help="Who does it (default: the customer's owner).")
@click.option("--note", help="What exactly.")
@output_option()
@pass_app
def action(app: App, ref, customer, kind, purpose, target, owner, note):
    """Plan an action for CUSTOMER in plan REF. A visit or call is done by a matching logged visit
    (same customer, reached, in the period, of the purpose if given; a call not face to face); a
    review or event is marked done with `plan done`."""
    app.show_written(
        plans.add_action(app.session, ref, customer, kind, target, purpose, owner, note)
    )


@plan.command(epilog=examples("crmctl plan done P01KQ3 A01KQ4 --note '年度回顾会已开'"))
@click.argument("ref")
@click.argument("action_ref", metavar="ACTION")
@click.option(
    "--date", "on", metavar="DATE", type=DAY_BEHIND, help="When it was done (default: today)."
)
@click.option("--note")
@output_option()
@pass_app
def done(app: App, ref, action_ref, on, note):
    """Mark a planned action done (its owner, a supervisor or a manager)."""
    app.show_written(plans.mark_done(app.session, ref, action_ref, on, note))


@plan.command(epilog=examples("crmctl plan show P01KQ3", "crmctl plan show P01KQ3 --format json"))
@click.argument("ref")
@output_option()
@pass_app
def show(app: App, ref):
    """Show a plan and each planned action with its status today: on_time, late, open, overdue."""
    record = plans.find_plan(app.session, ref)
    rows = plans.progress_rows(app.session, record)
    if app.format in ("json", "yaml"):
        app.show_one({**record, "progress": rows})
        return
    app.show_one(without_history({k: v for k, v in record.items() if k != "actions"}))
    app.out("\n")
    app.show_rows(rows, plans.ACTION_COLUMNS, {"purpose": "visit_purposes"})


@plan.command(
    name="list",
    epilog=examples("crmctl plan list --active", "crmctl plan list --kind service -f json"),
)
@filter_options
@output_option()
@pass_app
def list_(app: App, kind, owner, active):
    """List plans: ACCOUNTS and ACTIONS are counts in tables."""
    found = plans.list_plans(app.session, kind, owner, active)
    if app.format in ("table", "csv"):
        found = [
            {
                **plan,
                "accounts": len(plan.get("accounts", ())),
                "actions": len(plan.get("actions", ())),
            }
            for plan in found
        ]
    app.show_rows(
        [without_history(plan) for plan in found], LIST_COLUMNS, empty=_("no plans match")
    )


COMMANDS = [plan]
