"""`crmctl complaint STEP ID …`: the steps of a complaint's lifecycle (judge … close, reopen) and
the other changes to one complaint (reply, answer, convert, hold, resume), each a command on its
id."""

from __future__ import annotations

import click

from .. import lazy
from .common import App, examples, output_option, pass_app
from .localized import Command
from .types import DAY_AHEAD, REF, Code

complaints = lazy.module("crmctl.actions.complaints")

COMMANDS: list[click.Command] = []  # added to the `complaint` group


def done(app: App, record: dict) -> None:
    """A changed complaint: its id for people and `ids`, the record for json/yaml/csv."""
    app.show_written(complaints.with_state(app.session, record))


def _subcommand(name: str, doc: str, example: str, act, *options):
    """`complaint NAME ID [options]`, added to COMMANDS: calls `act(session, ref, **options)` and
    prints the complaint's id."""

    def run(app: App, ref, **values):
        done(app, act(app.session, ref, **values))

    command = run
    for option in reversed(options):
        command = option(command)
    command = pass_app(output_option()(click.argument("ref", type=REF)(command)))
    command.__doc__ = doc
    COMMANDS.append(click.command(name, cls=Command, epilog=examples(example))(command))


def _step(name: str, doc: str, example: str, *options):
    """A lifecycle step: every option but --note and --visit is an input the step may demand."""

    def act(session, ref, note=None, visits=(), **inputs):
        return complaints.advance(session, ref, name, inputs, note=note, visits=visits)

    _subcommand(name, doc, example, act, *options)


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
