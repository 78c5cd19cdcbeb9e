"""`crmctl complaint …`: complaints, suggestions, inquiries (建议和投诉, 咨询) and their
lifecycle."""

from __future__ import annotations

import click

from .. import lazy, render
from ..messages import _
from ..rules import proposals
from ..rules.complaint_lifecycle import STATUSES
from .common import App, examples, expand_refs, options, output_option, pass_app, without_history
from .localized import Group
from .types import CUSTOMER_HELP, DAY_AHEAD, MOMENT_BEHIND, REF, STAFF, Code

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


def _done(app: App, record: dict) -> None:
    """A changed complaint: its id for people and `ids`, the record for json/yaml/csv."""
    app.show_written(complaints.with_state(app.session, record))


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
@click.option(
    "--kind",
    default="complaint",
    show_default=True,
    type=Code("complaint_kinds"),
    help="complaint/投诉, suggestion/建议, inquiry/咨询 or lookup/查询.",
)
@click.option(
    "--severity",
    type=Code("severities"),
    help="normal/一般投诉 (the default), major/重大投诉 or crisis/危机事件; an inquiry or lookup "
    "without one takes the light path: answer, then close.",
)
@click.option(
    "--channel",
    type=Code("complaint_channels"),
    help="How it came in: phone/来电, in_person/来人, fax/传真, email/邮件, web/网站, "
    "visit/回访中.",
)
@click.option(
    "--category",
    type=Code("categories"),
    help="product/产品质量, delivery/物流配送, service/服务态度, billing/价格账务, other/其他 "
    "(the config's categories).",
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
    _done(app, record)


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


def _subcommand(name: str, doc: str, example: str, act, *options):
    """`complaint NAME ID [options]`: calls `act(session, ref, **options)` and prints the
    complaint's id."""

    def run(app: App, ref, **values):
        _done(app, act(app.session, ref, **values))

    command = run
    for option in reversed(options):
        command = option(command)
    command = pass_app(output_option()(click.argument("ref", type=REF)(command)))
    command.__doc__ = doc
    return complaint.command(name=name, epilog=examples(example))(command)


def _step(name: str, doc: str, example: str, *options):
    """A lifecycle step: every option but --note and --visit is an input the step may demand."""

    def act(session, ref, note=None, visits=(), **inputs):
        return complaints.advance(session, ref, name, inputs, note=note, visits=visits)

    return _subcommand(name, doc, example, act, *options)


def _action(name: str):
    """The use case `complaints.NAME`, looked up when the command runs (the module loads then)."""

    def act(session, ref, **values):
        return getattr(complaints, name)(session, ref, **values)

    return act


NOTE = click.option("--note", help="A remark for the history.")
_step(
    "judge",
    "Judge it (判断): valid (成立) with a responsible department and a reply-by date, or invalid.",
    "crmctl complaint judge T01KQ3 --valid --reason '施工质量问题' --department production "
    "--reply-by +3d",
    click.option("--valid/--invalid", "valid", default=None, help="成立 / 不成立."),
    click.option("--reason", help="Why it is (not) valid."),
    click.option(
        "--department",
        type=Code("departments"),
        help="Responsible department (责任部门): a department of crmctl.yaml, code or label "
        "(logistics/物流部 …).",
    ),
    click.option(
        "--reply-by",
        type=DAY_AHEAD,
        metavar="DATE",
        help="Reply date promised to the customer: 2026-12-10, +3d, +2wd, friday, 后天, 下周一.",
    ),
    NOTE,
)
_step(
    "investigate",
    "Record the investigation (调查): root cause and the person responsible.",
    "crmctl complaint investigate T01KQ3 --root-cause '基层处理不当' --responsible '施工队张工' "
    "--cause product",
    click.option("--root-cause", help="What caused it."),
    click.option("--responsible", help="The person responsible (责任人)."),
    click.option(
        "--cause",
        type=Code("categories"),
        help="Cause category, code or label (defaults to the complaint's category).",
    ),
    NOTE,
)
_step(
    "propose",
    "Put forward solutions (处理方案); repeat --proposal for alternatives, run again to add more.",
    "crmctl complaint propose T01KQ3 --proposal '免费返工' --proposal '折价10%'",
    click.option("--proposal", "proposals", multiple=True, help="A solution; repeatable."),
    NOTE,
)
_step(
    "approve",
    "Pick one proposal (审批); supervisors and managers only.",
    "crmctl --as lina complaint approve T01KQ3 --proposal 1",
    click.option(
        "--proposal",
        help="The proposal picked: its number as 'complaint show' lists it (1 = first) or its id.",
    ),
    NOTE,
)
_step(
    "implement",
    "Record the implementation (实施): actions, compensation, penalty.",
    "crmctl complaint implement T01KQ3 --actions '已返工' --compensation '赠送保养一次' --penalty "
    "'施工队罚款500元'",
    click.option("--actions", help="What was done, and that the customer was told."),
    click.option("--compensation", help="Compensation to the customer, if any."),
    click.option("--penalty", help="Penalty on the responsible party, if any."),
    NOTE,
)
_step(
    "resolve",
    "The customer accepts the solution.",
    "crmctl complaint resolve T01KQ3 --acceptance '客户电话确认满意返工结果'",
    click.option("--acceptance", help="How the customer accepted it."),
    NOTE,
)
_step(
    "callback",
    "The callback after resolution (回访) and the customer's satisfaction; a reached visit logged "
    "with --complaint and --satisfaction is the callback by itself.",
    "crmctl complaint callback T01KQ3 --satisfaction satisfied --comment '很满意' --visit "
    "V01KQ5ABCDEFGHJK",
    click.option(
        "--satisfaction",
        help="As for visit log: 1-5, or 满意 (5) / 一般 (3) / 不满意 (1); recorded as "
        "satisfied (from reports.satisfied_at), neutral or unsatisfied.",
    ),
    click.option("--comment", help="What the customer said."),
    click.option(
        "--visit",
        "visits",
        multiple=True,
        metavar="VISIT",
        help="The visit of the callback; repeatable.",
    ),
)
_step(
    "close",
    "Close it (总结评价) with a summary and, for a valid complaint, an improvement measure.",
    "crmctl complaint close T01KQ3 --summary '返工完成, 客户满意' --improvement '加强基层验收'",
    click.option("--summary", help="Summary and evaluation."),
    click.option("--improvement", help="Improvement measure (改进对策)."),
    NOTE,
)
_step(
    "reopen",
    "Reopen after a callback found the customer still unhappy: back to investigating.",
    "crmctl complaint reopen T01KQ3 --reason '回访时客户仍不满意'",
    click.option("--reason", help="Why it is reopened."),
)


_subcommand(
    "reply",
    "Log the reply to the customer that the first responder owes (首问负责制: 并回复客户).",
    "crmctl complaint reply T01KQ3 --text '已告知客户返工安排在周三'",
    _action("reply"),
    click.option("--text", default="", help="What the customer was told."),
)
_subcommand(
    "answer",
    "Answer an inquiry or lookup (咨询, 查询) logged without a severity; then close it.",
    "crmctl complaint answer T01KQ3 --text '保修期为两年, 自安装之日起算'",
    _action("answer"),
    click.option("--text", default="", help="The answer given to the customer."),
)
_subcommand(
    "convert",
    "Turn an inquiry or lookup that is really a complaint into one, at received (history kept).",
    "crmctl complaint convert T01KQ3 --severity major",
    _action("convert"),
    click.option(
        "--severity",
        default="normal",
        show_default=True,
        type=Code("severities"),
        help="normal/一般投诉, major/重大投诉 or crisis/危机事件.",
    ),
    NOTE,
)
_subcommand(
    "hold",
    "Pause the resolution clock while waiting for the customer or another department.",
    "crmctl complaint hold T01KQ3 --reason '等待生产部检测报告'",
    _action("hold"),
    click.option(
        "--reason", default="", help="What it waits for: the customer, or which department."
    ),
)
_subcommand(
    "resume",
    "Restart the resolution clock; its target moves back by the office time spent on hold.",
    "crmctl complaint resume T01KQ3 --note '检测报告已到'",
    _action("resume"),
    NOTE,
)


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
