"""A receivable is named by what people know it by: its id, a start of it, or its invoice or
statement number."""

from __future__ import annotations

NOW = "2026-11-10T10:00:00+08:00"


def test_pay_and_write_off_name_the_invoice_number(demo):
    made = demo.ok(
        "receivable", "add", "华丰", "FP-77", "500", "--due", "2026-11-30", user="wang", now=NOW
    )
    demo.ok("receivable", "pay", "fp-77", "200", user="wang", now=NOW)
    shown = demo.json("receivable", "show", "FP-77", user="wang", now=NOW)
    assert shown["id"] == made.strip() and shown["paid"] == "200.00"
    missing = demo("receivable", "pay", "FP-78", "1", user="wang", now=NOW)
    assert missing.exit_code == 1 and "invoice or statement number" in missing.stderr


def test_an_invoice_number_two_customers_share_lists_both(demo):
    first = demo.ok(
        "receivable", "add", "华丰", "FP-88", "500", "--due", "2026-11-30", user="wang", now=NOW
    )
    second = demo.ok(
        "receivable",
        "add",
        "C1KZ36MG6",
        "FP-88",
        "700",
        "--due",
        "2026-11-30",
        user="wang",
        now=NOW,
    )
    result = demo("receivable", "pay", "FP-88", "1", user="wang", now=NOW)
    assert result.exit_code == 1 and "ambiguous" in result.stderr
    assert first.strip() in result.stderr and second.strip() in result.stderr
