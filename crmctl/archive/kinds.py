"""The record types and where their files live."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Kind:
    name: str  # singular, as users type it: customer
    folder: str  # under records/: customers
    letter: str  # first letter of every id of this type
    schema: str  # schemas/<schema>.schema.json
    month_field: str | None = None  # records filed under <yyyy>/<mm>/ of this timestamp field


KINDS: dict[str, Kind] = {
    "customer": Kind("customer", "customers", "C", "customer"),
    "complaint": Kind("complaint", "complaints", "T", "complaint"),
    "visit": Kind("visit", "visits", "V", "visit", month_field="at"),
    "receivable": Kind("receivable", "receivables", "R", "receivable"),
    "plan": Kind("plan", "plans", "P", "plan"),
}


def kind_of_id(record_id: str) -> Kind | None:
    letter = record_id[:1].upper()
    return next((kind for kind in KINDS.values() if kind.letter == letter), None)
