"""Files as other systems export them, imported as a migrating user would: a call centre's sheet,
a Salesforce account export with owners in pinyin, an Odoo contacts export."""

from __future__ import annotations

import yaml

NOW = "2026-12-07T12:00:00+08:00"


def imported(crm, kind: str) -> list[dict]:
    folder = crm.root / "records" / kind
    return [yaml.safe_load(path.read_text("utf-8")) for path in sorted(folder.rglob("*.yaml"))]


def test_a_call_centre_sheet_comes_in_with_one_set_channel(demo, tmp_path):
    sheet = tmp_path / "呼叫中心.csv"
    sheet.write_bytes(
        "客户电话,来电时间,坐席,通话结果,回访内容\r\n"
        "13848347330,2026/11/20 10:15,刘洋,接通,询问发货进度\r\n"
        "13848347330,2026/11/21 14:30,刘洋,未接通,无人接听\r\n".encode("gbk")
    )
    refused = demo("import", "visits", sheet, user="wang", now=NOW)
    assert refused.exit_code == 1 and "channel is required" in refused.stderr
    before = {v["id"] for v in demo.json("visit", "list", now=NOW)}
    demo.ok("import", "visits", sheet, "--set", "channel=phone", user="wang", now=NOW)
    new = [v for v in demo.json("visit", "list", now=NOW) if v["id"] not in before]
    assert sorted((v["channel"], v["reached"], v["staff"]) for v in new) == [
        ("phone", False, "liuyang"),
        ("phone", True, "liuyang"),
    ]
    bad = demo("import", "visits", sheet, "--set", "colour=red", user="wang", now=NOW)
    assert bad.exit_code == 2 and "--set takes FIELD=VALUE for a field of visit" in bad.stderr


def test_owners_written_in_pinyin_are_the_team_members(crm, tmp_path):
    export = tmp_path / "accounts.csv"
    export.write_bytes(
        "Account Name,Account Owner,Billing Street\r\n"
        "Crédito Agrícola Müller GmbH,Wang Jianguo,Königstraße 12\r\n"
        "Acme Corp,Na Li,1 Main St\r\n".encode("cp1252")
    )
    result = crm("import", "customers", export, "--encoding", "cp1252", user="wang", now=NOW)
    assert result.exit_code == 0, result.stderr
    owners = {c["name"]: (c["owner"], c["address"]) for c in imported(crm, "customers")}
    assert owners == {
        "Crédito Agrícola Müller GmbH": ("wang", "Königstraße 12"),
        "Acme Corp": ("lina", "1 Main St"),
    }


def test_a_chinese_erp_template_with_date_cells_reads_days_as_typed_days(crm, tmp_path):
    import datetime as dt

    xlwt = __import__("pytest").importorskip("xlwt")
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("客户资料")
    sheet.write_merge(0, 0, 0, 2, "客户档案导入模板（请勿删除本行）")
    sheet.write_merge(1, 1, 0, 2, "说明：带*为必填；日期格式 2024-01-01")
    for column, header in enumerate(["*客户\n名称", "手机\n号码", "建档\n日期"]):
        sheet.write(2, column, header)
    sheet.write(3, 0, "杭州华丰建材有限公司")
    sheet.write(3, 1, "13805711239")
    sheet.write(3, 2, dt.datetime(2014, 6, 9), xlwt.easyxf(num_format_str="YYYY-MM-DD"))
    book.save(str(tmp_path / "模板.xls"))
    (tmp_path / "typed.csv").write_text(
        "客户名称,手机,建档日期\n宁波海天装饰,13805741234,2014-06-09\n"
    )
    said = crm("import", "customers", tmp_path / "模板.xls", user="wang", now=NOW).stderr
    assert "header in row 3, row(s) 1-2 above it skipped" in said
    crm.ok("import", "customers", tmp_path / "typed.csv", user="wang", now=NOW)
    created = {c["name"]: c["created"] for c in imported(crm, "customers")}
    assert {str(day) for day in created.values()} == {"2014-06-09 09:00:00+08:00"}
