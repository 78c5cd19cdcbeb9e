"""Correcting mistakes without losing the audit trail: visit edit and void, complaint undo, and
`crmctl edit` in an editor (a script stands in for the person)."""

from __future__ import annotations

import sys

NOW = "2026-11-23T09:30:00+08:00"
LATER = "2026-11-23T11:00:00+08:00"
MUCH_LATER = "2026-11-26T11:00:00+08:00"


def customer(crm):
    return crm.ok(
        "customer", "add", "嘉兴南湖五金", "--owner", "liuyang", "--mobile", "13805711234"
    ).strip()


def visit(crm, cid, *extra):
    return crm.ok(
        "visit", "log", cid, "--channel", "phone", "--reached", "--summary", "确认订单",
        "--next", "+30d", *extra, user="liuyang",
    ).strip()  # fmt: skip


def test_a_visit_corrected_keeps_its_history(crm):
    vid = visit(crm, customer(crm))
    before = crm.json("visit", "show", vid)
    result = crm("visit", "edit", vid, "--channel", "微信", "--next", "下周一", "--note", "记错了",
                 user="liuyang")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip() == vid
    after = crm.json("visit", "show", vid)
    assert (after["channel"], after["next_followup"]) == ("wechat", "2026-11-30")
    assert after["history"][: len(before["history"])] == before["history"]
    assert after["history"][-1]["action"] == "edit" and after["history"][-1]["by"] == "liuyang"
    assert set(after["history"][-1]["changes"]) == {"channel", "next_followup"}
    assert "2026-11-30" in result.stderr


def test_someone_elses_visit_is_corrected_by_them_or_a_supervisor(crm):
    vid = visit(crm, customer(crm))
    before = crm.files()
    refused = crm("visit", "void", vid, "--reason", "x", user="chenjing")
    assert refused.exit_code == 1 and "liuyang or a supervisor" in refused.stderr
    assert crm.files() == before
    assert crm("visit", "edit", vid, "--summary", "改", user="lina").exit_code == 0


def test_a_void_visit_stays_on_file_and_stops_counting(crm):
    cid = customer(crm)
    vid = visit(crm, cid)
    assert [row["rule"] for row in crm.json("due", "--within", "60d", now=NOW)].count(
        "followup"
    ) == 1
    result = crm("visit", "void", vid, "--reason", "记错客户", user="liuyang")
    assert result.exit_code == 0, result.stderr
    record = crm.json("visit", "show", vid)
    assert record["void"] == "记错客户" and record["history"][-1]["action"] == "void"
    assert "followup" not in [row["rule"] for row in crm.json("due", "--within", "60d")]
    again = crm("visit", "void", vid, "--reason", "x", user="liuyang")
    assert again.exit_code == 1 and "already void" in again.stderr


def complaint(crm, cid):
    return crm.ok("complaint", "log", cid, "--summary", "送货晚了", user="liuyang").strip()


def test_a_mistaken_judgement_is_undone_and_can_be_judged_again(crm):
    tid = complaint(crm, customer(crm))
    crm.ok("complaint", "judge", tid, "--invalid", "--reason", "误判", user="liuyang", now=LATER)
    result = crm("complaint", "undo", tid, user="liuyang", now=LATER)
    assert result.exit_code == 0, result.stderr
    record = crm.json("complaint", "show", tid, now=LATER)
    assert record["status"] == "received" and "judgement" not in record
    assert [e["action"] for e in record["history"]] == ["receive", "judge", "undo"]
    assert "judge" in record["allowed"]
    crm.ok("complaint", "judge", tid, "--valid", "--reason", "成立", "--department", "物流部",
           "--reply-by", "+2d", user="liuyang", now=LATER)  # fmt: skip
    assert crm.json("complaint", "show", tid, now=LATER)["status"] == "judged"


def test_undo_is_for_the_author_or_a_supervisor_within_the_window(crm):
    tid = complaint(crm, customer(crm))
    crm.ok("complaint", "judge", tid, "--invalid", "--reason", "误判", user="liuyang", now=LATER)
    late = crm("complaint", "undo", tid, user="liuyang", now=MUCH_LATER)
    assert late.exit_code == 1 and "corrections.undo_within" in late.stderr
    other = crm("complaint", "undo", tid, user="chenjing", now=LATER)
    assert other.exit_code in (1,) and "liuyang or a supervisor" in other.stderr
    assert crm("complaint", "undo", tid, user="lina", now=LATER).exit_code == 0
    nothing = crm("complaint", "undo", tid, user="lina", now=LATER)
    assert nothing.exit_code == 1 and "no step to undo" in nothing.stderr


def editor(tmp_path, *versions):
    """An editor script that, on its n-th run, replaces a field's value as `versions[n]` says
    ((old, new) text), and logs what it was given."""
    script = tmp_path / "editor.py"
    script.write_text(
        "import sys, pathlib\n"
        f"versions = {list(versions)!r}\n"
        f"log = pathlib.Path({str(tmp_path / 'runs')!r})\n"
        "runs = log.read_text().count('@@') if log.exists() else 0\n"
        "path = pathlib.Path(sys.argv[1])\n"
        "text = path.read_text()\n"
        "log.write_text((log.read_text() if log.exists() else '') + text + '@@')\n"
        "old, new = versions[min(runs, len(versions) - 1)]\n"
        "path.write_text(text.replace(old, new))\n"
    )
    return f"{sys.executable} {script}"


def test_edit_in_an_editor_reopens_with_the_problems_then_saves_one_entry(crm, tmp_path):
    cid = customer(crm)
    command = editor(
        tmp_path, ("嘉兴南湖五金", "嘉兴南湖五金\ngrade: Z9"), ("grade: Z9", "grade: B2")
    )
    result = crm("edit", cid, env={"EDITOR": command, "VISUAL": ""}, user="liuyang")
    assert result.exit_code == 0, result.stderr
    runs = (tmp_path / "runs").read_text().split("@@")[:2]
    assert "\nhistory:" not in runs[0] and "# ! " not in runs[0]
    assert "# ! " in runs[1] and "Z9" in runs[1]
    record = crm.json("customer", "show", cid)
    assert record["grade"] == "B2"
    assert record["history"][-1]["action"] == "edit"
    assert list(record["history"][-1]["changes"]) == ["grade"]


def test_edit_left_invalid_writes_nothing(crm, tmp_path):
    cid = customer(crm)
    before = crm.files()
    command = editor(tmp_path, ("嘉兴南湖五金", "嘉兴南湖五金\ngrade: Z9"), ("x", "x"))
    result = crm("edit", cid, env={"EDITOR": command, "VISUAL": ""}, user="liuyang")
    assert result.exit_code == 1 and "left as it was" in result.stderr
    assert crm.files() == before


def test_customer_edit_without_set_opens_the_editor(crm, tmp_path):
    cid = customer(crm)
    command = editor(tmp_path, ("嘉兴南湖五金", "嘉兴南湖五金\ncontact: 王经理"))
    result = crm("customer", "edit", cid, env={"EDITOR": command, "VISUAL": ""}, user="liuyang")
    assert result.exit_code == 0, result.stderr
    assert crm.json("customer", "show", cid)["contact"] == "王经理"


def test_an_editor_that_never_saves_a_valid_record_is_given_up_on(crm, tmp_path):
    cid = customer(crm)
    before = crm.files()
    command = editor(
        tmp_path, ("嘉兴南湖五金", "嘉兴南湖五金\ngrade: Z9")
    )  # one more line each run
    result = crm("edit", cid, env={"EDITOR": command, "VISUAL": ""}, user="liuyang")
    assert result.exit_code == 1 and "left as it was" in result.stderr
    assert crm.files() == before
