"""`crmctl history ID`."""

from __future__ import annotations

import click

from .. import lazy, render
from .common import App, examples, output_option, pass_app
from .localized import Command
from .types import REF

history_action = lazy.module("crmctl.actions.history")


@click.command(
    cls=Command,
    epilog=examples(
        "crmctl history C01KQ3",
        "crmctl history 杭州华丰建材有限公司",
        "crmctl history V01KQ4 --format json | jq '.[] | select(.source == \"git\")'",
    ),
)
@click.argument("ref", type=REF)
@output_option(("table", "json", "csv", "yaml"))
@pass_app
def history(app: App, ref):
    """Who changed a record and when: its own history entries and the git commits that touched its
    file (author, date, commit, message), oldest first. REF is an id, its start or short reference
    of any record, or a customer as every command names one (name, phone, part of the name,
    pinyin)."""
    record, rows = history_action.record_history(app.session, ref)
    if app.format == "table":
        rows = [
            {
                **row,
                "what": row["message"] or render.change_text(row, app.lang),
                "commit": (row["commit"] or "")[:10],
            }
            for row in rows
        ]
        app.say(f"{record['id']}  {record.get('name', '')}".rstrip())
    app.show_rows(rows, ["at", "source", "by", "action", "what", "commit"])


COMMANDS = [history]
