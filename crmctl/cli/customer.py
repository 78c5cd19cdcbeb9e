"""`crmctl customer …`: the customer archive (客户档案)."""

from __future__ import annotations

import click

from .. import lazy
from ..messages import _
from .common import (
    YES,
    App,
    agree,
    ask_first,
    examples,
    expand_refs,
    options,
    output_option,
    pass_app,
    without_history,
)
from .localized import Group
from .types import CUSTOMER_CODES, REF, STAFF, Code, coded_customer_fields

card = lazy.module("crmctl.actions.card")
customers = lazy.module("crmctl.actions.customers")
field_values = lazy.module("crmctl.actions.fields")
lookup = lazy.module("crmctl.actions.lookup")
receivables = lazy.module("crmctl.actions.receivables")

LIST_COLUMNS = ["id", "name", "grade", "status", "owner", "contact", "mobile", "region", "tags"]
VOCABULARIES = {"preferred_channel": "channels", "source": "sources"}


# The filters of `customer list` (TEXT searches name, contact, phone and email), also used by
# `export customers` and `report customers`.
filter_options = options(
    click.argument("text", required=False),
    click.option(
        "--grade",
        multiple=True,
        type=Code("grades", letters=True),
        help="Grade, its label, or a grade letter (A = A1 and A2); repeatable.",
    ),
    click.option(
        "--owner", multiple=True, type=STAFF, help="Owner (staff id, email or name); repeatable."
    ),
    click.option(
        "--status",
        multiple=True,
        type=CUSTOMER_CODES["status"],
        help="prospect/潜在, active/活跃 or lost/流失; repeatable.",
    ),
    click.option("--tag", multiple=True),
    click.option("--region", multiple=True),
)


@click.group(
    cls=Group,
    epilog=examples(
        "crmctl customer list --grade A --owner wang",
        "crmctl customer show 华丰",
        "crmctl customer edit C01KQ3 --set annual_volume=60 --set tags=会员,优质",
    ),
)
def customer():
    """The customer archive (客户档案): add, show, edit, list, lose, grade."""


@customer.command(
    epilog=examples(
        "crmctl customer add 杭州华丰建材有限公司 --grade B1 --owner liuyang --mobile 13805711234",
        "crmctl customer add 王女士 --set type=person --set birthday=1985-06-01 --set tags=会员",
    )
)
@click.argument("name")
@click.option(
    "--grade",
    type=Code("grades"),
    help="Grade of crmctl.yaml, code or label (A1, A2, B1, B2, C, D by default).",
)
@click.option(
    "--owner", type=STAFF, help="Responsible staff member (负责客服专员): id, email or name."
)
@click.option("--mobile", help="Mobile number (手机).")
@click.option("--phone", help="Landline (座机).")
@click.option("--email")
@click.option("--contact", help="Contact person (联系人).")
@click.option(
    "--set",
    "assignments",
    multiple=True,
    metavar="FIELD=VALUE",
    help="Any other field; lists comma-separated.",
)
@click.option(
    "--allow-duplicate",
    is_flag=True,
    help="Add even if a customer with the same name or phone exists.",
)
@output_option()
@pass_app
def add(app: App, name, grade, owner, mobile, phone, email, contact, assignments, allow_duplicate):
    """Add a customer; prints its id."""
    fields = coded_customer_fields(app, field_values.parse_assignments("customer", assignments))
    fields.update(
        {
            k: v
            for k, v in dict(
                grade=grade, owner=owner, mobile=mobile, phone=phone, email=email, contact=contact
            ).items()
            if v is not None
        }
    )
    record = customers.add_customer(app.session, name, fields, allow_duplicate=allow_duplicate)
    app.show_written(record)


@customer.command(
    epilog=examples(
        "crmctl customer show C01KQ3",
        "crmctl customer show 华丰",
        "crmctl customer show hfjc",
        "crmctl customer show '138 0571 1234' --format json",
    )
)
@click.argument("refs", nargs=-1, required=True)
@output_option()
@pass_app
def show(app: App, refs):
    """Show customers named by id, id start or short reference, exact name, phone, part of the
    name or its pinyin, in that order of precedence (- reads them from stdin), with the open
    balance of their receivables and a warning when it exceeds the credit limit (信用额度).

    On a terminal each customer is a card of one screen: profile, owner, grade and cadence, the
    last contacts, open complaints and what is due, and the history in brief; --wide, piped or
    another --format gives every field."""
    for number, ref in enumerate(expand_refs(refs)):
        record = lookup.find_customer(app.session.store, ref)
        if app.format == "table" and app.screen.width is not None:
            from .card import show_card

            app.out("\n" if number else "")
            show_card(app, card.customer_card(app.session, record))
            continue
        app.show_one({**record, **receivables.customer_balance(app.session, record)}, VOCABULARIES)


@customer.command(
    epilog=examples(
        "crmctl customer edit 华丰 --set grade=A2 --set owner=wang",
        "crmctl customer edit 华丰 --set status=active --note '签订首单'",
        "crmctl customer edit C01KQ3 --set notes= --note 'cleared at customer request'",
    )
)
@click.argument("ref", type=REF)
@click.option(
    "--set",
    "assignments",
    multiple=True,
    metavar="FIELD=VALUE",
    help="Field to change; an empty value clears it; lists comma-separated.",
)
@click.option("--note", help="Why, for the history.")
@click.option(
    "--allow-duplicate",
    is_flag=True,
    help="Accept a name, phone or email another customer already has.",
)
@output_option()
@pass_app
def edit(app: App, ref, assignments, note, allow_duplicate):
    """Change fields of a customer; history records what changed, who and when. Without --set,
    the customer opens in $VISUAL or $EDITOR (as `crmctl edit`)."""
    if not assignments:
        from .edit import edit_in_editor

        edit_in_editor(app, ref)
        return
    changes = coded_customer_fields(app, field_values.parse_assignments("customer", assignments))
    before = lookup.find_customer(app.session.store, ref)
    record = customers.edit_customer(
        app.session, before["id"], changes, note=note, allow_duplicate=allow_duplicate
    )
    if record is before or record == before:
        app.say(_("{id}: nothing changed", id=record["id"]))
    app.show_written(record)


@customer.command(
    name="list",
    epilog=examples(
        "crmctl customer list --grade A",
        "crmctl customer list 华丰",
        "crmctl customer list --status lost --format csv",
        "crmctl customer list --grade B --format ids | crmctl assign - --to lina",
    ),
)
@filter_options
@output_option()
@pass_app
def list_(app: App, text, grade, owner, status, tag, region):
    """List customers, filtered; TEXT searches name, contact, phone and email."""
    found = customers.list_customers(
        app.session, grade=grade, owner=owner, status=status, tag=tag, region=region, text=text
    )
    app.show_listed([without_history(c) for c in found], LIST_COLUMNS, "customer", VOCABULARIES)


@customer.command(epilog=examples("crmctl customer lose 华丰 --reason '价格原因, 转向竞争对手'"))
@click.argument("ref", type=REF)
@click.option("--reason", required=True, help="Why the customer was lost (流失原因).")
@output_option()
@pass_app
def lose(app: App, ref, reason):
    """Mark a customer lost (流失/失单); a lost-customer visit falls due."""
    record = customers.lose_customer(app.session, ref, reason)
    app.show_written(record)


@customer.command(
    epilog=examples(
        "crmctl customer grade",
        "crmctl customer grade --all --format csv",
        "crmctl --as lina customer grade --apply",
    )
)
@click.argument("refs", nargs=-1)
@click.option(
    "--all", "show_all", is_flag=True, help="Show every customer, not only disagreements."
)
@click.option(
    "--apply",
    is_flag=True,
    help="Set the suggested grade where it disagrees (supervisors, managers).",
)
@YES
@output_option()
@pass_app
def grade(app: App, refs, show_all, apply, yes):
    """Compare recorded grades with the grade rules of crmctl.yaml (分级管理). With --apply on a
    terminal, the changes are shown and asked for first (--yes does not ask)."""
    rows = customers.grade_review(app.session, expand_refs(refs) if refs else (), show_all)
    if apply and ask_first(yes):
        disagreeing = [row for row in rows if row.get("suggested") not in (None, row.get("grade"))]
        if disagreeing:
            app.tell_rows(disagreeing, ["id", "name", "grade", "suggested"])
            agree(len(disagreeing))
    if apply:
        changed = customers.apply_grades(app.session, rows)
        app.say(_("regraded {count} customer(s)", count=len(changed)))
    app.show_rows(
        rows,
        ["id", "name", "grade", "suggested", "annual_volume", "credit", "margin"],
        empty=_("no customers match")
        if show_all
        else _("every customer reviewed has the grade the grade rules give"),
    )


COMMANDS = [customer]
