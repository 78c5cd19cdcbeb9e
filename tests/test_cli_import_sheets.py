"""Workbooks as people keep them: legacy .xls, title and instruction rows above the header,
Alt+Enter headers, several sheets, and hostile workbooks refused with a clear error."""

from __future__ import annotations

import zipfile

import pytest

from tests.conftest import told

TITLE = "客户档案导入模板（请勿删除本行）"
NOTE = "说明：带*号为必填项；日期格式 2024-01-31；手机号请填写11位"
HEADER = ["*客户\n名称", "联系人", "联系\n电话", "客户\n等级", "备注"]
ROWS = [
    ["杭州华丰建材有限公司", "张三", "13805711234", "B1", "老客户"],
    ["王女士", "", "13900001111", "D", ""],
]


def erp_xls(path):
    xlwt = pytest.importorskip("xlwt")
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("客户档案")
    sheet.write_merge(0, 0, 0, len(HEADER) - 1, TITLE)
    sheet.write_merge(1, 1, 0, len(HEADER) - 1, NOTE)
    for r, row in enumerate([HEADER, *ROWS], 2):
        for c, value in enumerate(row):
            sheet.write(r, c, value)
    book.add_sheet("字典").write(0, 0, "等级")
    book.save(str(path))
    return path


def erp_xlsx(path, sheets=("说明", "客户档案")):
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    book.active.title = sheets[0]
    book.active.append([NOTE])
    data = book.create_sheet(sheets[1])
    data.append([TITLE])
    data.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADER))
    for row in [HEADER, *ROWS]:
        data.append(row)
    book.save(path)
    return path


def test_a_legacy_xls_template_with_title_and_instructions_imports_as_is(crm, tmp_path):
    path = erp_xls(tmp_path / "客户档案模板.xls")
    result = crm("import", "customers", path)
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines()[0] == (
        "reading 客户档案模板.xls, sheet '客户档案' (--sheet to choose), "
        "header in row 3, row(s) 1-2 above it skipped"
    )
    found = {c["name"]: c for c in crm.json("customer", "list")}
    assert (found["杭州华丰建材有限公司"]["mobile"], found["王女士"]["grade"]) == (
        "13805711234",
        "D",
    )
    assert crm.json("customer", "show", "杭州华丰建材有限公司")["notes"] == "老客户"


def test_sheets_are_chosen_by_name_or_number(crm, tmp_path):
    path = erp_xlsx(tmp_path / "book.xlsx")
    first = crm("import", "customers", path, "--dry-run")
    assert "sheet '说明'" in first.stderr and "would create 0" in first.stderr
    assert crm("import", "customers", path, "--sheet", "客户档案", "--dry-run").exit_code == 0
    crm.ok("import", "customers", path, "--sheet", "2")
    assert len(crm.json("customer", "list")) == 2
    wrong = crm("import", "customers", path, "--sheet", "客户")
    assert wrong.exit_code == 2
    assert "--sheet 客户: book.xlsx has no such sheet (sheets: 1 说明, 2 客户档案)" in wrong.stderr


def test_header_row_may_be_named_and_headers_keep_one_line(crm, tmp_path):
    path = erp_xlsx(tmp_path / "book.xlsx")
    result = crm(
        "import", "customers", path, "--sheet", "2", "--header-row", "2", "--map", "备注=extra.备注"
    )
    assert result.exit_code == 0, result.stderr
    assert crm.json("customer", "show", "王女士")["mobile"] == "13900001111"
    kept = crm(
        "import", "customers", erp_xls(tmp_path / "t.xls"), "--keep-extra", "--map", "备注=-"
    )
    assert "header in row 3" in kept.stderr
    bad = crm("import", "customers", path, "--sheet", "2", "--header-row", "9")
    assert (
        bad.exit_code == 2 and "--header-row 9: book.xlsx has no such non-empty row" in bad.stderr
    )


def rewritten(source, target, sheet_xml=None, extra=None):
    with zipfile.ZipFile(source) as original:
        parts = {name: original.read(name) for name in original.namelist()}
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for name, data in parts.items():
            swap = sheet_xml is not None and name == "xl/worksheets/sheet1.xml"
            out.writestr(name, sheet_xml.encode() if swap else data)
        for name, data in (extra or {}).items():
            out.writestr(name, data)
    return target


SHEET = (
    '<?xml version="1.0"?><!DOCTYPE r [{}]><worksheet '
    'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">'
    '<c r="A1" t="inlineStr"><is><t>{}</t></is></c></row></sheetData></worksheet>'
)
LAUGHS = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))


@pytest.mark.parametrize(
    "sheet_xml, extra, message",
    [
        (SHEET.format('<!ENTITY l0 "lol">' + LAUGHS, "&l9;"), None, "not a readable .xlsx"),
        (SHEET.format('<!ENTITY x SYSTEM "file:///etc/passwd">', "&x;"), None, "undefined entity"),
        (None, {"xl/media/pad.bin": b"\0" * (12 << 20)}, "times larger than it is stored"),
    ],
    ids=["billion-laughs", "xxe", "zip-bomb"],
)
def test_hostile_workbooks_are_clear_errors(crm, tmp_path, sheet_xml, extra, message):
    source = erp_xlsx(tmp_path / "ok.xlsx", ("客户档案", "x"))
    path = rewritten(source, tmp_path / "bad.xlsx", sheet_xml, extra)
    result = crm("import", "customers", path)
    assert result.exit_code == 1
    assert told(result).startswith("crmctl: error: bad.xlsx: ") and message in result.stderr
    assert "Traceback" not in result.stderr and crm.files() == {}
