"""`crmctl report …`: the figures a department hands in."""
from __future__ import annotations

import click

from .. import render
from ..actions.reports import customer_base_report
from . import customer
from .common import App, examples, output_option, pass_app

CUSTOMER_BASE_COLUMNS = ["dimension", "value", "customers", "active", "prospect", "lost", "share"]


@click.group(epilog=examples("crmctl report customers", "crmctl --lang zh report customers --format markdown"))
def report():
    """Reports: the customer base (more reports join as their records land)."""


@report.command(name="customers", epilog=examples(
    "crmctl report customers", "crmctl --lang zh report customers --format markdown",
    "crmctl report customers --status active --format csv > base.csv", "crmctl report customers --owner lina -f json"))
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
    rows = customer_base_report(app.session, **filters)
    if app.format != "json":
        rows = [_labelled(app, row) for row in rows]
    columns = CUSTOMER_BASE_COLUMNS
    if app.format == "csv" and app.lang == "zh":  # csv headers are field names, except when Chinese is asked for
        rows = [{render.label(column, "zh"): row[column] for column in columns} for row in rows]
        columns = [render.label(column, "zh") for column in columns]
    app.show_rows(rows, columns)


def _labelled(app: App, row: dict) -> dict:
    dimension, value = row["dimension"], row["value"]
    if value is None:
        shown = "" if dimension == "total" else ("(未填)" if app.lang == "zh" else "(none)")
    else:
        shown = app.relabel({})(dimension, value)
        shown = render.VALUE_LABELS.get(shown, shown) if app.lang == "zh" else shown
    return {**row, "dimension": render.label(dimension, app.lang), "value": shown}


COMMANDS = [report]
