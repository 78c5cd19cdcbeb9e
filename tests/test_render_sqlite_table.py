"""The plain table drawn in SQLite (render.drawn_in_sqlite) is byte for byte the one render.rows
draws of the same values: same widths, padding, order and labels, or no table at all when a cell
would not be shown as it is."""

from __future__ import annotations

import sqlite3

from hypothesis import given, settings
from hypothesis import strategies as st

from crmctl import render, screen

PIECES = [
    "",
    "a",
    "Acme Ltd",
    "714",
    "-3",
    "张三",
    "宁波港务集团",
    "A一级 大客户",
    "ｶﾀｶﾅ",
    "한국어",
    "😀",
    "👩\u200d💻",
    "e\u0301",
    "\u200b",
    "it's",
    "'",
    "%s",
    "%-!*s",
    "⏎",
    " leading",
    "trailing ",
    "a\nb",
    "\t",
    "\x1b[31m",
    "\u3000x",
]
text = st.one_of(
    st.none(),
    st.sampled_from(PIECES),
    st.lists(st.sampled_from(PIECES), min_size=2, max_size=3).map("".join),
    st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=8),
)
COLUMNS = ["due", "customer_name", "owner", "reason"]


def in_sqlite(
    rows: list[list], lang: str, shown_otherwise: dict[str, dict[str, str]]
) -> list[str] | None:
    db = sqlite3.connect(":memory:")
    db.execute(f"CREATE TABLE t (seq, shown, {', '.join(f'{c}, {c}_x' for c in COLUMNS)})")
    for seq, row in enumerate(rows):
        shown = all(value is None or screen.shown_as_is(value) for value in row)
        extras = [screen.extra_width(value) if shown and value else 0 for value in row]
        db.execute(
            f"INSERT INTO t VALUES ({', '.join('?' * (2 + 2 * len(COLUMNS)))})",
            [seq, shown, *(v for pair in zip(row, extras, strict=False) for v in pair)],
        )
    cells = [
        render.relabelled_in_sqlite(column, f"{column}_x", shown_otherwise.get(column, {}))
        for column in COLUMNS
    ]
    if None in cells:
        return None
    # Two arms, the even and the odd rows, as the kept and the computed rows of `due` are.
    arms = [("SELECT * FROM t WHERE seq % 2 = ?", [parity]) for parity in (0, 1)]
    return render.drawn_in_sqlite(
        db.execute,
        arms,
        cells,
        [render.label(column, lang) for column in COLUMNS],
        "seq",
    )


def in_python(rows: list[list], lang: str, shown_otherwise: dict[str, dict[str, str]]) -> str:
    def relabel(field, value):
        return shown_otherwise.get(field, {}).get(value, value)

    return render.rows(
        [dict(zip(COLUMNS, row, strict=False)) for row in rows], COLUMNS, "table", lang, relabel
    )


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.lists(text, min_size=len(COLUMNS), max_size=len(COLUMNS)), max_size=6),
    st.sampled_from(["en", "zh"]),
    st.dictionaries(
        st.sampled_from(["owner", "customer_name"]),
        st.dictionaries(st.sampled_from(PIECES), st.sampled_from(PIECES), max_size=3),
        max_size=2,
    ),
)
def test_a_table_drawn_in_sqlite_is_the_one_drawn_in_python(rows, lang, shown_otherwise):
    drawn = in_sqlite(rows, lang, shown_otherwise)
    labels = [label for labels in shown_otherwise.values() for label in labels.values()]
    if (
        drawn is None
    ):  # only when some cell, or some label a cell may show, would not be shown as it is
        assert any(
            value is not None and not screen.shown_as_is(value)
            for value in [*sum(rows, []), *labels]
        )
    else:
        assert "".join(drawn) == in_python(rows, lang, shown_otherwise)


def test_cells_shown_as_they_are_are_drawn_in_sqlite_and_others_are_not():
    rows = [
        ["2026-11-17", "宁波港务集团", "wang", "A1 大客户: every 7d"],
        ["2026-11-23", "王女士", None, "it's %s"],
    ]
    assert "".join(in_sqlite(rows, "zh", {"owner": {"wang": "王经理"}})) == in_python(
        rows, "zh", {"owner": {"wang": "王经理"}}
    )
    assert in_sqlite(rows + [["2026-11-24", "两行\n名字", "wang", ""]], "en", {}) is None
    assert in_sqlite(rows, "en", {"owner": {"wang": " padded"}}) is None
    assert in_sqlite([], "en", {}) == [] and in_python([], "en", {}) == ""
