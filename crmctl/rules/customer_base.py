"""The customer base by grade, status, owner and region (客户统计): pure counting, no file
access."""

from __future__ import annotations

from collections import Counter

from .report import grouped

DIMENSIONS = ("grade", "status", "owner", "region")
STATUSES = ("active", "prospect", "lost")


def customer_base(customers: list[dict], orders: dict[str, list]) -> list[dict]:
    """One row per value of each dimension: how many customers have it, how many of those are
    active, prospects or lost, and their share of all `customers` in percent (one decimal).

    `orders` gives each dimension's values in the order to show them (config order of grades and
    staff); values not listed follow alphabetically, and customers without a value count under None.
    The last row is the total."""
    total = len(customers)
    rows = []
    for dimension in DIMENSIONS:
        for value, group in grouped(customers, dimension, orders.get(dimension, ())):
            rows.append(_row(dimension, value, group, total))
    rows.append(_row("total", None, customers, total))
    return rows


def _row(dimension: str, value, group: list[dict], total: int) -> dict:
    by_status = Counter(customer.get("status") for customer in group)
    return {
        "dimension": dimension,
        "value": value,
        "customers": len(group),
        **{status: by_status.get(status, 0) for status in STATUSES},
        "share": round(100 * len(group) / total, 1) if total else 0.0,
    }
