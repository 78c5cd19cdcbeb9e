"""回款, 欠费率 and 托收率 have one definition: the quarter's and the year's figures are the months'
(the same receivables counted the same way), beside the other 002 rates."""

from __future__ import annotations

from decimal import Decimal

NOW = "2027-01-05T12:00:00+08:00"


def figures(crm, *args) -> dict[str, object]:
    report = crm.json("report", *args, "--section", "collection", user="wang", now=NOW)
    return {row["figure"]: row["amount"] for row in report["sections"]["collection"]}


def test_a_quarter_collects_and_bills_what_its_months_do(demo):
    quarter = figures(demo, "quarterly", "--quarter", "2026-Q4")
    months = [
        figures(demo, "monthly", "--month", month) for month in ("2026-10", "2026-11", "2026-12")
    ]
    for name in ("collected", "billed_due", "collected_on_time"):
        assert Decimal(quarter[name]) == sum(Decimal(month.get(name, "0")) for month in months)
    assert Decimal(quarter["billed_due"]) > 0
    billed, unpaid = Decimal(quarter["billed_due"]), Decimal(quarter["overdue_balance"])
    assert quarter["overdue_rate"] == round(float(100 * unpaid / billed), 2)
    year = figures(demo, "yearly", "--year", "2026")
    assert Decimal(year["collected"]) >= Decimal(quarter["collected"])


def test_the_rates_reports_list_collection_beside_the_other_rates(demo):
    sections = demo.json("report", "quarterly", "--quarter", "2026-Q4", now=NOW)["sections"]
    assert list(sections) == ["rates", "satisfaction_by_grade", "collection"]
    said = demo.ok("--lang", "zh", "report", "quarterly", "--help")
    assert "欠费率 overdue    其中截止时未付的部分" in said
