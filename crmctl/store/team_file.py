"""Marking a staff member inactive in `crmctl.yaml` with a targeted edit that keeps the file's
comments.

Only the value of that member's `active` key changes (or one `active: false` line is added); the
result is parsed again and must equal the old settings with just that flag changed, otherwise
nothing is written and the person is asked to edit the file by hand.
"""

from __future__ import annotations

import copy
from pathlib import Path

import yaml

from ..archive import yamlio
from ..archive.root import CONFIG_NAME
from ..errors import CrmError


def _member_node(text: str, staff_id: str):
    document = yaml.compose(text, Loader=yamlio._Loader)
    fields = document.value if document is not None else []
    team = next((value for key, value in fields if key.value == "team"), None)
    for member in team.value if isinstance(team, yaml.SequenceNode) else ():
        if any(key.value == "id" and value.value == staff_id for key, value in member.value):
            return member
    raise CrmError(f"no team member '{staff_id}' in crmctl.yaml")


def _edited(text: str, staff_id: str) -> str:
    member = _member_node(text, staff_id)
    active = next((value for key, value in member.value if key.value == "active"), None)
    if active is not None:
        return text[: active.start_mark.index] + "false" + text[active.end_mark.index :]
    if member.flow_style:  # - {id: x, name: …}: add the key before the closing brace
        close = text.rindex("}", 0, member.end_mark.index)
        return text[:close] + ", active: false" + text[close:]
    last_value = member.value[-1][1]
    line_end = text.find("\n", last_value.end_mark.index - 1)
    line_end = len(text) if line_end == -1 else line_end
    indent = " " * member.value[0][0].start_mark.column
    return text[:line_end] + f"\n{indent}active: false" + text[line_end:]


def with_staff_inactive(data: bytes, staff_id: str) -> bytes:
    """The bytes of `crmctl.yaml` with `active: false` for one team member, all else as it was."""
    text = yamlio.decode(data)
    before = yamlio.loads(data)
    try:
        after_text = _edited(text, staff_id)
        after = yamlio.loads(after_text.encode("utf-8"))
    except (yaml.YAMLError, yamlio.YamlError, ValueError):
        after = None
    expected = copy.deepcopy(before)
    for member in expected["team"]:
        if member["id"] == staff_id:
            member["active"] = False
    if after != expected:
        raise CrmError(
            f"could not mark '{staff_id}' inactive in crmctl.yaml safely; set 'active: false' for "
            f"them "
            "by hand, then run the command again"
        )
    return after_text.encode("utf-8")


def stage_staff_inactive(tx, root: Path, staff_id: str) -> None:
    """Stage the edited crmctl.yaml in a record transaction, so it commits (or not) with the
    records."""
    path = root / CONFIG_NAME
    tx.put_file(path, with_staff_inactive(path.read_bytes(), staff_id))
