"""Helpful defaults and next steps: refusals name who may and the command to ask for, mass changes
ask on a terminal (never without one), every write says in one line what it did."""

from __future__ import annotations

import os
import pty
import subprocess
import sys

import pytest

from tests.conftest import NOW, REPO


def on_terminal(root, *args, answer: str):
    """crmctl with stdin and stderr on a pseudo-terminal, answering a question with `answer`."""
    leader, follower = pty.openpty()
    env = {**os.environ, "PYTHONPATH": str(REPO), "CRMCTL_ROOT": str(root), "CRMCTL_NOW": NOW}
    process = subprocess.Popen(
        [sys.executable, "-m", "crmctl", *args],
        stdin=follower, stdout=subprocess.PIPE, stderr=follower, env=env,
    )  # fmt: skip
    os.close(follower)
    os.write(leader, answer.encode())
    shown = b""
    try:
        while chunk := os.read(leader, 65536):
            shown += chunk
    except OSError:  # the terminal closed with the process
        pass
    out, _ = process.communicate(timeout=60)
    os.close(leader)
    return process.returncode, out.decode(), shown.decode()


def test_assign_auto_asks_on_a_terminal_and_no_changes_nothing(crm):
    for name in ("甲", "乙", "丙"):
        crm.ok("customer", "add", name, user="lina")
    before = crm.files()
    code, _, shown = on_terminal(crm.root, "--as", "lina", "assign", "--auto", answer="n\n")
    assert code == 1 and "apply these 3 change(s)?" in shown and "nothing changed" in shown
    assert crm.files() == before
    code, out, shown = on_terminal(crm.root, "--as", "lina", "assign", "--auto", answer="y\n")
    assert code == 0 and len(out.split()) == 3
    assert crm.files() != before


def test_without_a_terminal_or_with_yes_nothing_is_asked(crm):
    crm.ok("customer", "add", "甲", user="lina")
    result = crm("assign", "--auto", user="lina")
    assert result.exit_code == 0 and "apply these" not in result.stderr
    crm.ok("customer", "add", "乙", user="lina")
    code, out, shown = on_terminal(crm.root, "--as", "lina", "assign", "--auto", "--yes", answer="")
    assert code == 0 and "apply these" not in shown and out.strip()


def test_refusals_name_who_may_and_the_command(crm):
    cid = crm.ok("customer", "add", "甲", "--owner", "chenjing", user="lina").strip()
    visit = crm("visit", "log", cid, "--channel", "phone", "--reached", "--summary", "x",
                user="liuyang")  # fmt: skip
    assert visit.exit_code == 1
    assert f"ask your supervisor lina to give it to you: crmctl assign {cid} --to liuyang" in (
        visit.stderr
    )
    assign = crm("assign", cid, "--to", "liuyang", user="liuyang")
    assert assign.exit_code == 1
    assert (
        f"ask your supervisor 李娜 (lina) to run it: crmctl assign {cid} --to liuyang"
        in assign.stderr
    )
    assert "--as" not in assign.stderr


def test_every_refusal_for_a_role_names_who_may_and_the_command(crm):
    """Each command a specialist may not run on a colleague's records: refused, naming who may
    and the very command to ask for; nothing written, and no editor opened."""
    cid = crm.ok("customer", "add", "甲", "--owner", "chenjing", "--grade", "B1").strip()
    vid = crm.ok("visit", "log", "甲", "--channel", "电话", "--reached", "--summary", "x",
                 user="chenjing").strip()  # fmt: skip
    tid = crm.ok("complaint", "log", "甲", "--summary", "坏了", user="chenjing").strip()
    crm.ok("complaint", "judge", tid, "--valid", "--reason", "属实", "--department", "物流部",
           "--reply-by", "明天", user="chenjing")  # fmt: skip
    rid = crm.ok("receivable", "add", "甲", "INV-1", "100").strip()
    boss = "ask your supervisor 李娜 (lina) to run it: crmctl "
    give = f"ask your supervisor lina to give it to you: crmctl assign {cid} --to liuyang"
    refusals = [
        (("assign", "甲", "--to", "liuyang"), boss + "assign 甲 --to liuyang"),
        (("assign", "--auto", "--yes"), boss + "assign --auto --yes"),
        (("handover", "chenjing", "--auto"), boss + "handover chenjing --auto"),
        (("customer", "grade", "--apply", "--yes"), boss + "customer grade --apply --yes"),
        (("customer", "add", "乙", "--owner", "chenjing"), boss + "customer add 乙 --owner"),
        (("customer", "edit", "甲", "--set", "notes=x y"), give),
        (("customer", "lose", "甲", "--reason", "x"), give),
        (("edit", "甲"), give),
        (("visit", "log", "甲", "--channel", "phone", "--reached", "--summary", "x"), give),
        (("visit", "void", vid, "--reason", "重复"), "chenjing or a supervisor may: crmctl visit"),
        (("complaint", "approve", tid, "--proposal", "1"), boss + f"complaint approve {tid}"),
        (("complaint", "undo", tid), "ask chenjing or a supervisor to run crmctl complaint undo"),
        (("complaint", "reply", tid, "--text", "x"), f"crmctl assign {tid} --to liuyang"),
        (("escalate", tid, "--reason", "太难"), f"crmctl assign {tid} --to liuyang"),
        (("receivable", "add", "甲", "INV-2", "100"), give),
        (("receivable", "write-off", rid, "--reason", "x"), boss + "receivable write-off"),
        (("plan", "add", "计划", "--kind", "service", "--from", "today", "--to", "+30d"),
         boss + "plan add 计划"),
    ]  # fmt: skip
    before = crm.files()
    for args, told in refusals:
        result = crm(*args, user="liuyang", env={"EDITOR": "false"})
        assert result.exit_code == 1 and told in result.stderr, (args, result.stderr)
    reply = crm("complaint", "reply", tid, "--text", "x", user="lina")
    assert f"ask chenjing to run crmctl complaint reply {tid} --text" in reply.stderr
    zh = crm("--lang", "zh", "assign", "甲", "--to", "liuyang", user="liuyang")
    assert "请你的客服主管 李娜 (lina)执行：crmctl assign 甲 --to liuyang" in zh.stderr
    assert crm.files() == before


def test_every_write_says_what_it_did(crm):
    added = crm("customer", "add", "嘉兴南湖五金", user="liuyang")
    cid = added.stdout.strip()
    assert added.stderr.startswith(f"added customer {cid} 嘉兴南湖五金")
    logged = crm("complaint", "log", cid, "--summary", "送货晚了", user="liuyang")
    tid = logged.stdout.strip()
    assert logged.stderr.startswith(f"received complaint {tid} 嘉兴南湖五金 · received")
    judged = crm("--lang", "zh", "complaint", "judge", tid, "--invalid", "--reason", "x",
                 user="liuyang")  # fmt: skip
    assert judged.stderr.startswith(f"已判断 {tid} 嘉兴南湖五金 · 已判断")
    assert judged.stdout.strip() == tid


LATER = "2026-11-23T11:00:00+08:00"
EMPTY = [
    (("customer", "list", "没有这个"), "no customers match", "没有符合条件的客户"),
    (("visit", "list", "--by", "lina"), "no visits match", "没有符合条件的回访记录"),
    (("complaint", "list"), "no complaints match", "没有符合条件的投诉"),
    (("due",), "nothing due matches", "没有符合条件的待办"),
    (("due", "--mine", "--format", "json"), "nothing due matches", "没有符合条件的待办"),
    (("due", "--customer", "甲"), "nothing due matches", "没有符合条件的待办"),
    (("plan", "list"), "no plans match", "没有符合条件的计划"),
    (("receivable", "list", "--overdue"), "no receivables match", "没有符合条件的应收账款"),
    (
        ("customer", "grade"),
        "every customer reviewed has the grade",
        "所查客户的等级都符合分级规则",
    ),
]


@pytest.mark.parametrize("args, english, chinese", EMPTY)
def test_an_empty_result_says_so_in_either_language(crm, args, english, chinese):
    crm.ok("customer", "add", "甲", "--owner", "liuyang", "--grade", "D")
    crm.ok("visit", "log", "甲", "--channel", "phone", "--reached", "--summary", "x",
           "--next", "+60d", user="liuyang", now=LATER)  # fmt: skip
    for lang, said in (("en", english), ("zh", chinese)):
        result = crm("--lang", lang, *args, user="liuyang", now=LATER)
        assert result.exit_code == 0 and said in result.stderr
        assert result.stdout.strip() in ("", "[]")


def test_assignments_plans_and_inquiries_say_what_they_did(crm):
    cid = crm.ok("customer", "add", "嘉兴南湖五金", "--owner", "chenjing").strip()
    given = crm("assign", "嘉兴南湖五金", "--to", "刘洋")
    assert given.stderr == f"gave {cid} 嘉兴南湖五金 to 刘洋 (liuyang)\n"
    zh = crm("--lang", "zh", "assign", cid, "--to", "chenjing")
    assert zh.stderr == f"已将 {cid} 嘉兴南湖五金 交给 陈静 (chenjing)\n"
    plan = crm("plan", "add", "四季度服务计划", "--kind", "service", "--from", "today",
               "--to", "+30d", "--account", cid)  # fmt: skip
    assert plan.stderr.startswith(f"added plan {plan.stdout.strip()} 四季度服务计划")
    logged = crm("complaint", "log", cid, "--kind", "咨询", "--summary", "保修多久",
                 user="chenjing")  # fmt: skip
    tid = logged.stdout.strip()
    assert logged.stderr.startswith(f"received inquiry {tid} 嘉兴南湖五金 · received")
    answered = crm("--lang", "zh", "complaint", "answer", tid, "--text", "两年", user="chenjing")
    assert answered.stderr.startswith(f"已答复 {tid} 嘉兴南湖五金")
    assert crm.ok("complaint", "list", "--kind", "inquiry", fmt="ids").split() == [tid]
    assert crm.ok("complaint", "list", "--kind", "投诉", fmt="ids") == ""
