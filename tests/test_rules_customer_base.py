"""The customer base by grade, status, owner and region."""

from __future__ import annotations

from crmctl.rules.customer_base import customer_base

CUSTOMERS = [
    {"id": "C1", "grade": "A1", "status": "active", "owner": "wang", "region": "华东"},
    {"id": "C2", "grade": "B1", "status": "active", "owner": "lina", "region": "华东"},
    {"id": "C3", "grade": "B1", "status": "lost", "owner": "lina"},
    {"id": "C4", "status": "prospect", "region": "华南"},
]


def test_counts_per_value_in_config_order_with_empty_values_last():
    rows = customer_base(
        CUSTOMERS,
        {
            "grade": ["A1", "A2", "B1"],
            "owner": ["wang", "lina"],
            "status": ["prospect", "active", "lost"],
        },
    )
    table = [
        (
            r["dimension"],
            r["value"],
            r["customers"],
            r["active"],
            r["prospect"],
            r["lost"],
            r["share"],
        )
        for r in rows
    ]
    assert table == [
        ("grade", "A1", 1, 1, 0, 0, 25.0),
        ("grade", "B1", 2, 1, 0, 1, 50.0),
        ("grade", None, 1, 0, 1, 0, 25.0),
        ("status", "prospect", 1, 0, 1, 0, 25.0),
        ("status", "active", 2, 2, 0, 0, 50.0),
        ("status", "lost", 1, 0, 0, 1, 25.0),
        ("owner", "wang", 1, 1, 0, 0, 25.0),
        ("owner", "lina", 2, 1, 0, 1, 50.0),
        ("owner", None, 1, 0, 1, 0, 25.0),
        # regions have no configured order: alphabetical (华东 U+534E before 华南 U+5357)
        ("region", "华东", 2, 2, 0, 0, 50.0),
        ("region", "华南", 1, 0, 1, 0, 25.0),
        ("region", None, 1, 0, 0, 1, 25.0),
        ("total", None, 4, 2, 1, 1, 100.0),
    ]


def test_an_empty_archive_has_only_a_zero_total():
    assert customer_base([], {}) == [
        {
            "dimension": "total",
            "value": None,
            "customers": 0,
            "active": 0,
            "prospect": 0,
            "lost": 0,
            "share": 0.0,
        }
    ]
