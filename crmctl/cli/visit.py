"""`crmctl visit …`: visit and call logs (拜访 / 回访记录)."""

from __future__ import annotations

import click

from .. import lazy
from ..errors import UsageError
from ..messages import _
from ..rules.typed_dates import FUTURE
from .common import App, examples, expand_refs, options, output_option, pass_app, without_history
from .complaint_fields import new_complaint_options
from .localized import Group
from .types import (
    CUSTOMER_HELP,
    DAY_BEHIND,
    MOMENT_AHEAD,
    MOMENT_BEHIND,
    REF,
    STAFF,
    Code,
    When,
)

corrections = lazy.module("crmctl.actions.corrections")
visits = lazy.module("crmctl.actions.visits")
lookup = lazy.module("crmctl.actions.lookup")
contacts = lazy.module("crmctl.rules.contacts")

LIST_COLUMNS = [
    "id",
    "at",
    "customer",
    "name",
    "staff",
    "channel",
    "purpose",
    "reached",
    "satisfaction",
    "next_followup",
    "summary",
]
VOCABULARIES = {"channel": "channels", "purpose": "visit_purposes"}


@click.group(
    cls=Group,
    epilog=examples(
        "crmctl visit log 汕头潮汕家居广场 --channel phone --reached --summary '确认12月订单'",
        "crmctl visit list --customer 汕头潮汕家居广场",
        "crmctl visit list --by liuyang --since 2026-11-01",
    ),
)
def visit():
    """Visits and calls (拜访 / 回访记录): log, list, show."""


@visit.command(
    epilog=examples(
        "crmctl visit log 汕头潮汕家居广场 --channel phone --reached --summary '确认12月订单' "
        "--satisfaction 满意 --next +30d",
        "crmctl visit log C01KQ3 --channel onsite --purpose routine --reached --summary '量房' "
        "--needs '需要样品'",
        "crmctl visit log 13805711234 --channel phone --not-reached --summary '无人接听' --next "
        "tomorrow",
        "crmctl visit log 汕头潮汕家居广场 --channel phone --reached --summary '客户在开会' "
        "--callback '2026-11-24 15:00'",
        "crmctl visit log 汕头潮汕家居广场 --channel wechat --reached --summary '补录上周五的沟通' "
        "--at 2026-11-20T16:00",
        "crmctl visit log 汕头潮汕家居广场 --channel onsite --reached --summary '现场查看' "
        "--complaint '展厅地板起鼓' "
        "--severity major --category product",
        "crmctl visit log 汕头潮汕家居广场 --channel phone --reached --summary '告知赔偿方案' "
        "--complaint T1M7P63R800W",
    )
)
@click.argument("customer", type=REF)
@click.option(
    "--channel",
    required=True,
    type=Code("channels"),
    help="A channel of crmctl.yaml, code or label: phone/电话, onsite/上门, qq, wechat/微信, "
    "sms/短信, email/邮件, walkin/来访.",
)
@click.option(
    "--purpose",
    type=Code("visit_purposes"),
    help="A visit purpose of crmctl.yaml, code or label (default: the first, routine/常规回访).",
)
@click.option(
    "--reached/--not-reached", default=None, help="Whether the customer was reached (required)."
)
@click.option("--summary", required=True, help="What was said or done (回访内容).")
@click.option("--needs", help="Needs or requests the customer raised (客户需求).")
@click.option("--satisfaction", help="1-5, or 满意 (5) / 一般 (3) / 不满意 (1).")
@click.option(
    "--next",
    "next_followup",
    metavar="DATE",
    type=When(FUTURE, counted_from="at"),
    help="Next follow-up day: 2026-12-14, +30d, +2wd, friday, next monday, 明天, 下周一, 3天后 "
    "(relative forms count from the visit's day).",
)
@click.option(
    "--callback",
    "callback_at",
    metavar="TIME",
    type=MOMENT_AHEAD,
    help="A call-back time agreed with the customer: '2026-12-08 14:00', 'tomorrow 15:00', "
    "明天下午3点.",
)
@click.option(
    "--at",
    metavar="TIME",
    type=MOMENT_BEHIND,
    is_eager=True,  # --next counts from it
    help="When the contact happened, if earlier than now: '2026-11-20 16:00', 'yesterday 15:00', "
    "上周五下午4点.",
)
@click.option(
    "--promised",
    metavar="DATE",
    help="The date the customer promised to pay by (催收 / 对账 visits): the chase waits for it.",
)
@click.option(
    "--complaint",
    metavar="TEXT|ID",
    help="What the customer complained about, raising a new complaint; "
    "or the id (or unique prefix) of an existing complaint of this customer, to link it.",
)
@new_complaint_options(kind_default=None)
@output_option()
@pass_app
def log(
    app: App,
    customer,
    channel,
    purpose,
    reached,
    summary,
    needs,
    satisfaction,
    next_followup,
    callback_at,
    at,
    promised,
    complaint,
    kind,
    severity,
    category,
):
    """Log a visit or call you made to CUSTOMER (an id, its start or short reference, the exact
    name, a phone number, part of the name or its pinyin; - reads it from stdin); prints its id
    (and, with --complaint, the complaint's).

    The acting user (--as) is the one who made the contact. Specialists log visits only for
    customers they own or are a secondary contact of; supervisors and managers for any customer.
    A reached contact on a two-way channel resets the grade cadence; an unanswered call or an SMS
    does not. Logging a visit never changes the customer record.

    --complaint TEXT raises a complaint from the visit (as `complaint log` would, received at the
    visit's time on the during-a-visit channel, you its first responder) and links the two records;
    --complaint ID links an existing complaint of the customer instead, adding the visit to its
    links. Something written like an id (T, a digit, id characters) that names no complaint is an
    error, not a complaint text. The visit and the complaint are written together or not at all; the
    ids of both are printed.
    """
    if reached is None:
        raise UsageError(_("say whether the customer was reached: --reached or --not-reached"))
    record = visits.log_visit(
        app.session,
        customer,
        channel=channel,
        purpose=purpose,
        reached=reached,
        summary=summary,
        needs=needs,
        satisfaction=satisfaction,
        next_followup=next_followup,
        callback_at=callback_at,
        at=at,
        promised=promised,
        complaint=complaint,
        complaint_fields={"kind": kind, "severity": severity, "category": category},
    )
    if record["reached"] and not contacts.reaches_customer(record, app.session.config):
        app.say(
            _(
                "note: {channel} is a one-way channel (reaches_customer: false in crmctl.yaml), "
                "so this visit does not count as a contact for the grade cadence",
                channel=record["channel"],
            )
        )
    _confirm_visit(app, record)
    if app.format in ("table", "ids") and record.get("complaint"):
        app.show_written(record, {"id": record["complaint"]})
    else:
        app.show_written(record)


def _confirm_visit(app: App, record: dict) -> None:
    name = lookup.customer_name(app.session.store, record["customer"]) or record["customer"]
    parts = [_("logged visit {id} {name}", id=record["id"], name=name)]
    if record.get("next_followup"):
        parts.append(_("next follow-up {day}", day=app.day(record["next_followup"])))
    if record.get("callback_at"):
        parts.append(_("call back {moment}", moment=app.day(record["callback_at"])))
    app.confirm(" · ".join(parts))


filter_options = options(  # the filters of `visit list`, also used by `export visits`
    click.option("--customer", type=REF, help=f"Only this customer: {CUSTOMER_HELP}."),
    click.option(
        "--by",
        "staff",
        multiple=True,
        type=STAFF,
        help="Only visits by this staff member (id, email or name); repeatable.",
    ),
    click.option(
        "--since",
        metavar="DATE",
        type=DAY_BEHIND,
        help="From this day on: 2026-11-01, -7d or 7d (a week ago), -2w, yesterday, monday (the "
        "last one), 上周一, 3天前.",
    ),
    click.option(
        "--until",
        metavar="DATE",
        type=DAY_BEHIND,
        help="Up to and including this day (the same forms).",
    ),
    click.option(
        "--channel",
        multiple=True,
        type=Code("channels"),
        help="Channel, code or label; repeatable.",
    ),
    click.option(
        "--purpose",
        multiple=True,
        type=Code("visit_purposes"),
        help="Visit purpose, code or label; repeatable.",
    ),
)


@visit.command(
    name="list",
    epilog=examples(
        "crmctl visit list --customer 汕头潮汕家居广场",
        "crmctl visit list --by liuyang --since 2026-11-01 --until 2026-11-30",
        "crmctl visit list --by wang --since -7d",
        "crmctl visit list --channel onsite --purpose next_day --format csv",
    ),
)
@filter_options
@output_option()
@pass_app
def list_(app: App, customer, staff, since, until, channel, purpose):
    """List visits, oldest first."""
    found = visits.list_visits(
        app.session,
        customer=customer,
        staff=staff,
        since=since,
        until=until,
        channel=channel,
        purpose=purpose,
    )
    names = lookup.customer_names(app.session.store, found)
    rows = [{**without_history(record), "name": names.get(record["customer"])} for record in found]
    app.show_listed(rows, LIST_COLUMNS, "visit", VOCABULARIES)


@visit.command(
    epilog=examples(
        "crmctl visit show V01KQ4",
        "crmctl visit list --customer 汕头潮汕家居广场 --format ids | crmctl visit show -",
    )
)
@click.argument("refs", nargs=-1, required=True)
@output_option()
@pass_app
def show(app: App, refs):
    """Show visits by id or unique id prefix (- reads ids from stdin)."""
    for ref in expand_refs(refs):
        app.show_one(visits.find_visit(app.session, ref), VOCABULARIES)


@visit.command(
    epilog=examples(
        "crmctl visit edit V1M9ABC --channel 微信 --next 下周一 --note '记错了方式'",
        "crmctl visit edit V1M9ABC --summary '确认12月订单, 要求提前送货'",
    )
)
@click.argument("ref", type=REF)
@click.option("--channel", type=Code("channels"), help="Channel, code or label.")
@click.option("--purpose", type=Code("visit_purposes"), help="Visit purpose, code or label.")
@click.option("--reached/--not-reached", default=None, help="Whether the customer was reached.")
@click.option("--summary", help="What was said or done (回访内容).")
@click.option("--needs", help="Needs or requests the customer raised (客户需求).")
@click.option("--satisfaction", help="1-5, or 满意 (5) / 一般 (3) / 不满意 (1).")
@click.option(
    "--next", "next_followup", type=When(FUTURE), metavar="DATE", help="Next follow-up day."
)
@click.option(
    "--callback", "callback_at", type=MOMENT_AHEAD, metavar="TIME", help="Call-back time."
)
@click.option("--at", type=MOMENT_BEHIND, metavar="TIME", help="When the contact happened.")
@click.option("--note", help="Why, for the history.")
@output_option()
@pass_app
def edit(app: App, ref, note, **fields):
    """Correct a visit: the fields given change, one history entry records what and why, and
    nothing is lost. Whoever made the visit corrects it, or a supervisor or manager."""
    record = corrections.edit_visit(app.session, ref, fields, note)
    changed = record["history"][-1].get("changes", {})
    shown = ", ".join(
        f"{field} {app.day(change['to']) if field in DAYS else change.get('to', '-')}"
        for field, change in changed.items()
    )
    app.confirm(_("corrected visit {id}: {fields}", id=record["id"], fields=shown))
    app.show_written(record)


DAYS = ("next_followup", "callback_at", "at")


@visit.command(epilog=examples("crmctl visit void V1M9ABC --reason '记错客户, 应为嘉兴南湖五金'"))
@click.argument("ref", type=REF)
@click.option("--reason", required=True, help="Why the visit is void (作废原因).")
@output_option()
@pass_app
def void(app: App, ref, reason):
    """Mark a visit logged by mistake void: it stays on file, marked with the reason, and no longer
    counts (no cadence reset, no follow-up, not in the reports). Log the right one with `visit
    log`."""
    record = corrections.void_visit(app.session, ref, reason)
    app.confirm(_("voided visit {id}: {reason}", id=record["id"], reason=reason))
    app.show_written(record)


COMMANDS = [visit]
