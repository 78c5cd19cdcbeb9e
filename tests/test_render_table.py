"""Tables for people: the plain table of `render.rows` is byte for byte what tabulate draws.

tabulate (tablefmt "simple", numbers not parsed) is the oracle: the tables users and their scripts
have seen so far must not move by a space.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tabulate import tabulate
from wcwidth import wcswidth

from crmctl import render

# Texts that have caught tables out: wide and zero-width characters, white space tabulate strips,
# strings a number parser would right-align, and control characters tabulate reads meaning into.
PIECES = [
    "",
    "714",
    "-3",
    "+1",
    "1,000",
    "3.50",
    "1e3",
    "True",
    "False",
    "None",
    "a",
    "name",
    "客户名称",
    "张三",
    "宁波港务集团",
    "A一级 大客户",
    " ⏎ ",
    "first ⏎ second",
    " leading",
    "trailing ",
    "  ",
    "\u3000",
    "\u00a0",
    "😀",
    "👩\u200d💻",
    "🇨🇳",
    "e\u0301",
    "\u200b",
    "\u200d",
    "ｶﾀｶﾅ",
    "한국어",
    "\x00",
    "\x1b[31mred\x1b[0m",
    "\r",
    "\x01",
    "\t",
    "\x7f",
    "\x85",
]
COLUMNS = [
    "customer_name",
    "owner",
    "overdue_days",
    "grade",
    "reason",
    "ack_hours",
    "first_contact_compliance",
    "qq",
    "x",
    " spaced field ",
]  # a field without a label is its own header, not stripped

text = st.one_of(
    st.sampled_from(PIECES),
    st.lists(st.sampled_from(PIECES), min_size=2, max_size=4).map("".join),
    st.text(st.characters(blacklist_categories=("Cs",)), max_size=12),
)


def table(values, columns, fmt, lang):
    """render.rows of records holding `values` (a list per record) in `columns`."""
    return render.rows(
        [dict(zip(columns, row, strict=False)) for row in values], columns, fmt, lang
    )


def drawn_and_oracle(values, columns, lang):
    """The table render.rows draws, and tabulate's table of the same cells."""
    drawn = table(values, columns, "table", lang)
    body = [[render.cell(value, lang) for value in row] for row in values]
    headers = [render.label(column, lang) for column in columns]
    return drawn, tabulate(body, headers=headers, tablefmt="simple", disable_numparse=True) + "\n"


@st.composite
def tables(draw):
    columns = draw(st.lists(st.sampled_from(COLUMNS), min_size=1, max_size=6, unique=True))
    values = draw(
        st.lists(
            st.lists(text, min_size=len(columns), max_size=len(columns)), min_size=1, max_size=8
        )
    )
    return values, columns


@settings(max_examples=600, deadline=None)
@given(tables(), st.sampled_from(["en", "zh"]))
def test_the_table_is_what_tabulate_draws(values_and_columns, lang):
    drawn, oracle = drawn_and_oracle(*values_and_columns, lang)
    assert drawn == oracle


CASES = {
    "ascii": [
        ["2026-11-05", "18", "followup", "Acme Ltd", "wang"],
        ["2026-11-17", "6", "cadence", "Bo", ""],
    ],
    "chinese": [
        ["2026-11-05", "18", "回访", "扬州瘦西湖园林工程", "陈静"],
        ["2026-11-17", "6", "周期", "王女士", ""],
    ],
    "one row": [["2026-11-05", "714", "-3", "客户名称 Acme", "x"]],
    "numbers stay flush left": [
        ["1", "-3", "714", "1,000.5", "+2"],
        ["1000", "0", "-12", "7", "3"],
    ],
    "an empty column": [["a", "", "b", "", "c"], ["d", "", "e", "", "f"]],
    "all empty": [["", "", "", "", ""]],
    "cells wider than headers": [
        ["a very long text indeed", "宽宽宽宽宽宽宽宽", "x" * 40, "y", "z"]
    ],
}


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("body", CASES.values(), ids=CASES.keys())
def test_named_cases_are_what_tabulate_draws(body, lang):
    drawn, oracle = drawn_and_oracle(
        body, ["due", "overdue_days", "rule", "customer_name", "owner"], lang
    )
    assert drawn == oracle


def test_the_rules_in_plain_sight():
    # A column is as wide as its widest cell and at least its header plus two (the last one too, in
    # the dashes); numbers stay flush left; cells lose surrounding spaces and lines trailing ones.
    body = [["宁波港务集团", "714", ""], [" Bo ", "-3", ""]]
    assert table(body, ["customer_name", "overdue_days", "owner"], "table", "zh") == (
        "客户          逾期天数    负责人\n"
        "------------  ----------  --------\n"
        "宁波港务集团  714\n"
        "Bo            -3\n"
    )


def test_markdown_stays_tabulates_github_table():
    body = [["宁波港务集团", "714"], ["Bo", "-3"]]
    assert (
        table(body, ["customer_name", "overdue_days"], "markdown", "zh")
        == tabulate(body, headers=["客户", "逾期天数"], tablefmt="github", disable_numparse=True)
        + "\n"
    )


@settings(max_examples=1000, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.sampled_from(PIECES),
            st.characters(min_codepoint=0x4DF0, max_codepoint=0xA010),
            st.characters(blacklist_categories=("Cs",)),
        ),
        max_size=8,
    ).map("".join)
)
def test_text_width_is_what_wcswidth_counts(text):
    assert render.text_width(text) == wcswidth(text)


def test_every_han_ideograph_of_the_fast_path_is_two_columns_wide():
    han = "".join(map(chr, range(0x4E00, 0xA000)))
    assert render.text_width(han) == wcswidth(han) == 2 * len(han)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_cells_of_equal_values_of_other_types_stay_apart(lang):
    """Cells are made once per distinct value of a column: True, 1 and 1.0 are equal in Python but
    not as cells (yes / 1), nor are None and "", nor two lists."""
    values = [True, 1, 1.0, 1.5, None, "", "1", False, 0, ["a", "b"], ["c"], True, 1, "1", 0.0]
    drawn = table([[value] for value in values], ["x"], "table", lang)
    assert drawn.splitlines()[2:] == [render.cell(value, lang).rstrip() for value in values]
    assert drawn.splitlines()[2] != drawn.splitlines()[3]


def test_a_table_written_in_pieces_is_the_same_table(monkeypatch):
    monkeypatch.setattr(render, "TABLE_PIECE", 2)
    body = [
        [f"2026-11-{day:02d}", str(day), "回访" if day % 2 else "cadence", f"客户{day}", ""]
        for day in range(1, 8)
    ]
    columns = ["due", "overdue_days", "rule", "customer_name", "owner"]
    pieces = list(
        render.row_pieces(
            [dict(zip(columns, row, strict=False)) for row in body], columns, "table", "zh"
        )
    )
    assert len(pieces) == 5 and all(
        piece.endswith("\n") for piece in pieces
    )  # 2 heading lines + 7 rows, 2 a piece
    assert "".join(pieces) == drawn_and_oracle(body, columns, "zh")[1]
