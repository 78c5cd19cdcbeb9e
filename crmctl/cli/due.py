"""`crmctl due`: the follow-ups that fall due, most overdue first."""

from __future__ import annotations

import click

from .. import lazy, render
from ..errors import UsageError
from ..messages import _
from ..rules import collection, complaint_deadlines, plans
from ..rules import due as rules_due
from .common import App, examples, output_option, pass_app
from .localized import Command
from .types import STAFF, Code, DueRule, Horizon

ics = lazy.module("crmctl.ics")
due_action = lazy.module("crmctl.actions.due")
lookup = lazy.module("crmctl.actions.lookup")

KINDS = (
    *rules_due.RULE_NAMES,
    "complaint",
    *complaint_deadlines.RULE_NAMES.values(),
    "receivable",
    *collection.RULE_NAMES,
    plans.RULE_NAME,
)
SUMMARY_COLUMNS = ["owner", "rule", "total", "overdue"]
COLUMNS = [
    "due",
    "overdue_days",
    "rule",
    "customer_name",
    "owner",
    "grade",
    "suggested_time",
    "reason",
    "record_id",
]


@click.command(
    cls=Command,
    epilog=examples(
        "crmctl due --mine",
        "crmctl due --owner liuyang --within 7d",
        "crmctl due --overdue --grade A",
        "crmctl due --kind cadence --kind followup --format json",
        "crmctl due --mine --within 30d --format ics > due.ics",
        "crmctl due --summary --overdue",
    ),
)
@click.option(
    "--owner",
    "owners",
    multiple=True,
    type=STAFF,
    metavar="USER",
    help="Only work owned by this staff member (id, email or name); repeatable.",
)
@click.option("--mine", is_flag=True, help="Only my work (the acting user, --as).")
@click.option(
    "--within",
    metavar="DURATION|DATE",
    type=Horizon(),
    help="Due within this time from today: 7d, 2w, 5wd, or up to a day: friday, 下周一, 2026-12-31 "
    "(default: followups.due_horizon of crmctl.yaml).",
)
@click.option("--overdue", is_flag=True, help="Only what is already late.")
@click.option(
    "--summary",
    is_flag=True,
    help="Counts instead of items: per owner and rule, how many fall due and how many are late.",
)
@click.option(
    "--customer",
    metavar="CUSTOMER",
    help="Only this customer's (id, id prefix, exact name or phone).",
)
@click.option(
    "--kind",
    "kinds",
    multiple=True,
    metavar="RULE",
    type=DueRule(KINDS),
    help="Only this rule: "
    f"{', '.join(rules_due.RULE_NAMES)}, {', '.join(collection.RULE_NAMES)}, plan_action "
    "(complaint matches "
    "every complaint_… rule, receivable every receivable_… rule); repeatable.",
)
@click.option(
    "--grade",
    "grades",
    multiple=True,
    type=Code("grades", letters=True),
    help="Grade, its label, or a grade letter (A = A1 and A2); repeatable.",
)
@output_option((*render.FORMATS, "ics"))
@pass_app
def due(app: App, owners, mine, within, overdue, summary, customer, kinds, grades):
    """What must be done, and what is already late: grade cadence, next-day calls after a meeting,
    first contacts of new owners and handovers, planned follow-ups and agreed call-backs,
    lost-customer visits and occasions, and complaint deadlines (acknowledge, resolve, the reply the
    first responder promised, the callback); collection (receivables.* of crmctl.yaml): a reminder
    before an invoice falls due, the overdue chase (催收) by its collector every chase_every (after
    a payment or a 催收/对账 visit; the day after the date the customer promised, if that visit
    recorded one), escalated to the collector's supervisor after escalate_after, the reconciliation
    (对账) of each key account that owes, and the credit-limit review (信用额度复核); the planned
    actions of development and service plans not done yet (plan_action). Computed from the records
    (kept per customer in the index until that customer's records, the config or an occasion
    change). Dates that fall on a rest day or holiday move to the next working day; phone follow-ups
    show the call window. OVERDUE is the number of days late (negative: days left). A complaint
    deadline with less than 1 - escalation.warn_at of its time left says "warning: … left" in its
    reason (JSON: warning true)."""
    session = app.session
    chosen = dict(
        owners=(*owners, session.user.id) if mine else owners,
        within=within,
        overdue=overdue,
        kinds=kinds,
        grades=grades,
    )
    if customer:
        chosen["customer"] = lookup.find_customer(session.store, customer)["id"]
    if summary:
        if app.format == "ics":
            raise UsageError(
                _("--summary gives counts, which a calendar cannot hold: leave out one")
            )
        app.show_rows(due_action.due_summary(session, **chosen), SUMMARY_COLUMNS)
        return
    items = due_action.due_items(session, **chosen)
    if app.format == "ics":
        app.out(ics.calendar(items, session.now))
        return
    rows = [{**item.as_dict(session.today), "id": item.record_id} for item in items]
    del items  # 130,000 items need not be held while their rows are drawn: ~60 MB
    app.show_rows(
        rows,
        COLUMNS,
        redundant=("owner",) if mine and not owners else (),
        empty=_("nothing due matches"),
    )


COMMANDS = [due]
