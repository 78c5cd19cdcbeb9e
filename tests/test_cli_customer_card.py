"""`customer show` on a terminal: the customer on one screen (actions/card.py, cli/card.py)."""

from __future__ import annotations

import json

import pytest

from crmctl.actions.card import history_summary
from tests.conftest import NOW, run_crmctl
from tests.terminals import ANSI, on_terminal, widest

ZHONGSHAN = "C1KEGS1K508SR2E4"  # A1, 8 visits, an open complaint, over its credit limit


@pytest.fixture
def env(demo):
    return {"CRMCTL_ROOT": str(demo.root), "CRMCTL_NOW": NOW, "CRMCTL_USER": "liuyang"}


def test_the_card_fits_80_columns_and_one_screen_in_both_languages(env):
    for lang in ("en", "zh"):
        shown = ANSI.sub("", on_terminal("--lang", lang, "customer", "show", ZHONGSHAN, env=env))
        assert widest(shown) <= 80 and len(shown.splitlines()) <= 40
    lines = shown.splitlines()
    assert lines[0].startswith("中山古镇灯饰商行  CR2E4")
    assert "A一级 大客户 · 每 7d 联系一次" in shown and "王建国 (wang)" in shown
    assert (
        "最近联系: 3 次 (共 8 次)" in shown
        and "… 另有 5 条: crmctl visit list --customer CR2E4" in shown
    )
    assert "未结投诉: 1" in shown and "TAVA1" in shown  # the open complaint, its short id
    # the rule by its Chinese name (催收), as every zh table shows it
    assert "到期事项: 3" in shown and "催收  " in shown and "receivable_chase" not in shown
    assert "50000.00" in shown  # over the credit limit
    assert "2 条记录; 2026-01-09 由 lina 创建" in shown


def test_the_short_references_of_the_card_are_taken_back(env):
    shown = ANSI.sub("", on_terminal("customer", "show", ZHONGSHAN, env=env))
    command = next(line for line in shown.splitlines() if "crmctl visit list" in line)
    listed = run_crmctl(*command.split("crmctl ", 1)[1].split(), "--format", "ids", env=env)
    assert len(listed.stdout.split()) == 8


def test_piped_json_and_wide_show_every_field_as_before(env):
    piped = run_crmctl("customer", "show", ZHONGSHAN, env=env).stdout
    assert piped.startswith(f"id              {ZHONGSHAN}\n") and "history:" in piped
    wide = on_terminal("customer", "show", ZHONGSHAN, "--wide", columns=80, lines=200, env=env)
    assert wide == piped
    as_json = on_terminal("customer", "show", ZHONGSHAN, "-f", "json", lines=200, env=env)
    piped_json = run_crmctl("customer", "show", ZHONGSHAN, "-f", "json", env=env).stdout
    assert json.loads(as_json) == json.loads(piped_json)
    assert {"open_balance", "credit_warning", "history"} <= json.loads(piped_json).keys()


def test_history_in_brief():
    assert history_summary({"history": []}) == {"changes": 0, "first": None, "last": None}
    first, last = {"at": "2026-01-09", "by": "lina"}, {"at": "2026-11-12", "by": "wang"}
    assert history_summary({"history": [first]}) == {"changes": 1, "first": first, "last": None}
    summary = history_summary({"history": [first, {}, last]})
    assert summary == {"changes": 3, "first": first, "last": last}
