"""A customer on one screen (`crmctl customer show` on a terminal): the profile, its grade and
contact cadence, the last contacts, open complaints, the open balance, what is due, and its history
in brief."""

from __future__ import annotations

from dataclasses import dataclass

from ..archive.kinds import KINDS
from ..rules import contacts
from ..rules.due_item import DueItem
from .complaints import list_complaints
from .due import due_items
from .receivables import customer_balance
from .session import Session

VISIT = KINDS["visit"]


@dataclass
class Card:
    customer: dict
    grade: dict | None  # the grade of crmctl.yaml (labels, cadence), if the customer has one
    balance: dict  # `receivables.customer_balance`: open_balance, credit_warning
    visits: list[dict]  # newest first
    complaints: list[dict]  # open, with their breaches
    due: list[DueItem]  # within the due horizon, most overdue first
    history: dict  # `history_summary`


def customer_card(session: Session, customer: dict) -> Card:
    visits = sorted(
        contacts.counted(session.store.records(VISIT, where={"customer": [customer["id"]]})),
        key=contacts.when,
        reverse=True,
    )
    return Card(
        customer=customer,
        grade=session.config.grades.get(customer.get("grade") or ""),
        balance=customer_balance(session, customer),
        visits=visits,
        complaints=list_complaints(session, customer=customer["id"], open_only=True),
        due=due_items(session, customer=customer["id"]),
        history=history_summary(customer),
    )


def history_summary(record: dict) -> dict:
    """How many changes a record's history holds, and its first and last entries."""
    entries = record.get("history") or []
    return {
        "changes": len(entries),
        "first": entries[0] if entries else None,
        "last": entries[-1] if len(entries) > 1 else None,
    }
