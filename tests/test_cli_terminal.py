"""Terminal injection: nothing crmctl prints carries a character a terminal would act on."""

from __future__ import annotations

import json

import pytest

from crmctl.screen import UNSEEN, json_visible, visible

OSC52 = "\x1b]52;c;ZXZpbA==\x07"  # writes "evil" to the clipboard of a terminal that obeys it


def test_control_characters_are_shown_not_sent():
    assert visible(f"华丰{OSC52}\u202e客户\t1\n") == "华丰␛]52;c;ZXZpbA==␇<U+202E>客户\t1\n"
    data = {"name": "a\x9b31m\u202eb\x7f", "n": 1}
    text = json_visible(json.dumps(data, ensure_ascii=False))
    assert not UNSEEN.search(text) and json.loads(text) == data


@pytest.mark.parametrize(
    "args",
    [
        ["customer", "show", f"x{OSC52}"],
        ["history", f"C{OSC52}"],
        ["customer", "list", f"x{OSC52}"],
        ["complaint", "show", f"T{OSC52}"],
        ["due", "--owner", f"x{OSC52}"],
        ["report", "ledger", "--month", f"2026-1{OSC52}"],
        ["customer", "add", f"x{OSC52}"],
    ],
)
def test_what_a_user_typed_is_echoed_with_its_control_characters_visible(demo, args):
    for fmt in ("table", "json"):
        result = demo(*args, fmt=fmt)
        assert not UNSEEN.search(result.stdout + result.stderr), (args, result.stderr)


def test_markdown_shows_html_in_names_instead_of_running_it(crm):
    customer = crm.ok("customer", "add", "<img src=x onerror=alert(1)>|华丰").strip()
    crm.ok("complaint", "log", customer, "--summary", "地板起鼓", user="liuyang")
    ledger = crm.ok("report", "ledger", "--month", "2026-11", "--format", "markdown")
    assert "&lt;img src=x onerror=alert(1)&gt;\\|华丰" in ledger and "<img" not in ledger
