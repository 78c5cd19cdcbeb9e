"""Proposals carry ids: archives written before them keep reading, are upgraded by the next write
without a history entry, and an approval of a proposal its approver never saw is a problem."""

from __future__ import annotations

from crmctl.archive import canonical, yamlio
from crmctl.rules import proposals
from crmctl.rules.complaint_lifecycle import state_problems
from crmctl.rules.history import history_problems
from tests.gitrepos import git, init_archive, record_path

LATER = "2026-11-23T11:00:00+08:00"
LEGACY_STEPS = ("2026-11-23T10:10:00+08:00", "2026-11-23T10:20:00+08:00")  # after the log
RECEIVED = {
    "customer": "C1",
    "summary": "地板起鼓",
    "status": "investigating",
    "judgement": {"valid": True, "reason": "质量问题", "department": "production"},
    "investigation": {"root_cause": "胶水", "responsible": "production"},
    "history": [{"at": "2026-11-01T09:00:00+08:00", "by": "lina", "action": "receive"}],
}


def entry(at: str, by: str, action: str, **changes) -> dict:
    return {"at": at, "by": by, "action": action, "changes": changes}


def legacy() -> dict:
    """A complaint as crmctl wrote it before proposal ids: texts, and the approval's number."""
    return {
        **RECEIVED,
        "status": "approved",
        "proposals": ["免费返工", "折价10%"],
        "approved_proposal": 2,
        "history": [
            *RECEIVED["history"],
            entry(
                "2026-11-02T09:00:00+08:00",
                "lina",
                "propose",
                proposals={"to": ["免费返工", "折价10%"]},
            ),
            entry(
                "2026-11-02T10:00:00+08:00",
                "wang",
                "approve",
                approved_proposal={"to": 2, "item": "折价10%"},
            ),
        ],
    }


def test_the_form_before_ids_is_upgraded_by_position_and_replays_equal():
    upgraded = proposals.upgraded(legacy())
    assert upgraded["proposals"] == [
        {"id": "S1", "text": "免费返工"},
        {"id": "S2", "text": "折价10%"},
    ]
    assert upgraded["approved_proposal"] == "S2"
    assert history_problems(legacy(), {"lina", "wang"}) == []
    assert history_problems(upgraded, {"lina", "wang"}) == []
    assert state_problems(upgraded) == []


def test_an_approval_made_before_its_proposal_was_proposed_is_a_problem():
    made = {"id": "S1M830CDE0C3WDSM", "text": "免费返工"}
    complaint = {
        **RECEIVED,
        "status": "approved",
        "proposals": [made],
        "approved_proposal": made["id"],
        "history": [
            *RECEIVED["history"],
            entry(
                "2026-11-02T09:00:00+08:00", "wang", "approve", approved_proposal={"to": made["id"]}
            ),
            entry("2026-11-02T10:00:00+08:00", "lina", "propose", proposals={"to": [made]}),
        ],
    }
    assert state_problems(complaint) == [
        (
            ("approved_proposal",),
            f"{made['id']} was approved (history[1]) before it was proposed (history[2]): the "
            "approver never saw it",
        )
    ]
    gone = {**complaint, "approved_proposal": "S1M830CDE0C3WDSX"}
    assert (("approved_proposal",), "no proposal S1M830CDE0C3WDSX among the proposals") in (
        state_problems(gone)
    )


def test_an_archive_from_before_ids_reads_and_the_next_write_upgrades_it(tmp_path, git_home):
    crm = init_archive(tmp_path / "crm")
    customer = crm.ok("--commit", "customer", "add", "张三").strip()
    complaint = crm.ok(
        "--commit", "complaint", "log", customer, "--summary", "地板起鼓", user="liuyang"
    ).strip()
    path = record_path(crm, complaint)
    record = yamlio.loads(path.read_bytes())
    old = legacy()
    record.update({key: old[key] for key in ("status", "judgement", "investigation")})
    record.update({key: old[key] for key in ("proposals", "approved_proposal")})
    record["history"] += [
        {**step, "at": at, "by": "liuyang" if step["action"] != "approve" else "wang"}
        for step, at in zip(old["history"][1:], LEGACY_STEPS, strict=True)
    ]
    record["updated"] = LEGACY_STEPS[-1]
    path.write_bytes(canonical.to_bytes("complaint", record))
    git(crm.root, "commit", "-qam", "a complaint as an older crmctl wrote it")

    before = crm("check")
    assert before.exit_code == 0, before.stdout
    shown = crm.ok("complaint", "show", complaint)
    assert "proposal 2 (S2)" in shown and "折价10%" in shown
    crm.ok("--commit", "complaint", "hold", complaint, "--reason", "等", user="liuyang", now=LATER)

    written = yamlio.loads(path.read_bytes())
    assert written["proposals"][1] == {"id": "S2", "text": "折价10%"}
    assert written["approved_proposal"] == "S2"
    assert set(written["history"][-1]["changes"]) == {"hold_reason"}  # the form is no change
    checked = crm("check")
    assert checked.exit_code == 0, checked.stdout
    audited = crm("audit", "HEAD~1..HEAD")  # the write that upgraded it
    assert audited.exit_code == 0, audited.stdout
    crm.ok("--commit", "complaint", "resume", complaint, user="liuyang", now=LATER)
    approved = crm.ok("complaint", "show", complaint, "--format", "json")
    assert '"approved_proposal": "S2"' in approved
