"""Tables for people: the direct simple-format table gives tabulate's bytes exactly."""
from __future__ import annotations

import random

from tabulate import tabulate

from crmctl import render

CELLS = ["", " ", "a", " padded ", "张三", "杭州华丰建材有限公司", "ｗｉｄｅ", "é", "2026-11-23", "C1M0SE81T09WCJQ4",
         "x" * 40, "\u3000全角空格\u3000", "mixed 混合 text", "a\tb", "line\nbreak", "\x1b[31mred\x1b[0m", "\u200bzero"]


def test_tables_equal_tabulate_for_any_text_cells():
    rng = random.Random(3)
    fallbacks = 0
    for _ in range(400):
        columns = rng.randrange(1, 5)
        headers = [rng.choice(["id", "name", "客户", "owner", "due"]) for _ in range(columns)]
        body = [[rng.choice(CELLS) for _ in range(columns)] for _ in range(rng.randrange(1, 6))]
        fast = render._simple_table(body, headers)
        if fast is None:
            fallbacks += 1
            continue
        assert fast == tabulate(body, headers=headers, tablefmt="simple", disable_numparse=True) + "\n", body
    assert 0 < fallbacks < 400  # line breaks and escape codes go to tabulate; the rest is drawn directly


def test_rows_draw_a_table_of_labelled_columns():
    text = render.rows([{"id": "C1", "name": "张三"}, {"id": "C2", "name": "Li"}], ["id", "name"], "table")
    assert text == tabulate([["C1", "张三"], ["C2", "Li"]], headers=[render.label("id", "en"), render.label("name", "en")],
                            tablefmt="simple", disable_numparse=True) + "\n"
