"""`crmctl` with no command: the acting user's day, or how to start outside a data root."""

from __future__ import annotations

import json

from .. import lazy
from ..archive.root import NoDataRoot
from ..errors import UsageError
from ..messages import _
from .common import App

morning = lazy.module("crmctl.actions.morning")

TOP = 10  # rows of the day shown; `due --mine` lists them all
COLUMNS = ["due", "overdue_days", "rule", "customer_name", "reason", "record_id"]
COMPLAINT_COLUMNS = ["id", "customer_name", "status", "severity", "handler", "breaches"]


def show_day(app: App) -> None:
    try:
        session = app.session
    except NoDataRoot:
        app.say(
            _(
                "Not in a data root. To start: crmctl init DIR, then cd DIR (or --root DIR, "
                "CRMCTL_ROOT); crmctl --help lists the commands."
            )
        )
        return
    if app.format not in ("table", "json"):  # prose between tables: no ids, csv or yaml stream
        raise UsageError(_("your day is shown as table or json, not {format}", format=app.format))
    day = morning.my_day(session)
    if app.format == "json":
        app.out(json.dumps(_as_json(day, session.today), ensure_ascii=False, indent=2) + "\n")
        return
    app.out(f"{day.user.name} ({day.user.id}), {session.today}\n")
    _show_items(app, day, session.today)
    _show_complaints(app, day)
    if day.team is not None:
        said = _(
            "Team: {overdue} overdue, {today} due today; {complaints} open complaints, "
            "{breached} past a deadline",
            **day.team,
        )
        app.out(app.prose(said) + "\n")


def _show_items(app: App, day, today) -> None:
    if not day.items:
        app.out(_("Nothing is due today or overdue.") + "\n\n")
        return
    overdue = sum(1 for item in day.items if item.due < today)
    rules = ", ".join(f"{rule_label(rule)} {count}" for rule, count in day.per_rule())
    said = _(
        "Due today or overdue: {total} ({overdue} overdue, {today} today): {rules}",
        total=len(day.items),
        overdue=overdue,
        today=len(day.items) - overdue,
        rules=rules,
    )
    app.out(app.prose(said) + "\n")
    rows = [{**item.as_dict(today), "rule": rule_label(item.rule)} for item in day.items[:TOP]]
    app.show_rows(rows, COLUMNS, redundant=("owner",))
    if len(day.items) > TOP:
        app.out(
            _("… {more} more: crmctl due --mine --within today", more=len(day.items) - TOP) + "\n"
        )
    app.out("\n")


def _show_complaints(app: App, day) -> None:
    if not day.complaints:
        return
    app.out(_("Open complaints waiting on you: {count}", count=len(day.complaints)) + "\n")
    app.show_rows(day.complaints, COMPLAINT_COLUMNS, {"severity": "severities"})
    app.out("\n")


def rule_label(rule: str) -> str:
    """A due rule for people: its code in English (as --kind takes it), its name in Chinese."""
    return _(rule)


def _as_json(day, today) -> dict:
    return {
        "user": day.user.id,
        "date": today.isoformat(),
        "due": [item.as_dict(today) for item in day.items],
        "per_rule": dict(day.per_rule()),
        "complaints": [complaint["id"] for complaint in day.complaints],
        "team": day.team,
    }
