"""Fitting a table to a terminal's width (crmctl/fitting.py), as pure text work."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from crmctl.fitting import (
    GAP,
    fitted,
    folded,
    painted,
    short_timestamp,
    shorten,
    tone,
)
from crmctl.screen import text_width


def drawn_width(table) -> int:
    """The widest line a plain table of these columns takes (tabulate's simple format)."""
    sizes = [
        max(text_width(header) + 2, *(text_width(text) for text in column))
        for header, column in zip(table.headers, table.texts, strict=True)
    ]
    return sum(sizes) + GAP * (len(sizes) - 1)


def test_shorten_counts_chinese_characters_as_two_columns():
    assert shorten("杭州华丰建材有限公司", 9) == "杭州华丰…"
    assert text_width(shorten("杭州华丰建材有限公司", 9)) == 9
    assert shorten("杭州华丰建材有限公司", 20) == "杭州华丰建材有限公司"
    assert shorten("first contact within 7d", 10) == "first con…"
    assert shorten("a  b c", 4) == "a…"  # no space left before the ellipsis


def test_timestamps_lose_seconds_and_offset_and_other_text_stays():
    assert short_timestamp("2026-11-03T10:30:00+08:00") == "2026-11-03 10:30"
    assert short_timestamp("2026-11-03T10:30Z") == "2026-11-03 10:30"
    assert short_timestamp("2026-11-03") == "2026-11-03"
    assert short_timestamp("at 2026-11-03T10:30:00+08:00") == "at 2026-11-03T10:30:00+08:00"


def test_free_text_is_cut_first_then_the_least_useful_columns_go():
    fields = ["due", "rule", "customer_name", "grade", "suggested_time", "reason", "record_id"]
    headers = ["due", "rule", "customer", "grade", "call at", "reason", "id"]
    rows = [
        ["2026-11-17", "new_owner", "东莞利达五金制品厂", "D", "10:30-11:30, 15:00-17:30",
         "liuyang owner since assign by lina on 2026-11-10: first contact within 7d", "C1QNSFN"],
        ["2026-11-19", "cadence", "温州瓯江电器有限公司", "B2", "10:30-11:30, 15:00-17:30",
         "B二级: every 30d; last contact 2026-10-20", "C16X8"],
    ]  # fmt: skip
    texts = [list(column) for column in zip(*rows, strict=True)]
    wide = fitted(fields, headers, texts, 200)
    assert wide.texts == texts and wide.fields == fields  # fits: nothing changes
    table = fitted(fields, headers, texts, 80)
    assert drawn_width(table) <= 80
    assert table.fields == ["due", "rule", "customer_name", "grade", "reason", "record_id"]
    assert table.texts[-1] == ["C1QNSFN", "C16X8"]  # ids are never cut while text can be
    assert table.texts[4][0].endswith("…") and table.texts[4][0].startswith("liuyang owner")
    narrow = fitted(fields, headers, texts, 60)
    assert drawn_width(narrow) <= 60 and "grade" not in narrow.fields


def test_empty_columns_go_and_timestamps_are_shortened():
    table = fitted(
        ["id", "at", "next_followup"],
        ["id", "at", "next"],
        [["V1", "V2"], ["2025-11-25T16:20:00+08:00", "2025-12-01T16:20:00+08:00"], ["", " "]],
        120,
    )
    assert table.fields == ["id", "at"]
    assert table.texts[1] == ["2025-11-25 16:20", "2025-12-01 16:20"]


@given(
    st.lists(
        st.lists(st.text(alphabet="ab 华丰…-", max_size=30), min_size=3, max_size=3),
        min_size=1,
        max_size=5,
    ),
    st.integers(min_value=20, max_value=120),
)
def test_every_fitted_table_is_at_most_as_wide_as_asked(rows, width):
    fields = ["summary", "owner", "id"]
    texts = [list(column) for column in zip(*rows, strict=True)]
    table = fitted(fields, ["summary", "owner", "id"], texts, width)
    if table.fields:
        assert drawn_width(table) <= width


def test_rows_that_need_attention_have_a_tone_and_a_colour():
    assert tone({"overdue_days": 3}) == "late"
    assert tone({"overdue_days": -2, "warning": True}) == "warning"
    assert tone({"overdue_days": 0}) is None
    assert tone({"breaches": ["resolve"], "status": "investigating"}) == "late"
    assert tone({"breaches": ["resolve"], "status": "closed"}) is None
    assert painted("x", "late") == "\x1b[31mx\x1b[0m" and painted("x", None) == "x"


def test_prose_is_folded_at_spaces_and_chinese_between_characters():
    assert folded("Due today or overdue: 6 (6 overdue, 0 today)", 20) == (
        "Due today or\noverdue: 6 (6\noverdue, 0 today)"
    )
    assert (
        folded("今天到期或逾期：共六项，其中逾期六项", 10)
        == "今天到期或\n逾期：共六\n项，其中逾\n期六项"
    )
    assert folded("short", 80) == "short"
    for line in folded("a " + "x" * 30 + " 华丰" * 9, 12).splitlines():
        assert text_width(line) <= 12
