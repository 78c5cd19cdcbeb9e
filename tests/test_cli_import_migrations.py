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
