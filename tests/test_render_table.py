"""Tables for people: `render.rows` draws them with tabulate (tablefmt "simple", or "github" for
markdown, numbers not parsed). Some tables are written out by hand; a property holds every table to
columns that line up on a terminal and to no character a terminal would act on."""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from wcwidth import wcswidth

from crmctl import render
from crmctl.screen import visible

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


def test_a_wide_cell_and_a_line_break_in_plain_sight():
    body = [["扬州瘦西湖园林工程", "first\nsecond"], ["Acme Ltd", "x"]]
    assert table(body, ["customer_name", "reason"], "table", "en") == (
        "customer            reason\n"
        "------------------  --------------\n"
        "扬州瘦西湖园林工程  first ⏎ second\n"
        "Acme Ltd            x\n"
    )


def test_markdown_is_a_github_table_with_html_and_bars_escaped():
    body = [["宁波港务集团", "714"], ["<b>", "a|b"]]
    assert table(body, ["customer_name", "overdue_days"], "markdown", "zh") == (
        "| 客户         | 逾期天数   |\n"
        "|--------------|------------|\n"
        "| 宁波港务集团 | 714        |\n"
        "| &lt;b&gt;    | a\\|b       |\n"
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


@st.composite
def tables(draw):
    columns = draw(st.lists(st.sampled_from(COLUMNS), min_size=1, max_size=5, unique=True))
    values = draw(
        st.lists(
            st.lists(text, min_size=len(columns), max_size=len(columns)), min_size=1, max_size=6
        )
    )
    return values, columns


@settings(max_examples=500, deadline=None)
@given(tables(), st.sampled_from(["en", "zh"]))
def test_a_plain_table_lines_up_on_a_terminal_and_shows_what_it_holds(values_and_columns, lang):
    """Each column starts where its dashes do, in display columns (CJK counts two), every cell
    shows its text as a terminal would, and nothing in the table is a control character."""
    values, columns = values_and_columns
    # a zero-width joiner makes wcswidth measure a cell's neighbours as one sequence
    assume(not any("\u200d" in str(value) for row in values for value in row))
    lines = table(values, columns, "table", lang).splitlines()
    starts = [match.start() for match in re.finditer(r"-+", lines[1])]
    assert len(starts) == len(columns)
    for line, row in zip(lines[2:], values, strict=True):
        assert not any(unicodedata.category(char) == "Cc" for char in line)
        for index, value in enumerate(row):
            shown = visible(render.cell(value, lang).replace("\t", " ")).strip()
            end = starts[index + 1] if index + 1 < len(starts) else None
            assert _by_columns(line, starts[index], end).strip() == shown


def _by_columns(line: str, start: int, end: int | None) -> str:
    """The part of `line` between two display columns."""
    return "".join(
        char
        for index, char in enumerate(line)
        if start <= wcswidth(line[:index]) and (end is None or wcswidth(line[:index]) < end)
    )
