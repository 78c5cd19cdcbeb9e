"""Values as people type them: phones in every written form, codes mapped with --value, dates kept
as dates, and dry runs that show the column plan and group their problems."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.conftest import told


def by_name(crm) -> dict[str, dict]:
    return {c["name"]: crm.json("customer", "show", c["id"]) for c in crm.json("customer", "list")}


def test_phones_in_any_written_form_are_normalised_split_or_kept(crm, tmp_path):
    path = tmp_path / "call_centre.csv"
    path.write_text(
        "客户名称,联系电话,座机\n"
        "甲,(0571)88881234,\n"
        "乙,（0571）88881241,\n"
        "丙,１３８０５７１１２３９,0571.8888.1235\n"
        "丁,+1 (415) 901-7000,913.249.5790\n"
        "戊,13805711238（王经理）,\n"
        "己,13805711240/0571-88881250,\n"
        "庚,13805711241、13905711111,0571-88881236转8001\n"
        "辛,138 0000 0001,0571-88881234 ext. 12\n",
        encoding="utf-8",
    )
    result = crm("import", "customers", path)
    assert result.exit_code == 0, result.stderr
    found = by_name(crm)
    phones = {name: (c.get("mobile"), c.get("phone"), c.get("extra")) for name, c in found.items()}
    assert phones == {
        "甲": (None, "0571-88881234", None),  # a landline in the mobile column goes to phone
        "乙": (None, "0571-88881241", None),
        "丙": ("13805711239", "0571-88881235", None),
        "丁": ("+1 415-901-7000", "913-249-5790", None),
        "戊": ("13805711238", None, {"联系电话": "13805711238（王经理）"}),
        "己": ("13805711240", "0571-88881250", None),
        "庚": ("13805711241", "0571-88881236转8001", {"联系电话": "13805711241、13905711111"}),
        "辛": ("13800000001", "0571-88881234转12", None),  # one written form
    }
    notes = [line for line in told(result).splitlines() if line.startswith("note:")]
    assert notes == [
        "note: column '联系电话': 2 rows, e.g. row 2 = '(0571)88881234', row 3 = "
        "'（0571）88881241': "
        "1 number -> phone",
        "note: row 6, column '联系电话' = '13805711238（王经理）': 1 number -> mobile; the whole "
        "cell "
        "is kept under extra.联系电话",
        "note: row 7, column '联系电话' = '13805711240/0571-88881250': 2 numbers -> mobile, phone",
        "note: row 8, column '联系电话' = '13805711241、13905711111': 2 numbers -> mobile; the "
        "whole "
        "cell is kept under extra.联系电话",
    ]


def test_excel_scientific_notation_is_refused_with_the_fix(crm, tmp_path):
    path = tmp_path / "export.csv"
    path.write_text("名称,手机\n甲,1.38057E+10\n", encoding="utf-8")
    result = crm("import", "customers", path)
    assert result.exit_code == 1 and crm.files() == {}
    assert (
        "row 2, column '手机' = '1.38057E+10': '1.38057E+10' is Excel's scientific notation and "
        "has "
        "lost the number's last digits: format the column as Text in Excel"
    ) in result.stderr


def test_codes_are_mapped_with_value_options_and_a_value_file(crm, tmp_path):
    path = tmp_path / "hubspot_contacts.csv"
    path.write_text(
        "Company Name,Lifecycle Stage,Tier,Owner\n"
        "Acme,Customer,Gold,wang\nGlobex,lead,Silver,\nInitech,Lead,,\n",
        encoding="utf-8",
    )
    codes = tmp_path / "codes.yaml"
    codes.write_text("Tier:\n  Gold: A1\n  Silver: B2\n", encoding="utf-8")
    args = ["--map", "Lifecycle Stage=status", "--map", "Tier=grade", "--value-file", codes]
    refused = crm("import", "customers", path, *args)
    assert refused.exit_code == 1
    assert "column 'Lifecycle Stage': 3 rows, e.g. row 2 = 'Customer'" in refused.stderr
    values = [
        "--value",
        "Lifecycle Stage:customer=active",
        "--value",
        "Lifecycle Stage:LEAD=prospect",
    ]
    crm.ok("import", "customers", path, *args, *values, user="wang")
    found = by_name(crm)
    assert {name: (c["status"], c.get("grade")) for name, c in found.items()} == {
        "Acme": ("active", "A1"),
        "Globex": ("prospect", "B2"),
        "Initech": ("prospect", None),
    }
    wrong = crm("import", "customers", path, "--value", "Stage:x=y")
    assert (
        wrong.exit_code == 2
        and "--value names column(s) the file does not have: Stage" in wrong.stderr
    )
    assert crm("import", "customers", path, "--value", "Tier=A1").exit_code == 2


def test_dates_under_extra_are_dates_and_a_start_date_is_no_anniversary(crm, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    book.active.append(["客户名称", "成立日期", "签约时间"])
    book.active.append(["甲", dt.datetime(2014, 6, 9), dt.datetime(2020, 3, 1, 14, 30)])
    path = tmp_path / "erp.xlsx"
    book.save(path)
    refused = crm("import", "customers", path)
    assert refused.exit_code == 1 and "column '成立日期': unknown" in refused.stderr
    crm.ok("import", "customers", path, "--keep-extra")
    assert by_name(crm)["甲"]["extra"] == {"成立日期": "2014-06-09", "签约时间": "2020-03-01 14:30"}
    assert "anniversary" not in by_name(crm)["甲"]


def test_a_dry_run_shows_the_column_plan_and_groups_problems(crm, tmp_path):
    path = tmp_path / "odoo.csv"
    rows = "".join(f"{n:03d},客户{n},1380000{n:04d}\n" for n in range(1, 51))
    path.write_text("ID,Display Name,Mobile\n" + rows, encoding="utf-8")
    result = crm("import", "customers", path, "--dry-run")
    assert result.exit_code == 1
    lines = told(result).splitlines()
    assert lines[:4] == [
        "columns:",
        "  ID           -> id (field name)",
        "  Display Name -> name (alias 'display name')",
        "  Mobile       -> mobile (field name)",
    ]
    assert lines[4:] == [
        "crmctl: error: nothing was imported: 50 problem(s) (--all-errors: each):",
        "  column 'ID': 50 rows, e.g. row 2 = '001', row 3 = '002', row 4 = '003' and 47 more: not "
        "a crmctl customer id (C followed by 15 characters); keep another system's ids with "
        "--map 'ID=extra.source_id'",
    ]
    every = crm("import", "customers", path, "--dry-run", "--all-errors")
    assert len(told(every).splitlines()) == 4 + 1 + 50
    fixed = crm("import", "customers", path, "--dry-run", "--map", "ID=extra.source_id")
    assert fixed.exit_code == 0 and "would create 50" in fixed.stderr
    assert "  ID           -> extra.source_id (--map)" in fixed.stderr


def test_the_plan_source_and_summary_are_said_in_chinese(crm, tmp_path):
    path = tmp_path / "客户.csv"
    path.write_bytes("客户名称,联系电话,ID\n甲,(0571)88881234,\n".encode("gbk"))
    result = crm("--lang", "zh", "import", "customers", path, "--dry-run")
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines() == [
        "读取 客户.csv，编码 gb18030（自动识别；可用 --encoding 更改）",
        "列与字段：",
        "  客户名称 -> name (别名 '客户名称')",
        "  联系电话 -> mobile (别名 '联系电话')",
        "  ID       -> （跳过） (空列)",
        "注意: 第 2 行, 列 '联系电话' = '(0571)88881234': 1 个号码 -> phone",
        "客户: 将新建 1，将更新 0，不变 0",
    ]


def test_a_value_right_of_the_last_header_is_not_lost_silently(crm, tmp_path):
    path = tmp_path / "c.csv"
    path.write_text("名称,手机\n甲,13805711234\n乙,13805711235,老客户\n", encoding="utf-8")
    result = crm("import", "customers", path)
    assert result.exit_code == 1 and crm.files() == {}
    assert told(result).splitlines()[1] == (
        "  row 3, column 'column 3' = '老客户': a value beyond the last column with a header; "
        "give the column a header"
    )
    bad = tmp_path / "bad.csv"
    bad.write_text("名称,手机\n甲,abc\n乙,xyz\n", encoding="utf-8")
    refused = crm("--lang", "zh", "import", "customers", bad)
    assert told(refused).startswith(
        "crmctl: 错误: 未导入任何记录: 2 个问题:\n  第 2 行, 列 '手机' = 'abc': 'abc' 不是电话号码"
    )
