"""`crmctl report …`: the figures a department hands in."""

from __future__ import annotations

import datetime as dt

import click

from .. import lazy, render
from ..errors import UsageError
from ..messages import _
from ..screen import visible
from ..transfer.output_file import atomic_output
from . import customer, receivable
from .common import App, examples, output_option, pass_app
from .localized import Group
from .report_help import COLLECTION_HELP, LEDGER_HELP, MONTHLY_HELP, PERIOD_HELP, RATES_HELP

report_html = lazy.module("crmctl.report_html")
reports = lazy.module("crmctl.actions.reports")
receivables = lazy.module("crmctl.actions.receivables")
plans = lazy.module("crmctl.actions.plans")

CUSTOMER_BASE_COLUMNS = ["dimension", "value", "customers", "active", "prospect", "lost", "share"]
VOCABULARIES = {
    "kind": "complaint_kinds",
    "severity": "severities",
    "category": "categories",
    "department": "departments",
}
LABELLED_VALUES = ("figure", "dimension", "outcome")  # cells holding a label key rather than data
TITLES = {
    "ledger": ("complaint ledger", "投诉台帐"),
    "weekly": ("weekly complaints and inquiries", "投诉及咨询周报"),
    "monthly": ("monthly service report", "服务月报"),
    "quarterly": ("quarterly rates", "季度考核指标"),
    "yearly": ("yearly rates", "年度考核指标"),
}


@click.group(
    cls=Group,
    epilog=examples(
        "crmctl report ledger --month 2026-11",
        "crmctl report monthly --html report.html",
        "crmctl report weekly --week 2026-W48",
        "crmctl report customers",
    ),
)
def report():
    """Reports: complaint ledger, weekly complaints, monthly service report, customer base."""


def _cell(app: App, relabel, row: dict, column: str):
    value = row.get(column)
    if column == "value" and "dimension" in row:
        if value is None:
            return (
                "" if row["dimension"] == "total" else ("(未填)" if app.lang == "zh" else "(none)")
            )
        shown = relabel(row["dimension"], value)
        return render.VALUE_LABELS.get(shown, shown) if app.lang == "zh" else shown
    if column in LABELLED_VALUES and value is not None:
        return render.label(value, app.lang)
    return relabel(column, value)


def _labelled(app: App, rows: list[dict], columns: list[str]) -> list[dict]:
    """Rows for people: codes turned into labels of the chosen language (json keeps the codes)."""
    relabel = app.relabel(VOCABULARIES)
    return [{column: _cell(app, relabel, row, column) for column in columns} for row in rows]


def _csv(app: App, rows: list[dict], columns: list[str]) -> None:
    if app.lang == "zh":  # csv headers are field names, except when Chinese is asked for
        rows = [{render.label(column, "zh"): row.get(column) for column in columns} for row in rows]
        columns = [render.label(column, "zh") for column in columns]
    app.out(render.rows(rows, columns, "csv"))


def _heading(app: App, name: str, period) -> str:
    meta = period.as_dict(app.session.now)
    en, zh = TITLES[name]
    title, as_of, running = (
        (zh, "截至", "未结束") if app.lang == "zh" else (en, "as of", "not over")
    )
    state = "" if meta["complete"] else f", {running}"
    moment = meta["as_of"][:16].replace("T", " ")
    return f"{title} {meta['period']} ({meta['from']} – {meta['to']}; {as_of} {moment}{state})"


def _show(app: App, name: str, period, sections, only: str | None) -> None:
    if app.format not in render.REPORT_FORMATS:
        raise UsageError(
            _(
                "reports are written as {formats}, not {format}",
                formats=", ".join(render.REPORT_FORMATS),
                format=app.format,
            )
        )
    if only:
        sections = [section for section in sections if section.name == only]
    if app.format == "json":
        app.out(
            render.one(
                {
                    "report": name,
                    **period.as_dict(app.session.now),
                    "sections": {section.name: section.rows for section in sections},
                },
                "json",
            )
        )
    elif app.format == "csv":
        _csv(app, _labelled(app, sections[0].rows, sections[0].columns), sections[0].columns)
    else:
        heading = _heading(app, name, period)
        body = render.report(_tables(app, sections), app.format, app.lang, app.screen)
        heading = f"{'# ' if app.format == 'markdown' else ''}{app.prose(visible(heading))}"
        app.out(f"{heading}\n\n{body}", painted=app.screen.color)
    app.warn_unreadable()


def _tables(app: App, sections) -> list[tuple]:
    """The sections as `render.report` draws them for people: labelled, ids short when fitted."""
    return [
        (s.name, s.columns, app.shown(_labelled(app, s.rows, s.columns), s.columns))
        for s in sections
    ]


def _report_options(sections):
    """--section, --format and the app: what every period report takes."""
    section = click.option(
        "--section",
        type=click.Choice(sections),
        help="Only this part (csv shows one part: "
        f"the first, {sections[0]}, unless this names another).",
    )

    def decorate(function):
        return section(output_option(render.REPORT_FORMATS)(pass_app(function)))

    return decorate


month_option = click.option(
    "--month",
    metavar="YYYY-MM",
    help="The month: 2026-11, 2026年11月, 11月, 上月 (default: the one containing --now).",
)


LEDGER_SECTIONS = ("ledger", "counts", "inquiries", "totals")
MONTHLY_SECTIONS = (
    "headline",
    "visits_by_staff",
    "key_accounts_missed",
    "first_contacts",
    "overdue_by_owner",
    "complaint_figures",
    "complaints_by_category",
    "complaints_by_week",
    "inquiry_figures",
    "lost_customers",
    "lost_reasons",
    "collection",
    "rates",
    "satisfaction_by_grade",
)
RATES_SECTIONS = ("rates", "satisfaction_by_grade", "collection")


@report.command(
    help=f"The complaint ledger (投诉台帐) of a month.\n\n{PERIOD_HELP}\n\n{LEDGER_HELP}",
    epilog=examples(
        "crmctl report ledger",
        "crmctl report ledger --month 2026-10 --format markdown > 2026-10.md",
        "crmctl --lang zh report ledger --month 2026-11 --format csv > 投诉台帐.csv",
        "crmctl report ledger --section totals -f json",
    ),
)
@month_option
@_report_options(LEDGER_SECTIONS)
def ledger(app: App, month, section):
    period = reports.month(app.session, month)
    _show(app, "ledger", period, reports.ledger_report(app.session, period), section)


@report.command(
    help=f"Complaints and inquiries of a week (投诉及咨询信息周报, 002): the ledger of one ISO "
    f"week, "
    f"Monday to Sunday.\n\n{PERIOD_HELP}\n\n{LEDGER_HELP}",
    epilog=examples(
        "crmctl report weekly",
        "crmctl report weekly --week 2026-W47 --format markdown",
        "crmctl --lang zh report weekly --section counts",
    ),
)
@click.option(
    "--week",
    metavar="YYYY-Www",
    help="The ISO week, e.g. 2026-W48 (default: the one containing --now).",
)
@_report_options(LEDGER_SECTIONS)
def weekly(app: App, week, section):
    period = reports.week(app.session, week)
    _show(app, "weekly", period, reports.ledger_report(app.session, period), section)


@report.command(
    help=f"The monthly service report (服务月报): visits, key-account coverage, first contacts, "
    f"overdue follow-ups, satisfaction, complaints, lost customers. Shortfalls are listed beside "
    f"the figures they spoil (杜绝报喜不报忧).\n\n{PERIOD_HELP}\n\n{MONTHLY_HELP}\n\n"
    f"{RATES_HELP}\n\n{COLLECTION_HELP}",
    epilog=examples(
        "crmctl report monthly",
        "crmctl report monthly --month 2026-10 --html 2026-10.html",
        "crmctl --lang zh report monthly --format markdown > 服务月报.md",
        "crmctl report monthly --section visits_by_staff --format csv",
    ),
)
@month_option
@click.option(
    "--html",
    "html_file",
    type=click.Path(dir_okay=False, allow_dash=True),
    metavar="FILE",
    help="Write the report as one self-contained HTML page with charts ('-': standard output).",
)
@_report_options(MONTHLY_SECTIONS)
def monthly(app: App, month, html_file, section):
    period = reports.month(app.session, month)
    sections = reports.monthly_report(app.session, period)
    if html_file is None:
        _show(app, "monthly", period, sections, section)
        return
    before = reports.month(app.session, f"{period.start - dt.timedelta(days=1):%Y-%m}")
    page = report_html.page(
        _heading(app, "monthly", period),
        [(s.name, s.columns, s.rows, _labelled(app, s.rows, s.columns)) for s in sections],
        app.lang,
        previous=(before.label, reports.monthly_report(app.session, before)[0].rows),
        staff={member.id: member.name for member in app.session.config.team.values()},
    )
    if html_file == "-":
        app.out(page)
    else:
        with atomic_output(html_file) as stream:
            stream.write(page.encode("utf-8"))
        app.say(_("wrote {file}", file=html_file))


@report.command(
    help=f"The rates of a quarter (流失率, 新客户开发率, 投诉成立率, 投诉率, satisfaction by "
    f"grade) "
    f"against the 002 targets.\n\n{PERIOD_HELP}\n\n{RATES_HELP}\n\n{COLLECTION_HELP}",
    epilog=examples(
        "crmctl report quarterly",
        "crmctl report quarterly --quarter 2026-Q3 --format markdown",
        "crmctl --lang zh report quarterly --section satisfaction_by_grade --format csv",
    ),
)
@click.option(
    "--quarter", metavar="YYYY-Qn", help="The quarter (default: the one containing --now)."
)
@_report_options(RATES_SECTIONS)
def quarterly(app: App, quarter, section):
    period = reports.quarter(app.session, quarter)
    _show(app, "quarterly", period, reports.rates_report(app.session, period), section)


@report.command(
    help=f"The rates of a year, as `report quarterly` counts them.\n\n{PERIOD_HELP}\n\n"
    f"{RATES_HELP}\n\n{COLLECTION_HELP}",
    epilog=examples("crmctl report yearly --year 2026", "crmctl report yearly -f json"),
)
@click.option("--year", metavar="YYYY", help="The year (default: the one containing --now).")
@_report_options(RATES_SECTIONS)
def yearly(app: App, year, section):
    period = reports.year(app.session, year)
    _show(app, "yearly", period, reports.rates_report(app.session, period), section)


@report.command(
    epilog=examples(
        "crmctl report aging",
        "crmctl report aging --owner liuyang --format markdown",
        "crmctl --lang zh report aging --section aging_by_owner --format csv > 账龄.csv",
    )
)
@receivable.filter_options
@click.option(
    "--section", type=click.Choice(("aging_by_customer", "aging_by_owner")), help="Only this part."
)
@output_option(render.REPORT_FORMATS)
@pass_app
def aging(app: App, section, **filters):
    """Aging of open receivables (账龄) today, per customer and per owner.

    \b
    Each row adds up the balance still to collect (amount less payments;
    nothing once written off) by days past the due date: current (not yet
    due), 1-30, 31-60, 61-90, over 90 (receivables.aging_buckets), and its
    total. The owner is the collector, else the customer's owner. Filters as
    `receivable list`; amounts are exact, per currency."""
    _sections(app, "aging", receivables.aging_report(app.session, **filters), section)


@report.command(
    name="plan",
    epilog=examples(
        "crmctl report plan",
        "crmctl report plan P01KQ3 --section plan_by_owner",
        "crmctl --lang zh report plan --format markdown > 服务计划执行.md",
    ),
)
@click.argument("refs", nargs=-1)
@click.option(
    "--section",
    type=click.Choice(("plan_actions", "plan_by_account", "plan_by_owner")),
    help="Only this part.",
)
@output_option(render.REPORT_FORMATS)
@pass_app
def plan_(app: App, refs, section):
    """Plans against what was done (计划执行): the plans named, or those whose period holds today.

    \b
    plan actions   every planned action: on_time = done by its target
                   date, late = done after it, open = not done and not yet
                   due, overdue = not done, target passed. A planned visit or
                   call is done by a matching logged visit (the customer,
                   reached, in the plan's period, of the planned purpose; a
                   call not face to face), each visit counting once; reviews
                   and events by `plan done`
    by account, by owner
                   planned, done (on_time + late), open, overdue, done % =
                   done / planned, and a total row"""
    sections = plans.plan_report(app.session, refs)
    _sections(app, "plan", sections, section)


def _sections(app: App, name: str, sections, section: str | None) -> None:
    """A report without a period (aging, plan): json with today's date, else titled tables."""
    if section:
        sections = [s for s in sections if s.name == section]
    if app.format == "json":
        app.out(
            render.one(
                {
                    "report": name,
                    "as_of": app.session.today.isoformat(),
                    "sections": {s.name: s.rows for s in sections},
                },
                "json",
            )
        )
    elif app.format == "csv":
        _csv(app, _labelled(app, sections[0].rows, sections[0].columns), sections[0].columns)
    else:
        app.out(
            render.report(_tables(app, sections), app.format, app.lang, app.screen),
            painted=app.screen.color,
        )
    app.warn_unreadable()


@report.command(
    name="customers",
    epilog=examples(
        "crmctl report customers",
        "crmctl --lang zh report customers --format markdown",
        "crmctl report customers --status active --format csv > base.csv",
        "crmctl report customers --owner lina -f json",
    ),
)
@customer.filter_options
@output_option(render.REPORT_FORMATS)
@pass_app
def customers_(app: App, **filters):
    """The customer base (客户统计) by grade, status, owner and region.

    \b
    Definitions (every figure counts customer records in the archive that
    match the filters, the same ones `customer list` takes, whatever their status):
      customers  customers whose grade/status/owner/region is this value;
                 "(none)" counts those with the field empty
      active, prospect, lost
                 of those, how many have this status (活跃 / 潜在 / 流失)
      share %    customers / all matching customers x 100, one decimal
      total      all matching customers; each dimension's rows add up to it
    """
    rows = reports.customer_base_report(app.session, **filters)
    if app.format != "json":
        rows = _labelled(app, rows, CUSTOMER_BASE_COLUMNS)
    if app.format == "csv":
        _csv(app, rows, CUSTOMER_BASE_COLUMNS)
        app.warn_unreadable()
    else:
        app.show_rows(rows, CUSTOMER_BASE_COLUMNS)


COMMANDS = [report]
