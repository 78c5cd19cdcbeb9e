"""Commit messages: one scannable line, trailers, and no contact details."""

from __future__ import annotations

from pathlib import Path

from crmctl.actions.commits import commit_message
from crmctl.config import Staff
from crmctl.store.records import Change

USER = Staff("liuyang", "刘洋", "specialist")


def test_summary_hides_phones_and_emails_but_keeps_dates_and_ids():
    change = Change(
        [Path("v.yaml")],
        "log visit V1M8 for 张三 (0571-88886666, 13805711234, zs@example.com) next 2026-11-30",
        ["V1M8"],
    )
    first = commit_message([change], USER).splitlines()[0]
    assert first == "crmctl: log visit V1M8 for 张三 (…, …, …) next 2026-11-30 (by liuyang)"


def test_trailers_name_the_user_and_each_record_also_of_a_large_import():
    few = commit_message([Change([], "a", ["C2", "C1"]), Change([], "b", ["V1"])], USER)
    assert (
        few.split("\n\n")[1]
        == "Crmctl-User: liuyang\nCrmctl-Record: C1\nCrmctl-Record: C2\nCrmctl-Record: V1\n"
    )
    ids = [f"C{n:04d}" for n in range(500)]
    many = commit_message([Change([], "import customers", ids)], USER)
    assert many.split("\n\n")[1].splitlines() == [
        "Crmctl-User: liuyang",
        *(f"Crmctl-Record: {record_id}" for record_id in ids),
    ]


def test_summary_hides_every_format_redaction_knows():
    summary = (
        "create customer C1M8 张先生 138.1234.5678; note +86-571-88886666, １３８１２３４５６７８, "
        "QQ 12345678, wxid_abcdefg, 张三@例子.中国, 阳光小区5栋2单元301室"
    )
    first = commit_message([Change([Path("c.yaml")], summary, ["C1M8"])], USER).splitlines()[0]
    assert first == "crmctl: create customer C1M8 张先生 …; note …, …, QQ …, …, …, … (by liuyang)"
