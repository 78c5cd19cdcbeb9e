"""JSON lists for scripts: valid JSON, one element a line, written out whole however long."""

from __future__ import annotations

import json

import pytest

from crmctl import render
from crmctl.cli import common


@pytest.mark.parametrize("count", [0, 1, 2, 5])
def test_a_json_list_is_one_element_a_line(count):
    records = [{"id": f"C{n}", "name": f"客户{n}", "tags": ["a", "b"]} for n in range(count)]
    text = render.rows(records, ["id"], "json")
    assert json.loads(text) == records
    lines = text.splitlines()
    assert lines == (
        ["[]"]
        if not count
        else [
            "[",
            *(json.dumps(r, ensure_ascii=False) + "," for r in records[:-1]),
            json.dumps(records[-1], ensure_ascii=False),
            "]",
        ]
    )


def test_long_output_is_written_a_slice_at_a_time_and_whole(demo, monkeypatch):
    commands = [("customer", "list", "--format", "json"), ("--lang", "zh", "customer", "list")]
    whole = [demo.ok(*command) for command in commands]
    monkeypatch.setattr(common, "OUT_SLICE", 7)  # slices end inside Chinese text and JSON strings
    assert [demo.ok(*command) for command in commands] == whole


def test_sliced_output_is_the_whole_output_and_holds_no_control_character(crm, monkeypatch):
    """Output is written a slice at a time, each ending at a line's end; no record holds an ANSI
    code for a slice to cut in two (they are refused on input)."""
    assert crm("customer", "add", "\x1b[31m红色\x1b[0m客户").exit_code == 1
    crm.ok("customer", "add", "红色客户", "--grade", "B1")
    whole = crm.ok("customer", "list")
    assert "红色客户" in whole and "\x1b" not in whole
    for size in range(1, 40):
        monkeypatch.setattr(common, "OUT_SLICE", size)
        assert crm.ok("customer", "list") == whole, size


def _strict(text: str):
    def refuse(constant):
        raise AssertionError(f"{constant} is not JSON")

    return json.loads(text, parse_constant=refuse)


@pytest.mark.parametrize("value", [float("inf"), float("-inf"), float("nan")])
def test_json_output_is_always_json_even_for_a_non_finite_number(value):
    one = {"id": "C1", "share": value, "nested": [{"rate": value}]}
    assert _strict(render.one(one, "json", "en")) == {
        "id": "C1",
        "share": None,
        "nested": [{"rate": None}],
    }
    assert _strict(render._json([one, {"id": "C2", "share": 0.5}]))[1]["share"] == 0.5
