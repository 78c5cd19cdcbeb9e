"""The three-way record merge behind the git merge driver, as pure functions."""

from __future__ import annotations

from crmctl.archive import canonical, conflict_markers
from crmctl.rules.consistency import merged_record_problems
from crmctl.store.merge import (
    IMPOSSIBLE,
    LINES,
    merge_file,
    merge_records,
    merge_whole,
    merged_bytes,
)

BASE = {
    "name": "张三",
    "grade": "B1",
    "owner": "liuyang",
    "status": "active",
    "tags": ["会员", "经销商"],
    "created": "2026-11-01T09:00:00+08:00",
    "updated": "2026-11-01T09:00:00+08:00",
    "history": [{"at": "2026-11-01T09:00:00+08:00", "by": "lina", "action": "create"}],
}


def changed(at: str, by: str, **fields) -> dict:
    entry = {
        "at": at,
        "by": by,
        "action": "edit",
        "changes": {key: {"from": BASE.get(key), "to": value} for key, value in fields.items()},
    }
    return {**BASE, **fields, "updated": at, "history": [*BASE["history"], entry]}


def test_different_fields_merge_and_history_keeps_both_entries_in_time_order():
    # theirs changed at 10:00, ours at 11:00: theirs' entry comes first although ours is listed
    # first.
    ours = changed("2026-11-02T11:00:00+08:00", "lina", grade="A2")
    theirs = changed("2026-11-02T10:00:00+08:00", "wang", region="杭州")
    merged = merge_records(BASE, ours, theirs)
    assert merged.conflicts == []
    record = merged.ours
    assert (record["grade"], record["region"], record["owner"]) == ("A2", "杭州", "liuyang")
    assert record["updated"] == "2026-11-02T11:00:00+08:00"
    assert [(e["by"], e["at"][11:16]) for e in record["history"]] == [
        ("lina", "09:00"),
        ("wang", "10:00"),
        ("lina", "11:00"),
    ]


def test_updated_takes_the_later_instant_across_offsets():
    # 03:00Z is 11:00+08:00, later than 10:30+08:00.
    ours = {**BASE, "updated": "2026-11-02T03:00:00+00:00"}
    theirs = {**BASE, "updated": "2026-11-02T10:30:00+08:00"}
    assert merge_records(BASE, ours, theirs).ours["updated"] == "2026-11-02T03:00:00+00:00"


def test_lists_merge_as_sets_keeping_additions_and_removals_of_both_sides():
    ours = {**BASE, "tags": ["会员", "经销商", "优质"]}  # adds 优质
    theirs = {**BASE, "tags": ["会员", "重点"]}  # drops 经销商, adds 重点
    assert merge_records(BASE, ours, theirs).ours["tags"] == ["会员", "优质", "重点"]


def test_identical_history_entries_are_kept_once():
    both = changed("2026-11-02T10:00:00+08:00", "lina", grade="A2")
    assert merge_records(BASE, both, dict(both)).ours["history"] == both["history"]


def test_same_field_changed_differently_is_a_conflict_that_keeps_both_values():
    ours = changed("2026-11-02T10:00:00+08:00", "lina", grade="A2", region="杭州")
    theirs = changed("2026-11-02T11:00:00+08:00", "wang", grade="A1")
    merged = merge_records(BASE, ours, theirs)
    assert merged.conflicts == ["grade"]
    data = merged_bytes("customer", merged)
    assert b"<<<<<<< ours\ngrade: A2\n=======\ngrade: A1\n>>>>>>> theirs\n" in data
    assert "region: 杭州\n".encode() in data and data.count(b"action: edit") == 2
    line = data.splitlines().index(b"<<<<<<< ours") + 1
    assert conflict_markers.conflicts(data) == [(line, "grade")]


def test_deleted_on_one_side_and_changed_on_the_other_is_a_conflict():
    ours = {key: value for key, value in BASE.items() if key != "owner"}
    theirs = {**BASE, "owner": "chenjing"}
    merged = merge_records(BASE, ours, theirs)
    assert merged.conflicts == ["owner"]
    assert b"<<<<<<< ours\n=======\nowner: chenjing\n>>>>>>> theirs\n" in merged_bytes(
        "customer", merged
    )


def test_nested_mappings_merge_key_by_key():
    base = {"solution": {"text": "refund", "approved_by": None}}
    ours = {"solution": {"text": "refund", "approved_by": "lina"}}
    theirs = {"solution": {"text": "refund and apologise", "approved_by": None}}
    assert merge_records(base, ours, theirs).ours == {
        "solution": {"text": "refund and apologise", "approved_by": "lina"}
    }


def test_a_clean_merge_is_written_canonically():
    merged = merge_records(BASE, changed("2026-11-02T10:00:00+08:00", "lina", grade="A2"), BASE)
    assert merged_bytes("customer", merged) == canonical.to_bytes("customer", merged.ours)


def test_field_lines_joined_are_the_canonical_file():
    record = changed("2026-11-02T10:00:00+08:00", "lina", grade="A2", notes="多行\n备注")
    assert b"".join(canonical.field_lines("customer", record).values()) == canonical.to_bytes(
        "customer", record
    )


def test_conflicts_found_by_a_line_merge_name_the_field_they_sit_in():
    data = (
        b"name: x\nhistory:\n- at: 1\n<<<<<<< HEAD\n  note: a\n=======\n  note: b\n>>>>>>> other\n"
    )
    assert conflict_markers.conflicts(data) == [(4, "history")]


def test_a_file_that_is_not_a_record_falls_back_to_gits_line_merge(tmp_path):
    base, ours, theirs = (tmp_path / name for name in ("base", "ours", "theirs"))
    base.write_bytes(
        b"name: x\n<<<<<<< HEAD\n"
    )  # unreadable as YAML: a leftover of an earlier merge
    ours.write_bytes(b"name: y\n<<<<<<< HEAD\n")
    theirs.write_bytes(b"name: z\n<<<<<<< HEAD\n")
    assert merge_file(base, ours, theirs, "records/customers/C1M842RV9R1F5RSM.yaml") == [LINES]
    text = ours.read_text(encoding="utf-8")
    assert "name: y" in text and "name: z" in text


def test_items_with_ids_merge_by_identity_an_edited_item_is_not_duplicated():
    paid = {"id": "Y1M5BGJX805GC0GQ", "date": "2026-10-20", "amount": "500.00", "by": "lina"}
    base = {"payments": [paid]}
    ours = {"payments": [{**paid, "note": "银行回单 0042"}]}  # a note added by hand
    theirs = {"payments": [paid, {**paid, "id": "Y1M7VAX680E78D0Z", "date": "2026-11-02"}]}

    merged = merge_records(base, ours, theirs)

    assert merged.conflicts == []
    assert merged.ours["payments"] == [
        {**paid, "note": "银行回单 0042"},
        {**paid, "id": "Y1M7VAX680E78D0Z", "date": "2026-11-02"},
    ]


def test_an_item_with_an_id_changed_differently_on_both_sides_is_a_conflict():
    paid = {"id": "Y1M5BGJX805GC0GQ", "date": "2026-10-20", "amount": "500.00", "by": "lina"}
    merged = merge_records(
        {"payments": [paid]},
        {"payments": [{**paid, "amount": "50.00"}]},
        {"payments": [{**paid, "amount": "5000.00"}]},
    )
    assert merged.conflicts == ["payments"]


PROPOSED = {
    "customer": "C1",
    "summary": "地板起鼓",
    "status": "proposed",
    "judgement": {"valid": True, "reason": "质量问题", "department": "production"},
    "investigation": {"root_cause": "胶水", "responsible": "production"},
    "proposals": ["免费返工"],
    "history": [{"at": "2026-11-01T09:00:00+08:00", "by": "lina", "action": "receive"}],
}


def stepped(base: dict, at: str, by: str, action: str, **fields) -> dict:
    changes = {key: {"from": base.get(key), "to": value} for key, value in fields.items()}
    changes = {
        key: {k: v for k, v in change.items() if v is not None} for key, change in changes.items()
    }
    entry = {"at": at, "by": by, "action": action, "changes": changes}
    return {**base, **fields, "history": [*base["history"], entry]}


def test_an_approval_keeps_pointing_at_the_proposal_its_approver_saw():
    ours = stepped(
        PROPOSED, "2026-11-02T10:00:00+08:00", "lina", "propose", proposals=["免费返工", "折价10%"]
    )
    theirs = stepped(
        PROPOSED, "2026-11-02T09:00:00+08:00", "wang", "propose", proposals=["免费返工", "上门更换"]
    )
    theirs = stepped(
        theirs,
        "2026-11-02T09:30:00+08:00",
        "wang",
        "approve",
        approved_proposal=2,
        status="approved",
    )

    merged = merge_whole(PROPOSED, ours, theirs)

    assert merged.conflicts == []
    record = merged.ours
    assert record["proposals"] == ["免费返工", "折价10%", "上门更换"]
    assert record["proposals"][record["approved_proposal"] - 1] == "上门更换"
    assert merged_record_problems("complaint", record) == []


def test_two_approvals_of_different_proposals_conflict_by_position_in_the_merged_list():
    ours = stepped(
        PROPOSED, "2026-11-02T10:00:00+08:00", "lina", "propose", proposals=["免费返工", "折价10%"]
    )
    ours = stepped(
        ours, "2026-11-02T10:10:00+08:00", "lina", "approve", approved_proposal=2, status="approved"
    )
    theirs = stepped(
        PROPOSED,
        "2026-11-02T09:00:00+08:00",
        "wang",
        "approve",
        approved_proposal=1,
        status="approved",
    )

    merged = merge_whole(PROPOSED, ours, theirs)

    assert merged.conflicts == ["approved_proposal"]
    assert (merged.ours["approved_proposal"], merged.theirs["approved_proposal"]) == (2, 1)


def test_a_merge_the_lifecycle_forbids_is_a_conflict_naming_both_steps(tmp_path):
    received = {**PROPOSED, "status": "received"}
    for part in ("proposals", "judgement", "investigation"):
        del received[part]
    judgement = {"valid": False, "reason": "非质量问题"}
    ours = stepped(
        received, "2026-11-02T10:00:00+08:00", "lina", "judge", judgement=judgement, status="judged"
    )
    theirs = stepped(
        received, "2026-11-02T11:00:00+08:00", "wang", "hold", hold_reason="等客户回复"
    )
    files = []
    for name, side in (("base", received), ("ours", ours), ("theirs", theirs)):
        files.append(tmp_path / name)
        files[-1].write_bytes(canonical.to_bytes("complaint", side))

    conflicts = merge_file(
        *files, "records/complaints/T1M842RV9R1F5RSM.yaml", judge=merged_record_problems
    )

    assert len(conflicts) == 1 and conflicts[0].startswith(IMPOSSIBLE)
    assert "judge by lina at 2026-11-02T10:00:00+08:00 (ours) and hold by wang at " in conflicts[0]
    assert "invalid complaint (不成立) cannot be on hold" in conflicts[0]
    text = files[1].read_text(encoding="utf-8")
    assert "<<<<<<< ours\nstatus: judged\n=======\nstatus: received\n>>>>>>> theirs\n" in text
    assert text.count("action: judge") == text.count("action: hold") == 1  # both entries, once
