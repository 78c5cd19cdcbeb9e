"""Marking a staff member inactive in crmctl.yaml: one targeted edit, comments kept, checked by
re-parsing."""

import difflib
from importlib import resources

import pytest

from crmctl.archive import yamlio
from crmctl.errors import CrmError
from crmctl.store.team_file import with_staff_inactive

TEMPLATE = resources.files("crmctl.templates").joinpath("crmctl.yaml").read_bytes()


def changed_lines(before: bytes, after: bytes) -> list[str]:
    diff = difflib.ndiff(before.decode().splitlines(), after.decode().splitlines())
    return [line for line in diff if line[:1] in "+-"]


def test_an_existing_active_flag_is_flipped_and_nothing_else_changes():
    after = with_staff_inactive(TEMPLATE, "liuyang")
    assert changed_lines(TEMPLATE, after) == ["-   active: true", "+   active: false"]
    assert b"# crmctl configuration" in after
    assert [m for m in yamlio.loads(after)["team"] if m["id"] == "liuyang"][0]["active"] is False


def test_a_missing_flag_is_added_in_block_and_flow_entries():
    data = (
        b"team:  # people\n- {id: a, name: A, role: manager}\n"
        b"- id: b\n  name: B  # new\n  role: specialist\n"
    )
    assert with_staff_inactive(data, "a") == data.replace(b"manager}", b"manager, active: false}")
    assert with_staff_inactive(data, "b") == data + b"  active: false\n"


def test_an_unknown_member_is_refused():
    with pytest.raises(CrmError, match="no team member 'nobody'"):
        with_staff_inactive(TEMPLATE, "nobody")
