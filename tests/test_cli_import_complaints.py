"""`crmctl import complaints`: an XLSX ledger from another system with Chinese headers, historical
complaints with their status, all or nothing, --key, who may import."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.conftest import told

openpyxl = pytest.importorskip("openpyxl")

HEADER = [
    "投诉编号",
    "投诉时间",
    "客户名称",
    "类别",
    "投诉类型",
    "严重程度",
    "投诉内容",
    "受理人",
    "处理人",
    "状态",
    "是否成立",
    "判断理由",
    "原因分析",
    "责任人",
    "处理方案",
    "采用方案",
    "实施措施",
    "处理结果",
    "回访结果",
    "回复内容",
    "总结评价",
    "改进对策",
]
CLOSED = [
    "TS-2025-001",
    dt.datetime(2025, 6, 3, 10, 15),
    "杭州华丰建材有限公司",
    "投诉",
    "产品质量",
    "重大投诉",
    "地板起鼓",
    "刘洋",
    "lina",
    "已结案",
    "是",
    "施工质量问题",
    "基层含水率过高",
    "施工队张工",
    "免费返工，赔偿运费、工时",
    1,
    "已返工",
    "客户电话确认",
    "满意",
    "已告知返工结果",
    "返工完成",
    "加强基层验收",
]
OPEN = [
    "TS-2026-002",
    "2026-11-20 15:00",
    "13900001111",
    "咨询",
    "",
    "一般投诉",
    "询问保修期",
    "lina",
    "",
    "受理",
] + [None] * 12


def customers(crm) -> dict[str, str]:
    crm.ok(
        "customer", "add", "杭州华丰建材有限公司", "--owner", "liuyang", "--mobile", "13805711234"
    )
    crm.ok("customer", "add", "王女士", "--mobile", "139-0000-1111")
    return {c["name"]: c["id"] for c in crm.json("customer", "list")}


def workbook(tmp_path, *rows, name="投诉台帐.xlsx"):
    book = openpyxl.Workbook()
    for row in (HEADER, *rows):
        book.active.append(row)
    path = tmp_path / name
    book.save(path)
    return path


KEY = ("--map", "投诉编号=extra.ledger_no", "--key", "extra.ledger_no")


def test_historical_and_open_complaints_from_an_xlsx_ledger(crm, tmp_path):
    ids = customers(crm)
    result = crm("import", "complaints", workbook(tmp_path, CLOSED, OPEN), *KEY)
    assert result.exit_code == 0, result.stderr
    assert told(result) == "created 2, updated 0, left 0 unchanged complaints\n"
    closed_id, open_id = result.stdout.split()
    closed = crm.json("complaint", "show", closed_id)
    assert (closed["customer"], closed["kind"], closed["category"], closed["severity"]) == (
        ids["杭州华丰建材有限公司"],
        "complaint",
        "product",
        "major",
    )
    assert (closed["received"], closed["status"], closed["first_responder"], closed["handler"]) == (
        "2025-06-03T10:15:00+08:00",
        "closed",
        "liuyang",
        "lina",
    )
    assert closed["judgement"] == {"valid": True, "reason": "施工质量问题"}
    assert closed["investigation"] == {"root_cause": "基层含水率过高", "responsible": "施工队张工"}
    assert (closed["proposals"], closed["approved_proposal"]) == (
        ["免费返工", "赔偿运费", "工时"],
        1,
    )
    assert closed["callback"] == {"satisfaction": "satisfied"} and closed["extra"] == {
        "ledger_no": "TS-2025-001"
    }
    assert (
        closed["closing"] == {"summary": "返工完成", "improvement": "加强基层验收"}
        and closed["allowed"] == []
    )
    assert closed["history"] == [
        {
            "at": "2026-11-23T09:30:00+08:00",
            "by": "lina",
            "action": "import",
            "note": "imported from 投诉台帐.xlsx row 2",
        }
    ]
    opened = crm.json("complaint", "show", open_id)
    assert (opened["customer"], opened["kind"], opened["severity"], opened["status"]) == (
        ids["王女士"],
        "inquiry",
        "normal",
        "received",
    )
    assert "handler" not in opened and opened["allowed"][0] == "judge"
    # an imported complaint goes on through its lifecycle like any other
    crm.ok(
        "complaint",
        "judge",
        open_id,
        "--valid",
        "--reason",
        "保修咨询",
        "--department",
        "service",
        "--reply-by",
        "+1d",
    )
    assert crm.ok("check", user=None) == ""


def test_bad_rows_are_all_reported_and_nothing_is_written(crm, tmp_path):
    customers(crm)
    before = crm.files()
    not_judged = [*CLOSED[:9], "已结案"] + [None] * 12
    unknown = [
        "X",
        "2026-11-20 15:00",
        "不存在的客户",
        "投诉",
        "价格",
        "特急",
        "太贵",
        "nobody",
        "",
        "受理",
    ] + [None] * 12
    path = workbook(
        tmp_path, OPEN, not_judged, unknown, [*CLOSED[:9], "已解决", "否", *CLOSED[11:]]
    )
    result = crm("import", "complaints", path)
    assert result.exit_code == 1
    assert told(result).splitlines() == [
        "crmctl: error: nothing was imported: 16 problem(s):",
        "  header: column '投诉编号': unknown; map it with --map '投诉编号=FIELD', skip it with "
        "--map '投诉编号=-', "
        "or keep it under extra with --keep-extra",
        *(
            f"  row 3, column '状态' = '已结案': a closed complaint needs its {part}"
            for part in (
                "judgement",
                "investigation",
                "proposals",
                "approved_proposal",
                "implementation",
                "resolution",
                "callback",
                "closing",
            )
        ),
        "  row 3, column '状态' = '已结案': a closed complaint needs the reply to the customer",
        "  row 3: a closed valid complaint needs its improvement measure",
        "  row 4, column '客户名称' = '不存在的客户': no such customer (give the id, the exact "
        "name, a phone number or the email)",
        "  row 4, column '投诉类型' = '价格': not a known category (known: product, delivery, "
        "service, billing, other, "
        "or their labels)",
        "  row 4, column '严重程度' = '特急': not a known severity (known: normal, major, crisis, "
        "or their labels)",
        "  row 4, column '受理人' = 'nobody': not on the team in crmctl.yaml (staff: wang, lina, "
        "zhaolei, liuyang, "
        "chenjing, yangfan, zhoumin, huangtao)",
        "  row 5, column '状态' = '已解决': an invalid complaint (不成立) cannot be resolved",
    ]
    assert "row 2" not in result.stderr
    assert crm.files() == before


def test_same_file_twice_changes_nothing_then_updates(crm, tmp_path):
    customers(crm)
    path = workbook(tmp_path, CLOSED, OPEN)
    crm.ok("import", "complaints", path, *KEY)
    first = crm.files()
    result = crm("import", "complaints", path, *KEY)
    assert result.exit_code == 0 and result.stdout == "" and crm.files() == first
    assert told(result) == "created 0, updated 0, left 2 unchanged complaints\n"
    again = crm("import", "complaints", path, "--map", "投诉编号=extra.ledger_no")
    assert again.exit_code == 1 and "same received as T" in again.stderr and crm.files() == first
    updated = workbook(tmp_path, CLOSED, [*OPEN[:8], "liuyang", *OPEN[9:]])
    complaint_id = crm.ok("import", "complaints", updated, *KEY).strip()
    record = crm.json("complaint", "show", complaint_id)
    assert record["handler"] == "liuyang" and record["history"][-1]["changes"] == {
        "handler": {"to": "liuyang"}
    }


def test_a_specialist_imports_only_complaints_they_received_or_handle(crm, tmp_path):
    customers(crm)
    before = crm.files()
    result = crm("import", "complaints", workbook(tmp_path, CLOSED, OPEN), *KEY, user="liuyang")
    assert result.exit_code == 1 and crm.files() == before
    assert [line.split(":")[0] for line in told(result).splitlines()[1:]] == ["  row 3"]
    assert (
        "刘洋 (liuyang) is a specialist and may work only complaints they handle or first received"
        in result.stderr
    )


def test_steps_taken_elsewhere_keep_a_historical_complaint_within_its_deadlines(crm, tmp_path):
    customers(crm)
    path = tmp_path / "ledger.csv"
    row = ",".join(str(cell or "") for cell in CLOSED[1:]).replace(
        "2025-06-03 10:15:00", "2025-06-03 10:15"
    )
    path.write_text(
        ",".join(HEADER[1:]) + ",判断时间,解决时间,回访时间,回复时间\n"
        f"{row},2025-06-03 11:00,2025/6/4 16:00,2025年6月5日 10:00,\n"
        f"{row.replace('10:15', '10:16')},,,,\n",
        encoding="utf-8",
    )
    # the same complaint without its step times (a minute later, so not a likely duplicate)
    with_steps, without = crm.ok("import", "complaints", path).split()
    record = crm.json("complaint", "show", with_steps)
    assert [(e["at"], e["action"]) for e in record["history"]] == [
        ("2025-06-03T11:00:00+08:00", "judge"),
        ("2025-06-04T16:00:00+08:00", "resolve"),
        ("2025-06-05T10:00:00+08:00", "callback"),
        ("2026-11-23T09:30:00+08:00", "import"),
    ]
    # major, received Tue 2025-06-03 10:15: judged after 45 min (4h allowed), resolved Wed 16:00 (2
    # working days allowed: Thu 10:15), called back Thu 10:00 (2 working days after resolution
    # allowed)
    assert record["breaches"] == []
    assert crm.json("complaint", "show", without)["breaches"] == ["acknowledge", "resolve"]
    assert crm.ok("check", user=None) == ""
    before = crm.files()
    again = crm("import", "complaints", path, "--key", "received")
    assert (
        again.exit_code == 0
        and told(again) == "created 0, updated 0, left 2 unchanged complaints\n"
    )
    path.write_text(
        path.read_text(encoding="utf-8").replace("2025/6/4 16:00", "2025/6/4 17:00"),
        encoding="utf-8",
    )
    changed = crm("import", "complaints", path, "--key", "received")
    assert changed.exit_code == 1 and crm.files() == before
    assert told(changed).splitlines()[1] == (
        f"  row 2, column '解决时间' = '2025/6/4 17:00': no resolve step at this time in "
        f"{with_steps}'s history; "
        "steps are imported only with a new complaint"
    )


def test_tickets_closed_elsewhere_come_in_as_history_without_breaches(crm, tmp_path):
    crm.ok("customer", "add", "Acme Ltd", "--email", "ops@acme.example", "--mobile", "13800000009")
    path = tmp_path / "hubspot_tickets.csv"
    path.write_text(
        "Ticket ID,Ticket description,Priority,Ticket status,Create date,Close date,"
        "Associated Contact,Resolution\n"
        "9001,Invoice wrong twice,High,Closed,2022-03-01 09:00,2022-03-20 17:00,"
        "OPS@acme.example,Credit note sent\n"
        "9002,Late delivery,Urgent,Solved,2022-04-02 10:00,2022-05-30 12:00,"
        "13800000009,\n",
        encoding="utf-8",
    )
    codes = tmp_path / "codes.yaml"
    codes.write_text(
        "Priority:\n  Low: normal\n  High: major\n  Urgent: crisis\n", encoding="utf-8"
    )
    args = ["--map", "Ticket ID=extra.ticket_id", "--value", "Ticket status:solved=closed"]
    refused = crm("import", "complaints", path, *args)
    assert refused.exit_code == 1 and crm.json("complaint", "list") == []
    assert "column 'Priority': 2 rows, e.g. row 2 = 'High', row 3 = 'Urgent': not a known" in (
        refused.stderr
    )
    result = crm("import", "complaints", path, *args, "--value-file", codes)
    assert result.exit_code == 0, result.stderr
    listed = crm.json("complaint", "list")
    assert sorted((c["severity"], c["status"], c["breaches"]) for c in listed) == [
        ("crisis", "closed", []),
        ("major", "closed", []),
    ]
    first = next(c for c in listed if c["severity"] == "major")
    shown = crm.json("complaint", "show", first["id"])
    assert (shown["closed_elsewhere"], shown["resolution"], shown["extra"]) == (
        "2022-03-20T17:00:00+08:00",
        "Credit note sent",
        {"ticket_id": "9001"},
    )
    assert crm.json("complaint", "list", "--breached") == []
    assert crm("check").exit_code == 0
    assert not any(c["id"] in crm.ok("due", "--overdue") for c in listed)


def test_a_closing_time_of_another_system_needs_a_closed_status(crm, tmp_path):
    crm.ok("customer", "add", "Acme Ltd", "--email", "ops@acme.example")
    path = tmp_path / "t.csv"
    path.write_text(
        "customer email,summary,received,closed_elsewhere,status\n"
        "ops@acme.example,Open one,2022-03-01 09:00,2022-03-02 09:00,received\n"
        "ops@acme.example,Future,2022-03-01 10:00,2099-01-01 09:00,closed\n",
        encoding="utf-8",
    )
    result = crm("import", "complaints", path)
    assert result.exit_code == 1 and crm.files() != {} and "Future" not in str(crm.files())
    assert (
        "row 2, column 'closed_elsewhere' = '2022-03-02 09:00': a complaint closed" in result.stderr
    )
    assert "row 3, column 'closed_elsewhere' = '2099-01-01 09:00': in the future" in result.stderr
