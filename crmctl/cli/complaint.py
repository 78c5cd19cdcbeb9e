"""`crmctl complaint …`: complaints, suggestions, inquiries (建议和投诉, 咨询): log, show, list and
undo here, the lifecycle steps in complaint_steps.py."""

from __future__ import annotations

import click

from .. import lazy, render
from ..messages import _
from ..rules import proposals
from ..rules.complaint_lifecycle import STATUSES
from . import complaint_steps
from .common import App, examples, expand_refs, options, output_option, pass_app, without_history
from .complaint_fields import new_complaint_options
from .localized import Group
from .types import CUSTOMER_HELP, MOMENT_BEHIND, REF, STAFF, Code

corrections = lazy.module("crmctl.actions.corrections")
complaints = lazy.module("crmctl.actions.complaints")
lookup = lazy.module("crmctl.actions.lookup")
kinds = lazy.module("crmctl.archive.kinds")

LIST_COLUMNS = [
    "id",
    "customer_name",
    "kind",
    "severity",
    "status",
    "handler",
    "first_responder",
    "received",
    "breaches",
]
VOCABULARIES = {
    "kind": "complaint_kinds",
    "severity": "severities",
    "channel": "complaint_channels",
    "category": "categories",
}


def _flat(record: dict) -> dict:
    """Nested parts as `judgement.reason` lines, deadlines as one line each, for a person reading a
    table."""
    out = {}
    for key, value in record.items():
        if key == "deadlines":
            for target in value:
                state = (
                    _("met {moment}", moment=target["met_at"]) if target["met_at"] else _("open")
                )
                breached = _(", BREACHED") if target["breached"] else ""
                out[f"deadline.{target['target']}"] = (
                    f"{target['due_at']} ({target['owner']}, {state}{breached})"
                )
        elif isinstance(value, dict):
            out.update({f"{key}.{inner}": item for inner, item in value.items()})
        elif key == "summary":
            out["complaint_summary"] = value
        elif key == "proposals":
            out.update(
                {
                    f"proposal {n} ({proposals.proposal_id(item, n)})": proposals.text(item)
                    for n, item in enumerate(value, 1)
                }
            )
        else:
            out[key] = value
    return out


@click.group(
    cls=Group,
    epilog=examples(
        "crmctl complaint log 华丰 --summary '地板起鼓' --severity major --category product",
        "crmctl complaint list --status received --severity crisis",
        "crmctl complaint show T01KQ3",
        "crmctl complaint judge T01KQ3 --valid --reason '施工质量问题' --department production "
        "--reply-by +3d",
    ),
)
def complaint():
    """Complaints, suggestions and inquiries (建议和投诉): log, follow the lifecycle, list, show.

    \b Lifecycle: received → judge → investigate → propose → approve → implement → resolve →
    callback → close (an invalid complaint goes from judge to close; reopen after a callback with an
    unhappy customer). hold/resume pause the resolution clock; reply logs the answer the first
    responder owes the customer.
    """


@complaint.command(
    epilog=examples(
        "crmctl complaint log 华丰 --summary '送货延迟三天' --category delivery",
        "crmctl complaint log C01KQ3 --summary '地板开裂' --severity crisis --channel phone "
        "--complainant 王先生",
        "crmctl complaint log 13805711234 --kind suggestion --summary '希望增加周末服务' --visit "
        "V01KQ4ABCDEFGHJK",
    )
)
@click.argument("customer", type=REF)
@click.option("--summary", required=True, help="What the customer said (建议和投诉内容).")
@new_complaint_options(kind_default="complaint")
@click.option(
    "--channel",
    type=Code("complaint_channels"),
    help="How it came in: phone/来电, in_person/来人, fax/传真, email/邮件, web/网站, "
    "visit/回访中.",
)
@click.option("--complainant", help="Who complained, if not the customer's contact.")
@click.option(
    "--received",
    metavar="TIME",
    type=MOMENT_BEHIND,
    help="When it was received, if earlier than now: '2026-11-20 16:00', 'yesterday 15:00', "
    "昨天下午3点.",
)
@click.option(
    "--visit",
    "visits",
    multiple=True,
    metavar="VISIT",
    help="A visit id it was raised in; repeatable.",
)
@output_option()
@pass_app
def log(
    app: App, customer, summary, kind, severity, channel, category, complainant, received, visits
):
    """Receive a complaint (受理); you become its first responder (首问责任人). Prints its id."""
    record = complaints.log_complaint(
        app.session,
        customer,
        summary,
        kind=kind,
        severity=severity,
        channel=channel,
        category=category,
        complainant=complainant,
        received=received,
        visits=visits,
    )
    complaint_steps.done(app, record)


@complaint.command(
    epilog=examples("crmctl complaint show T01KQ3", "crmctl complaint show T01KQ3 --format json")
)
@click.argument("refs", nargs=-1, required=True)
@output_option()
@pass_app
def show(app: App, refs):
    """The complaint, its deadlines, the steps allowed now and its timeline (- reads ids from
    stdin)."""
    for ref in expand_refs(refs):
        record = complaints.with_state(
            app.session, lookup.find_record(app.session.store, kinds.KINDS["complaint"], ref)
        )
        app.show_one(record if app.format in ("json", "yaml") else _flat(record), VOCABULARIES)


filter_options = options(  # the filters of `complaint list`, also used by `export complaints`
    click.option(
        "--status",
        multiple=True,
        type=Code(STATUSES),
        help="Lifecycle status, code or label (received/受理 … closed/已结案); repeatable.",
    ),
    click.option(
        "--severity",
        multiple=True,
        type=Code("severities"),
        help="normal/一般投诉, major/重大投诉, crisis/危机事件; repeatable.",
    ),
    click.option(
        "--kind",
        multiple=True,
        type=Code("complaint_kinds"),
        help="complaint/投诉, suggestion/建议, inquiry/咨询, lookup/查询; repeatable.",
    ),
    click.option(
        "--handler",
        multiple=True,
        type=STAFF,
        help="Staff member handling it (id, email or name); repeatable.",
    ),
    click.option(
        "--first-responder",
        multiple=True,
        type=STAFF,
        help="Staff member who received it (id, email or name); repeatable.",
    ),
    click.option("--customer", type=REF, help=f"Only this customer: {CUSTOMER_HELP}."),
    click.option(
        "--breached",
        is_flag=True,
        help="Only complaints that missed a deadline (even if met since).",
    ),
    click.option("--open", "open_only", is_flag=True, help="Only complaints not closed."),
)


@complaint.command(
    name="list",
    epilog=examples(
        "crmctl complaint list --open --handler liuyang",
        "crmctl complaint list --open --mine",
        "crmctl complaint list --breached --format json",
        "crmctl complaint list --customer 华丰 --status closed",
        "crmctl complaint list --severity crisis --format ids",
    ),
)
@filter_options
@click.option(
    "--mine", is_flag=True, help="Only those I handle or first responded to (the acting user)."
)
@output_option()
@pass_app
def list_(app: App, mine, **filters):
    """List complaints, filtered; `breaches` names the deadlines missed."""
    found = complaints.list_complaints(
        app.session, mine=app.session.user.id if mine else None, **filters
    )
    app.show_listed([without_history(c) for c in found], LIST_COLUMNS, "complaint", VOCABULARIES)


for step in complaint_steps.COMMANDS:
    complaint.add_command(step)


@complaint.command(
    epilog=examples(
        "crmctl complaint undo T1M7P63R800W", "crmctl complaint undo T1M7P --note '误判'"
    )
)
@click.argument("ref", type=REF)
@click.option("--note", help="Why, for the history.")
@output_option()
@pass_app
def undo(app: App, ref, note):
    """Take back a complaint's last step (a judgement, a proposal, an approval…): the fields it
    changed are restored and an `undo` history entry records it; the step's own entry stays. By
    whoever took the step, or a supervisor or manager, within corrections.undo_within of
    crmctl.yaml. Undo again to take back the step before."""
    record, step = corrections.undo_step(app.session, ref, note)
    app.confirm(
        _(
            "undid {action} of {id} ({at}, {by}): status {status}",
            action=step["action"],
            id=record["id"],
            at=step["at"],
            by=step["by"],
            status=render.cell(record["status"], app.lang),
        )
    )
    app.show_written(record)


COMMANDS = [complaint]
