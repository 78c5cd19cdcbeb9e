"""`crmctl import customers`: formats and encodings, header mapping, all or nothing, --key, dry
runs."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from tests.conftest import told


def customers_by_name(crm) -> dict[str, dict]:
    return {c["name"]: c for c in crm.json("customer", "list")}


def record_of(crm, name) -> dict:
    return crm.json("customer", "show", name)


def test_gbk_csv_with_chinese_headers(crm, tmp_path):
    path = tmp_path / "客户档案.csv"
    path.write_bytes(
        "客户名称,联系人,手机,邮箱,地址,等级,负责人,生日,年用量(万元),标签\r\n"
        "杭州华丰建材有限公司,张三,13805711234,zs@huafeng.com,浙江省杭州市西湖区文三路100号,B一级,刘洋,2026年11月23日,8,会员、优质\r\n"
        "王女士,,13900001111,,,D,chenjing,1990/3/2,1.5,\r\n".encode("gbk")
    )
    result = crm("import", "customers", path)
    assert result.exit_code == 0, result.stderr
    assert (
        told(result) == "created 2, updated 0, left 0 unchanged customers\n"
    )  # no progress bar off a terminal
    found = customers_by_name(crm)
    assert sorted(result.stdout.split()) == sorted(c["id"] for c in found.values())
    huafeng = record_of(crm, "杭州华丰建材有限公司")
    assert (huafeng["contact"], huafeng["mobile"], huafeng["email"]) == (
        "张三",
        "13805711234",
        "zs@huafeng.com",
    )
    assert (huafeng["grade"], huafeng["owner"], huafeng["status"]) == ("B1", "liuyang", "prospect")
    assert (huafeng["birthday"], huafeng["annual_volume"], huafeng["tags"]) == (
        "2026-11-23",
        8,
        ["会员", "优质"],
    )
    assert huafeng["history"] == [
        {
            "at": "2026-11-23T09:30:00+08:00",
            "by": "lina",
            "action": "import",
            "note": "imported from 客户档案.csv row 2",
        }
    ]
    wang = record_of(crm, "王女士")
    assert (wang["owner"], wang["birthday"], wang["annual_volume"]) == (
        "chenjing",
        "1990-03-02",
        1.5,
    )


def test_utf8_bom_csv_with_english_headers_and_semicolons(crm, tmp_path):
    path = tmp_path / "export.csv"
    path.write_bytes(
        (
            "\ufeffCustomer Name;Mobile;E-mail;Grade;Birthday\n"
            "李先生;13712345678;li@example.com;c;46349\n"
        ).encode("utf-8")
    )
    crm.ok("import", "customers", path)
    li = record_of(crm, "李先生")
    # 46349 is Excel's serial for 2026-11-23 (days since 1899-12-30)
    assert (li["mobile"], li["email"], li["grade"], li["birthday"]) == (
        "13712345678",
        "li@example.com",
        "C",
        "2026-11-23",
    )


def test_xlsx_written_by_openpyxl(crm, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["名称", "手机", "座机", "生日", "纪念日", "年用量", "负责人"])
    sheet.append(
        [
            "宁波海达贸易",
            13805711234,
            "0574-87654321",
            dt.datetime(1980, 5, 17),
            46349,
            12,
            "li.na@example.com",
        ]
    )
    sheet.append([None] * 7)  # blank rows are skipped, numbering is kept
    sheet.append(["温州东方", "13600000000", None, "2001.2.3", None, None, None])
    path = tmp_path / "客户.xlsx"
    book.save(path)
    result = crm("import", "customers", path, "--dry-run")
    assert [line.split()[:3] for line in result.stdout.splitlines()[2:]] == [
        ["row", "2", "create"],
        ["row", "4", "create"],
    ]
    crm.ok("import", "customers", path)
    haida = record_of(crm, "宁波海达贸易")
    assert (haida["mobile"], haida["phone"], haida["birthday"], haida["anniversary"]) == (
        "13805711234",
        "0574-87654321",
        "1980-05-17",
        "2026-11-23",
    )
    assert (haida["annual_volume"], haida["owner"]) == (12, "lina")
    assert record_of(crm, "温州东方")["birthday"] == "2001-02-03"


def test_jsonl_and_yaml(crm, tmp_path):
    jsonl = tmp_path / "customers.jsonl"
    jsonl.write_text(
        json.dumps(
            {"name": "深圳光明", "tags": ["经销商"], "annual_volume": 3, "status": "active"},
            ensure_ascii=False,
        )
        + "\n\n"
        + json.dumps({"name": "广州白云", "等级": "B2"}, ensure_ascii=False)
        + "\n",
        encoding="utf-8",
    )
    yaml_file = tmp_path / "customers.yaml"
    yaml_file.write_text(
        "- name: 厦门鹭岛\n  status: 活跃\n  birthday: 2026/01/05\n", encoding="utf-8"
    )
    crm.ok("import", "customers", jsonl)
    crm.ok("import", "customers", yaml_file)
    found = customers_by_name(crm)
    assert found["深圳光明"]["tags"] == ["经销商"] and found["深圳光明"]["status"] == "active"
    assert found["广州白云"]["grade"] == "B2"
    assert (
        found["厦门鹭岛"]["status"] == "active"
        and record_of(crm, "厦门鹭岛")["birthday"] == "2026-01-05"
    )


def test_bad_rows_are_all_reported_and_nothing_is_written(crm, tmp_path):
    crm.ok("customer", "add", "已有客户", "--mobile", "13800000000")
    before = crm.files()
    path = tmp_path / "bad.csv"
    path.write_text(
        "名称,手机,等级,负责人,生日,邮箱\n"
        "好客户,13811112222,B1,liuyang,2026-01-01,\n"
        "坏手机,手机号码,B1,,,\n"
        "坏等级,13833334444,Z9,,,\n"
        ",13855556666,,nobody,2026-02-30,not-an-email\n"
        "大客户,13877778888,A1,chenjing,,\n",
        encoding="utf-8",
    )
    result = crm("import", "customers", path)
    assert result.exit_code == 1
    assert told(result).splitlines() == [
        "crmctl: error: nothing was imported: 7 problem(s):",
        "  row 3, column '手机' = '手机号码': '手机号码' is not a phone number (e.g. "
        "0571-88881234, "
        "13805711234, +1 415-901-7000, 0571-88881234转8001)",
        "  row 4, column '等级' = 'Z9': not a known grade (known: A1, A2, B1, B2, C, D, or their "
        "labels)",
        "  row 5, column '负责人' = 'nobody': not on the team in crmctl.yaml (staff: wang, lina, "
        "zhaolei, liuyang, "
        "chenjing, yangfan, zhoumin, huangtao)",
        "  row 5, column '生日' = '2026-02-30': '2026-02-30' is not a date (2026-11-23, "
        "2026/11/23, 2026年11月23日 "
        "or a spreadsheet date)",
        "  row 5: name is required",
        "  row 5, column '邮箱' = 'not-an-email': 'not-an-email' is not a valid email",
        "  row 6, column '负责人' = 'chenjing': A1 is a key account (大客户): its owner must be a "
        "manager "
        "or key-account staff (key_account: true in crmctl.yaml: wang, liuyang), not specialist "
        "陈静 (chenjing)",
    ]
    assert "row 2" not in result.stderr
    assert crm.files() == before


def test_unknown_columns_are_refused_until_mapped_skipped_or_kept(crm, tmp_path):
    path = tmp_path / "legacy.csv"
    path.write_text(
        "客户编号,名称,备用电话,内部代码\nK-001,甲公司,0571-1234567,=HYPERLINK()\n",
        encoding="utf-8",
    )
    before = crm.files()
    result = crm("import", "customers", path)
    assert result.exit_code == 1 and crm.files() == before
    for column in ("客户编号", "备用电话", "内部代码"):
        assert f"column '{column}': unknown; map it with --map '{column}=FIELD'" in result.stderr
    crm.ok(
        "import",
        "customers",
        path,
        "--map",
        "备用电话=phone",
        "--map",
        "内部代码=-",
        "--map",
        "客户编号=extra.erp_id",
    )
    record = record_of(crm, "甲公司")
    assert record["phone"] == "0571-1234567" and record["extra"] == {"erp_id": "K-001"}
    other = tmp_path / "other.csv"
    other.write_text("名称,旧系统等级\n乙公司,金牌\n", encoding="utf-8")
    crm.ok("import", "customers", other, "--keep-extra")
    assert record_of(crm, "乙公司")["extra"] == {"旧系统等级": "金牌"}
    assert crm("import", "customers", other, "--map", "nope=name").exit_code == 2


def test_same_file_twice_with_key_changes_nothing_then_updates(crm, tmp_path):
    path = tmp_path / "customers.csv"
    path.write_text(
        "name,mobile,grade\n甲公司,13800000001,B1\n乙公司,13800000002,B2\n", encoding="utf-8"
    )
    crm.ok("import", "customers", path, "--key", "mobile")
    first = crm.files()
    result = crm("import", "customers", path, "--key", "mobile")
    assert result.exit_code == 0 and result.stdout == ""
    assert "created 0, updated 0, left 2 unchanged customers" in result.stderr
    assert crm.files() == first
    path.write_text(
        "name,mobile,grade\n甲公司,138 0000 0001,B2\n丙公司,13800000003,\n", encoding="utf-8"
    )
    result = crm("import", "customers", path, "--key", "mobile")
    assert "created 1, updated 1, left 0 unchanged customers" in result.stderr
    jia = record_of(crm, "甲公司")
    assert jia["grade"] == "B2" and jia["mobile"] == "13800000001"  # the key matched, spaced
    assert jia["history"][-1] == {
        "at": "2026-11-23T09:30:00+08:00",
        "by": "lina",
        "action": "import",
        "changes": {
            "grade": {"from": "B1", "to": "B2"},
        },
        "note": "imported from customers.csv row 2",
    }


def test_dry_run_leaves_the_archive_byte_identical(crm, tmp_path):
    crm.ok("customer", "add", "甲公司", "--mobile", "13800000001")
    path = tmp_path / "customers.csv"
    path.write_text(
        "name,mobile,grade\n甲公司,13800000001,B1\n新公司,13800000009,\n", encoding="utf-8"
    )
    before = crm.files()
    rows = crm.json("import", "customers", path, "--key", "mobile", "--dry-run")
    assert [(row["row"], row["action"], row["name"], row["changes"]) for row in rows] == [
        ("row 2", "update", "甲公司", ["grade"]),
        ("row 3", "create", "新公司", []),
    ]
    assert crm.files() == before


def test_likely_duplicates_within_the_file_and_against_the_archive(crm, tmp_path):
    crm.ok("customer", "add", "甲公司", "--email", "jia@example.com")
    path = tmp_path / "customers.csv"
    path.write_text(
        "name,mobile,email\n乙公司,13800000002,\n丙公司,13800000002,\n丁公司,,JIA@example.com\n",
        encoding="utf-8",
    )
    before = crm.files()
    result = crm("import", "customers", path)
    assert result.exit_code == 1 and crm.files() == before
    assert "row 3, column 'mobile' = '13800000002': same mobile as row 2" in result.stderr
    assert "row 4, column 'email' = 'JIA@example.com': same email as C" in result.stderr
    crm.ok("import", "customers", path, "--allow-duplicate")
    assert len(customers_by_name(crm)) == 4


def test_specialist_imports_only_their_own_customers(crm, tmp_path):
    path = tmp_path / "customers.csv"
    path.write_text("name,owner\n自己的,liuyang\n别人的,zhoumin\n无负责人,\n", encoding="utf-8")
    before = crm.files()
    result = crm("import", "customers", path, user="liuyang")
    assert result.exit_code == 1 and crm.files() == before
    assert (
        "row 3: 刘洋 (liuyang) is a specialist; assigning and reassigning is for supervisors"
        in result.stderr
    )
    assert "row 2" not in result.stderr and "row 4" not in result.stderr


def test_key_must_be_a_column_of_the_file(crm, tmp_path):
    path = tmp_path / "customers.csv"
    path.write_text("name\n甲\n", encoding="utf-8")
    result = crm("import", "customers", path, "--key", "email")
    assert result.exit_code == 2 and "--key email: no column" in result.stderr


def test_created_comes_from_the_file_as_its_claim_and_never_from_the_future(crm, tmp_path):
    path = tmp_path / "customers.csv"
    path.write_text(
        "name,建档日期,updated\n甲,2014-06-09,2020-01-02\n乙,2026-11-23 09:31,\n",
        encoding="utf-8",
    )
    refused = crm("import", "customers", path)
    assert refused.exit_code == 1 and crm.files() == {}
    assert "row 3, column '建档日期' = '2026-11-23 09:31': in the future" in refused.stderr
    path.write_text("name,建档日期,updated\n甲,2014-06-09,2020-01-02\n", encoding="utf-8")
    crm.ok("import", "customers", path)
    jia = record_of(crm, "甲")
    assert jia["created"] == "2014-06-09T09:00:00+08:00"
    assert jia["history"][0]["note"] == (
        "imported from customers.csv row 2 (created 2014-06-09T09:00:00+08:00 by the file)"
    )
    assert jia["history"][0]["at"] == "2026-11-23T09:30:00+08:00"  # when it came into crmctl
    path.write_text("name,建档日期\n甲,2015-01-01\n", encoding="utf-8")
    crm.ok("import", "customers", path, "--key", "name")
    assert record_of(crm, "甲")["created"] == "2014-06-09T09:00:00+08:00"  # an update keeps it
    both = tmp_path / "both.csv"
    both.write_text("name,created,创建时间\n丙,2020-01-01,2020-01-01\n", encoding="utf-8")
    assert (
        "columns 'created' and '创建时间' both fill created"
        in crm("import", "customers", both).stderr
    )


def test_the_encoding_is_always_said_and_a_doubtful_one_refused(crm, tmp_path):
    path = tmp_path / "accounts.csv"
    path.write_bytes("Account Name,Industry\nBanco Crédito,Crédito rápido\n".encode("cp1252"))
    refused = crm("import", "customers", path, "--map", "Account Name=name", "--keep-extra")
    assert refused.exit_code == 1 and crm.files() == {}
    assert "cannot tell its encoding for sure" in refused.stderr
    assert "--encoding cp1252 reads it as 'Banco Crédito,Crédito rápido'" in refused.stderr
    given = crm(
        "import",
        "customers",
        path,
        "--encoding",
        "cp1252",
        "--map",
        "Account Name=name",
        "--keep-extra",
    )
    assert given.stderr.splitlines()[0] == (
        "reading accounts.csv, as cp1252 (given; --encoding to change)"
    )
    assert record_of(crm, "Banco Crédito")["extra"] == {"Industry": "Crédito rápido"}
    utf8 = tmp_path / "u.csv"
    utf8.write_text("名称\n甲\n", encoding="utf-8")
    assert crm("import", "customers", utf8).stderr.startswith(
        "reading u.csv, as utf-8 (detected; --encoding to change)\n"
    )
