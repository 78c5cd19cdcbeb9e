"""`crmctl receivable …`: what customers owe (应收账款), payments, write-offs."""

from __future__ import annotations

import click

from .. import lazy
from ..errors import UsageError
from ..messages import _
from ..rules.receivables import STATUSES
from .common import App, examples, expand_refs, options, output_option, pass_app, without_history
from .localized import Group
from .types import CUSTOMER_HELP, DAY_AHEAD, DAY_BEHIND, REF, STAFF, Code

receivables = lazy.module("crmctl.actions.receivables")
reversals = lazy.module("crmctl.actions.reversals")

LIST_COLUMNS = [
    "id",
    "number",
    "customer_name",
    "owner",
    "amount",
    "currency",
    "issued",
    "due",
    "paid",
    "balance",
    "status",
    "overdue_days",
    "aging",
]

# The filters of `receivable list`, also used by `export receivables`.
filter_options = options(
    click.option("--customer", type=REF, help=f"Only this customer's: {CUSTOMER_HELP}."),
    click.option(
        "--owner",
        multiple=True,
        type=STAFF,
        help="Collector, else the customer's owner (staff id, email or name); repeatable.",
    ),
    click.option("--status", multiple=True, type=Code(STATUSES)),
    click.option("--overdue", is_flag=True, help="Only balances past their due date."),
    click.option(
        "--aging",
        multiple=True,
        metavar="BUCKET",
        help="Aging bucket (账龄): current, 1-30, 31-60, 61-90, over_90 "
        "(receivables.aging_buckets); "
        "repeatable.",
    ),
)


@click.group(
    cls=Group,
    epilog=examples(
        "crmctl receivable add 华丰 INV-2026-0101 12500.00 --issued 2026-10-01 --terms 30d",
        "crmctl receivable pay R01KQ3 5000 --date 2026-10-28",
        "crmctl receivable list --overdue --owner liuyang",
        "crmctl report aging",
    ),
)
def receivable():
    """Receivables (应收账款): add, pay, reverse, write-off, show, list."""


@receivable.command(
    epilog=examples(
        "crmctl receivable add 华丰 INV-2026-0101 12500.00 --issued 2026-10-01 --terms 30d",
        "crmctl receivable add C01KQ3 对账单-2026-10 86000 --due 2026-11-15 --collector lina",
    )
)
@click.argument("customer", type=REF)
@click.argument("number")
@click.argument("amount")
@click.option("--currency", help="ISO code (default: receivables.currency of crmctl.yaml).")
@click.option("--issued", metavar="DATE", type=DAY_BEHIND, help="Issue date (default: today).")
@click.option("--due", metavar="DATE", type=DAY_AHEAD, help="Due date (default: issued + --terms).")
@click.option(
    "--terms", metavar="DURATION", help="Payment terms, 30d or 20wd (default: receivables.terms)."
)
@click.option("--collector", metavar="USER", help="Who chases it (default: the customer's owner).")
@click.option("--note", help="Notes.")
@output_option()
@pass_app
def add(app: App, customer, number, amount, currency, issued, due, terms, collector, note):
    """Record an invoice or statement (NUMBER) a CUSTOMER owes: AMOUNT is an exact decimal."""
    record = receivables.add_receivable(
        app.session,
        customer,
        number,
        amount,
        currency=currency,
        issued=issued,
        due=due,
        terms=terms,
        collector=collector,
        notes=note,
    )
    app.show_written(record)


@receivable.command(epilog=examples("crmctl receivable pay R01KQ3 5000 --date 2026-10-28"))
@click.argument("ref")
@click.argument("amount")
@click.option(
    "--date", "on", metavar="DATE", type=DAY_BEHIND, help="When the money arrived (default: today)."
)
@click.option("--note", help="Bank slip, remarks.")
@output_option()
@pass_app
def pay(app: App, ref, amount, on, note):
    """Record a payment of AMOUNT against a receivable (never more than is open)."""
    _show_changed(app, receivables.record_payment(app.session, ref, amount, on, note))


@receivable.command(
    epilog=examples(
        "crmctl receivable reverse R01KQ3 1 --reason '银行退票'",
        "crmctl receivable reverse INV-2026-0101 Y01KQ5 --reason 'recorded twice'",
        "crmctl receivable reverse R01KQ3 --write-off --reason '客户已还款'",
    )
)
@click.argument("ref")
@click.argument("payment", required=False)
@click.option(
    "--write-off",
    "write_off_",
    is_flag=True,
    help="Take back the write-off instead (supervisors and managers).",
)
@click.option("--reason", required=True, help="Why it is taken back (recorded with it).")
@output_option()
@pass_app
def reverse(app: App, ref, payment, write_off_, reason):
    """Take back a PAYMENT recorded wrongly or bounced (its number as `show` lists it, 1 = first,
    or its id), or with --write-off the write-off. Nothing is removed: it stays on record marked
    reversed (who, when, why), no longer counts, and the status and balance follow again. A
    written-off receivable's payments are reversed after its write-off."""
    if (payment is None) == (not write_off_):
        raise UsageError(_("give either a PAYMENT to reverse or --write-off"))
    if write_off_:
        record = receivables.described(app.session, reversals.reinstate(app.session, ref, reason))
        words = _("took back the write-off of")
    else:
        record, taken = reversals.reverse_payment(app.session, ref, payment, reason)
        record = receivables.described(app.session, record)
        words = _("took back payment {id} ({amount}) of", id=taken["id"], amount=taken["amount"])
    app.confirm(app.written_line(record, words))
    app.show_written(record)


@receivable.command(
    name="write-off", epilog=examples("crmctl receivable write-off R01KQ3 --reason '客户破产清算'")
)
@click.argument("ref")
@click.option("--reason", required=True, help="Why it cannot be collected.")
@output_option()
@pass_app
def write_off(app: App, ref, reason):
    """Write off a receivable's open balance (坏账核销; supervisors and managers)."""
    _show_changed(app, receivables.write_off(app.session, ref, reason))


def _show_changed(app: App, record: dict) -> None:
    """A receivable just changed, with its new paid, balance and status (the confirmation line
    names them)."""
    app.show_written(receivables.described(app.session, record))


@receivable.command(epilog=examples("crmctl receivable show R01KQ3 --format json"))
@click.argument("refs", nargs=-1, required=True)
@output_option()
@pass_app
def show(app: App, refs):
    """Show receivables with paid, balance, status and aging (- reads ids from stdin)."""
    for ref in expand_refs(refs):
        app.show_one(
            receivables.described(app.session, receivables.find_receivable(app.session, ref))
        )


@receivable.command(
    name="list",
    epilog=examples(
        "crmctl receivable list --overdue",
        "crmctl receivable list --customer 华丰 --format json",
        "crmctl receivable list --aging 61-90 --aging over_90 --format ids",
    ),
)
@filter_options
@output_option()
@pass_app
def list_(app: App, customer, owner, status, overdue, aging):
    """List receivables, oldest due first: OVERDUE is days past due, AGING its bucket (账龄)."""
    found = receivables.list_receivables(
        app.session, customer=customer, owner=owner, status=status, overdue=overdue, aging=aging
    )
    app.show_rows(
        [without_history(row) for row in found], LIST_COLUMNS, empty=_("no receivables match")
    )


COMMANDS = [receivable]
