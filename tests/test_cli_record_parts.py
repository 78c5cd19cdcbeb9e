"""How the parts of a record read in `… show` and history: a receivable's payments, a complaint's
closing, and a complaint's summary named as a complaint's (not a visit's) in Chinese."""

from __future__ import annotations

import re

import pytest

from tests.conftest import NOW
from tests.terminals import ANSI, on_terminal

RECEIVABLE = "R1M4CKT9801777Y1"  # one payment of 30000.00 by wang on 2026-11-25
COMPLAINT = "T1M3JWZQ4091JDPM"  # closed, with a closing summary
ZHONGSHAN = "C1KEGS1K508SR2E4"  # an open complaint

PYTHON_DICT = re.compile(r"\{'\w+': ")


def test_a_payment_is_one_line_of_named_values_in_english(demo):
    shown = demo.ok("receivable", "show", RECEIVABLE)
    assert not PYTHON_DICT.search(shown), shown
    line = next(line for line in shown.splitlines() if line.startswith("payments"))
    assert (
        line.split(None, 1)[1]
        == "id: Y1M886WS8070JSP1, date: 2026-11-25, amount: 30000.00, by: wang"
    )
    assert (
        "payments ∅ → {amount: 30000.00, by: wang, date: 2026-11-25, id: Y1M886WS8070JSP1}" in shown
    )


def test_a_payment_reads_in_chinese_with_the_staff_members_name(demo):
    shown = demo.ok("--lang", "zh", "receivable", "show", RECEIVABLE)
    assert not PYTHON_DICT.search(shown), shown
    assert (
        "收款记录       编号: Y1M886WS8070JSP1, 收款日期: 2026-11-25, 金额: 30000.00, "
        "经办人: 王建国" in shown
    )
    assert "收款记录 ∅ → {金额: 30000.00, 经办人: 王建国, 收款日期: 2026-11-25" in shown
    assert "单据状态" in shown and not re.search(r"^state\b", shown, re.M)


def test_each_of_several_payments_has_its_own_line(demo):
    demo.ok("receivable", "pay", RECEIVABLE, "1000", user="wang", now="2026-12-01T10:00:00+08:00")
    shown = demo.ok("receivable", "show", RECEIVABLE).splitlines()
    at = next(n for n, line in enumerate(shown) if line.startswith("payments"))
    assert "amount: 30000.00" in shown[at] and "amount: 1000.00" in shown[at + 1]
    assert shown[at + 1].startswith(" " * len("payments")) and "by: wang" in shown[at + 1]


def test_a_complaints_closing_summary_is_not_called_visit_content_in_chinese(demo):
    shown = demo.ok("--lang", "zh", "complaint", "show", COMPLAINT)
    assert "回访内容" not in shown
    assert re.search(r"^结案总结 +发货混批导致色差", shown, re.M)
    assert "结案 ∅ → {改进对策: 出库增加批次核对, 同一订单只发同一批次, 结案总结: 发货混批" in shown
    english = demo.ok("complaint", "show", COMPLAINT)
    assert "closing ∅ → {improvement: 出库增加批次核对, 同一订单只发同一批次, summary: " in english


@pytest.mark.parametrize("lang, heading", [("zh", "投诉内容"), ("en", "summary")])
def test_the_cards_open_complaints_are_headed_as_complaints(demo, lang, heading):
    env = {"CRMCTL_ROOT": str(demo.root), "CRMCTL_NOW": NOW, "CRMCTL_USER": "liuyang"}
    shown = ANSI.sub("", on_terminal("--lang", lang, "customer", "show", ZHONGSHAN, env=env))
    lines = shown.splitlines()
    at = next(n for n, line in enumerate(lines) if line.startswith(("未结投诉", "Open complaints")))
    assert lines[at + 1].rstrip().endswith(heading) and "回访内容" not in lines[at + 1]
