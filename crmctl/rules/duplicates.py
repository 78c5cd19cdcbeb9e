"""Likely duplicates: customers with the same name, mobile, landline or email; visits or complaints
of one customer at the same moment."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

KEYS = ("name", "mobile", "phone", "email")


def normalised(field: str, value: str) -> str:
    """The form two values are compared in: phone digits only, other text trimmed and
    lower-cased."""
    if field in ("mobile", "phone"):
        return (
            value if value.isdigit() else "".join(ch for ch in value if ch.isdigit())
        )  # most are digits only
    return value.strip().lower()


def described(field: str, value: str) -> str:
    """How a message names a shared value: the name as written, contact details only by their field
    (both records hold the value already; error output ends up in logs and CI)."""
    return f"{field} '{value}'" if field == "name" else field


def duplicate_groups(
    records: list[dict], keys=KEYS, within: str | None = None
) -> list[tuple[str, str, list[str]]]:
    """`(field, value, ids)` for each value of a `keys` field shared by two or more records (that
    also share their `within` field, such as the customer of a visit)."""
    return grouped(
        (record["id"], (field, normalised(field, record[field]), record.get(within)))
        for record in records
        for field in keys
        if record.get(field)
    )


def grouped(keyed: Iterable[tuple[str, tuple]]) -> list[tuple[str, str, list[str]]]:
    """`duplicate_groups` from `(id, (field, normalised value, within))` pairs in record order (as
    kept in the index for `check`, which then needs no records)."""
    seen: dict[tuple, list[str]] = defaultdict(list)
    for record_id, key in keyed:
        seen[key].append(record_id)
    return [(field, value, sorted(ids)) for (field, value, _), ids in seen.items() if len(ids) > 1]


def keys_of(customer: dict) -> dict[str, set[str]]:
    """The normalised values another customer must share to be its duplicate: a `where` for the
    store."""
    return {field: {normalised(field, customer[field])} for field in KEYS if customer.get(field)}
