"""`crmctl assign` and `crmctl handover`: who owns which customers and complaints."""

from __future__ import annotations

import click

from .. import lazy
from ..errors import UsageError
from ..messages import _
from .common import YES, App, agree, ask_first, examples, expand_refs, output_option, pass_app
from .localized import Command
from .types import STAFF

assignment = lazy.module("crmctl.actions.assignment")

PLAN_COLUMNS = ["kind", "id", "field", "from", "to", "reason"]


def show_plan(app: App, plan, dry_run: bool, columns=PLAN_COLUMNS) -> None:
    """The plan as rows (json, csv, yaml, dry runs), or the ids changed, one a line, for people and
    pipes."""
    rows = [placement.as_dict() for placement in plan]
    if app.format in ("table", "ids") and not dry_run:
        changed = dict.fromkeys(row["id"] for row in rows if row["to"] != row["from"])
        app.out("".join(f"{record_id}\n" for record_id in changed))
        if not getattr(app, "confirmed", False):
            app.say(_("changed {count} record(s)", count=len(changed)))
    else:
        app.show_rows(rows, columns)
        if dry_run:
            app.say(_("dry run: {count} change(s) planned, nothing written", count=len(rows)))


@click.command(
    cls=Command,
    epilog=examples(
        "crmctl assign C01KQ3 T01KQ4 --to chenjing",
        "crmctl customer list --grade B --format ids | crmctl assign - --to liuyang",
        "crmctl assign --auto --dry-run",
        "crmctl complaint list --handler yangfan --format ids | crmctl assign - --auto",
    ),
)
@click.argument("refs", nargs=-1)
@click.option(
    "--to",
    metavar="USER",
    type=STAFF,
    help="Give them all to this staff member (id, email or name).",
)
@click.option(
    "--auto", is_flag=True, help="Balanced by load and weight; without ids: everything nobody owns."
)
@click.option("--dry-run", is_flag=True, help="Show the plan, write nothing (with --auto).")
@click.option("--note", help="Why, for the history.")
@YES
@output_option()
@pass_app
def assign(app: App, refs, to, auto, dry_run, note, yes):
    """Give customers (owner) and complaints (handler) to staff; supervisors and managers only.

    Ids, id prefixes, customer names or phones; - reads ids from standard input. --auto balances by
    each person's active customers plus open complaints, divided by their weight; away and inactive
    staff get nothing, A-grade customers go to managers, complaints to people skilled in their
    category. On a terminal --auto shows the plan and asks first (--yes does not ask).
    """
    if bool(to) == bool(auto):
        raise UsageError(_("give either --to USER or --auto"))
    if to:
        if dry_run:
            raise UsageError(_("--dry-run goes with --auto"))
        plan = assignment.assign(app.session, expand_refs(refs), to, note)
        app.confirm(_given(app, plan, to))
    else:
        named = expand_refs(refs) if refs else ()
        if not dry_run and ask_first(yes):
            asked(app, assignment.auto_assign(app.session, named, True))
        plan = assignment.auto_assign(app.session, named, dry_run)
    show_plan(app, plan, dry_run)


def _given(app: App, plan, to: str) -> str:
    """`gave C1M8… 甲 to 陈静 (chenjing)`: what `assign --to` did, as a person reads it."""
    staff = str(app.session.config.staff(to))
    moved = [p for p in plan if p.to_staff != p.from_staff]
    if len(moved) != 1:
        return _("gave {count} record(s) to {staff}", count=len(moved), staff=staff)
    (placement,) = moved
    named = placement.record_id
    if placement.kind == "customer":
        from ..actions.lookup import customer_names

        found = customer_names(app.session.store, [{"customer": placement.record_id}])
        named = f"{named} {found.get(placement.record_id, '')}".strip()
    return _("gave {record} to {staff}", record=named, staff=staff)


def asked(app: App, plan, columns=PLAN_COLUMNS) -> None:
    """A mass change's plan shown, and the go-ahead asked for (an empty one asks nothing)."""
    if plan:
        app.tell_rows([placement.as_dict() for placement in plan], columns)
        agree(len(plan))


@click.command(
    cls=Command,
    epilog=examples(
        "crmctl handover yangfan --auto --dry-run",
        "crmctl handover yangfan --to chenjing",
        "crmctl handover 杨帆 --to 陈静",
    ),
)
@click.argument("user", type=STAFF)
@click.option(
    "--to",
    metavar="USER",
    type=STAFF,
    help="Give everything to this staff member (id, email or name).",
)
@click.option("--auto", is_flag=True, help="Share it out, balanced like assign --auto.")
@click.option("--dry-run", is_flag=True, help="Show the plan, write nothing.")
@YES
@output_option()
@pass_app
def handover(app: App, user, to, auto, dry_run, yes):
    """When someone leaves (004 第14条): every customer and open complaint moves, they become
    inactive.

    Customers get a first-contact follow-up by their new owner (from the history's `handover`
    entries); a complaint's first-responder duty moves to its handler. All or nothing: if anything
    would be left without an owner, nothing changes. On a terminal the plan is shown and asked for
    first (--yes does not ask).
    """
    if not dry_run and ask_first(yes):
        asked(app, assignment.handover(app.session, user, to, auto, True))
    plan = assignment.handover(app.session, user, to, auto, dry_run)
    show_plan(app, plan, dry_run)
    if not dry_run:
        app.say(_("{staff} is now inactive in crmctl.yaml", staff=app.session.config.staff(user)))


COMMANDS = [assign, handover]
