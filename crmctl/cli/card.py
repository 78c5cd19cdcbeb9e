"""`crmctl customer show` on a terminal: the customer on one screen (see actions/card.py)."""

from __future__ import annotations

from .. import render
from ..fitting import shorten
from ..messages import _
from ..screen import text_width
from .common import App

VISIT_COLUMNS = ["at", "staff", "channel", "purpose", "reached", "satisfaction", "summary"]
COMPLAINT_COLUMNS = [
    "id",
    "received",
    "status",
    "severity",
    "handler",
    "breaches",
    "complaint_summary",  # labelled as a complaint's, not a visit's
]
ROWS = 3  # rows of each table: the card stays one screen
DUE_COLUMNS = ["due", "overdue_days", "rule", "reason", "owner", "record_id"]


def show_card(app: App, card) -> None:
    """The card: a few lines of profile, then the last contacts, open complaints and what is
    due as tables fitted to the terminal, ROWS of each at most."""
    width = app.screen.width or 0
    for line in _profile(app, card):
        app.out(shorten(line, width) + "\n" if width else line + "\n")
    ref = _short_id(app, card.customer["id"])
    _section(
        app,
        _(
            "Last contacts: {shown} of {total}",
            shown=min(ROWS, len(card.visits)),
            total=len(card.visits),
        ),
        card.visits,
        VISIT_COLUMNS,
        {"channel": "channels", "purpose": "visit_purposes"},
        f"crmctl visit list --customer {ref}",
    )
    _section(
        app,
        _("Open complaints: {count}", count=len(card.complaints)),
        [{**row, "complaint_summary": row.get("summary")} for row in card.complaints],
        COMPLAINT_COLUMNS,
        {"severity": "severities"},
        f"crmctl complaint list --customer {ref} --open",
    )
    due = [{**item.as_dict(app.session.today), "id": item.record_id} for item in card.due]
    _section(
        app,
        _("Due: {count}", count=len(due)),
        due,
        DUE_COLUMNS,
        None,
        f"crmctl due --customer {ref}",
    )


def _section(app: App, title: str, rows: list[dict], columns, vocabularies, more: str):
    """A titled table of the first ROWS rows, and the command that lists them all if there are
    more."""
    app.out(f"\n{title}\n")
    if not rows:
        return
    redundant = ("owner",) if _one_owner(rows) else ()
    app.show_rows(rows[:ROWS], columns, vocabularies, redundant=redundant)
    if len(rows) > ROWS:
        app.out(_("… {more} more: {command}", more=len(rows) - ROWS, command=more) + "\n")


def _one_owner(rows: list[dict]) -> bool:
    return len({row.get("owner") for row in rows}) == 1


def _profile(app: App, card) -> list[str]:
    customer, lang, config = card.customer, app.lang, app.session.config
    relabel = app.relabel({})

    def cell(field: str) -> str:
        return render.cell(relabel(field, customer.get(field)), lang)

    head = " · ".join(
        part for part in (cell("status"), cell("type"), cell("region"), cell("tags")) if part
    )
    lines = [f"{customer['name']}  {_short_id(app, customer['id'])}  {head}"]
    pairs = [
        ("grade", _grade(card, lang)),
        ("owner", _owner(config, customer.get("owner"))),
        (
            "contact",
            " · ".join(
                filter(None, (cell("contact"), cell("mobile"), cell("phone"), cell("email")))
            ),
        ),
        ("address", cell("address")),
        ("lost_reason", " ".join(filter(None, (cell("lost_at")[:10], cell("lost_reason"))))),
        ("open_balance", _balance(card.balance)),
        ("history", _history(card.history)),
        ("notes", cell("notes")),
    ]
    shown = [(render.label(field, lang), text) for field, text in pairs if text]
    width = max(text_width(name) for name, _text in shown)
    lines += [f"  {name}{' ' * (width - text_width(name))}  {text}" for name, text in shown]
    return lines


def _short_id(app: App, record_id: str) -> str:
    return app.shown([{"id": record_id}], ["id"])[0]["id"]


def _grade(card, lang: str) -> str:
    grade = card.grade
    if grade is None:
        return render.cell(card.customer.get("grade"), lang)
    label = grade.get(lang) or grade["code"]
    cadence = grade.get("cadence")
    return f"{label} · {_('contact every {cadence}', cadence=cadence)}" if cadence else label


def _owner(config, owner: str | None) -> str:
    if not owner:
        return ""
    staff = config.team.get(owner)
    return f"{staff.name} ({owner})" if staff and staff.name != owner else owner


def _balance(balance: dict) -> str:
    amounts = ", ".join(
        f"{currency} {amount}" for currency, amount in (balance.get("open_balance") or {}).items()
    )
    return balance.get("credit_warning") or amounts  # the warning names the balance


def _history(summary: dict) -> str:
    first, last = summary["first"], summary["last"]
    if first is None:
        return ""
    text = _(
        "{changes} entries; created {at} by {by}",
        changes=summary["changes"],
        at=first["at"][:10],
        by=first["by"],
    )
    if last is not None:
        text += _(
            "; last {action} {at} by {by}", action=last["action"], at=last["at"][:10], by=last["by"]
        )
    return text
