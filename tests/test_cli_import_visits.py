"""`crmctl import visits`: a GBK CSV with Chinese headers, customers named by name or phone, all or
nothing, duplicates, --key, who may import."""

from __future__ import annotations

from crmctl.actions import lookup
from tests.conftest import told


def customers(crm) -> dict[str, str]:
    crm.ok(
        "customer", "add", "杭州华丰建材有限公司", "--owner", "liuyang", "--mobile", "13805711234"
    )
    crm.ok("customer", "add", "王女士", "--mobile", "139-0000-1111")
    return {c["name"]: c["id"] for c in crm.json("customer", "list")}


def gbk_file(tmp_path, text, name="回访记录.csv"):
    path = tmp_path / name
    path.write_bytes(text.replace("\n", "\r\n").encode("gbk"))
    return path


HEADER = "客户名称,回访时间,回访方式,回访人,是否接通,回访内容,客户需求,满意度,下次回访\n"


def test_gbk_csv_with_chinese_headers(crm, tmp_path):
    ids = customers(crm)
    path = gbk_file(
        tmp_path,
        HEADER + "杭州华丰建材有限公司,2026/11/20 14:30,电话,刘洋,是,确认12月订单,要样品,满意,"
        "2026年12月1日\n"
        "13900001111,2026-10-08 09:00,上门,chenjing,否,未见到人,,,\n",
    )
    result = crm("import", "visits", path)
    assert result.exit_code == 0, result.stderr
    assert told(result) == "created 2, updated 0, left 0 unchanged visits\n"
    huafeng, wang = (
        crm.json("visit", "list", "--customer", name)[0]
        for name in ("杭州华丰建材有限公司", "王女士")
    )
    assert sorted(result.stdout.split()) == sorted([huafeng["id"], wang["id"]])
    assert (huafeng["customer"], huafeng["at"], huafeng["channel"], huafeng["staff"]) == (
        ids["杭州华丰建材有限公司"],
        "2026-11-20T14:30:00+08:00",
        "phone",
        "liuyang",
    )
    assert (huafeng["reached"], huafeng["summary"], huafeng["needs"], huafeng["satisfaction"]) == (
        True,
        "确认12月订单",
        "要样品",
        5,
    )
    assert (huafeng["next_followup"], huafeng["purpose"]) == (
        "2026-12-01",
        "routine",
    )  # the first purpose of crmctl.yaml
    assert (wang["customer"], wang["channel"], wang["reached"], wang["staff"]) == (
        ids["王女士"],
        "onsite",
        False,
        "chenjing",
    )
    shown = crm.json("visit", "show", huafeng["id"])
    assert shown["history"] == [
        {
            "at": "2026-11-23T09:30:00+08:00",
            "by": "lina",
            "action": "import",
            "note": "imported from 回访记录.csv row 2",
        }
    ]
    assert sorted(p for p in crm.files() if p.startswith("records/visits/")) == sorted(
        [
            f"records/visits/2026/11/{huafeng['id']}.yaml",
            f"records/visits/2026/10/{wang['id']}.yaml",
        ]
    )


def test_one_customer_lookup_for_the_whole_file(crm, tmp_path, monkeypatch):
    customers(crm)
    built = []
    original = lookup.CustomerDirectory.__init__
    monkeypatch.setattr(
        lookup.CustomerDirectory,
        "__init__",
        lambda self, found: built.append(1) or original(self, found),
    )
    rows = "".join(
        f"王女士,2026-11-{day:02d} 10:00,电话,lina,是,第{day}次,,,\n" for day in range(1, 11)
    )
    crm.ok("import", "visits", gbk_file(tmp_path, HEADER + rows))
    assert built == [1]


def test_bad_rows_are_all_reported_and_nothing_is_written(crm, tmp_path):
    customers(crm)
    before = crm.files()
    path = gbk_file(
        tmp_path,
        HEADER + "王女士,2026-11-20 10:00,电话,lina,是,好的一行,,,\n"
        "不存在的客户,2026-11-20 10:00,飞鸽,lina,是,客户不存在,,,\n"
        "王女士,2026-11-21 10:00,电话,lina,否,没接通却满意,,满意,\n"
        "王女士,2026-11-22 10:00,电话,lina,是,下次在前,,很好,2026-11-01\n"
        "王女士,2026-11-23 08:00,电话,lina,是,,,,\n"
        "王女士,2026/11/20 10:00,微信,lina,是,与第2行同一时间,,,\n"
        "王女士,2026年11月20日 10:00,电话,nobody,是,,,,\n"
        "王女士,2026-11-23 09:31,电话,lina,是,尚未发生,,,\n",
    )
    result = crm("import", "visits", path)
    assert result.exit_code == 1
    assert told(result).splitlines() == [
        "crmctl: error: nothing was imported: 10 problem(s) (--all-errors: each):",
        "  row 3, column '客户名称' = '不存在的客户': no such customer (give the id, the exact "
        "name, a phone number or the email)",
        "  row 3, column '回访方式' = '飞鸽': not a known channel (known: phone, onsite, qq, "
        "wechat, sms, email, walkin, "
        "or their labels)",
        "  row 4, column '满意度' = '满意': a customer who was not reached cannot have rated the "
        "contact",
        "  row 5, column '满意度' = '很好': satisfaction '很好' is not 1-5 or one of 满意, "
        "satisfied, 一般, neutral, "
        "不满意, dissatisfied, unsatisfied",
        "  row 5, column '下次回访' = '2026-11-01': 2026-11-01 is before the visit itself "
        "(2026-11-22)",
        "  2 rows, e.g. row 6, row 8: summary is required",
        "  row 7, column '回访时间' = '2026/11/20 10:00': same at as row 2: a duplicate? (--key "
        "FIELD updates existing "
        "records; --allow-duplicate imports anyway)",
        "  row 8, column '回访人' = 'nobody': not on the team in crmctl.yaml (staff: wang, lina, "
        "zhaolei, liuyang, "
        "chenjing, yangfan, zhoumin, huangtao)",
        "  row 9, column '回访时间' = '2026-11-23 09:31': in the future (now is "
        "2026-11-23T09:30:00+08:00)",
    ]
    assert "row 2" not in result.stderr.replace("as row 2", "")
    assert crm.files() == before


def test_same_file_twice_changes_nothing(crm, tmp_path):
    customers(crm)
    path = gbk_file(
        tmp_path,
        "回访编号," + HEADER + "H-1,王女士,2026-11-20 10:00,电话,lina,是,确认订单,,4,\n"
        "H-2,杭州华丰建材有限公司,2026-11-21 10:00,微信,liuyang,是,寄样品,,,\n",
    )
    options = ("--map", "回访编号=extra.erp_id", "--key", "extra.erp_id")
    empty = crm.files()
    plan = crm.json("import", "visits", path, *options, "--dry-run")
    assert [(row["row"], row["action"], row["summary"]) for row in plan] == [
        ("row 2", "create", "确认订单"),
        ("row 3", "create", "寄样品"),
    ]
    assert crm.files() == empty
    crm.ok("import", "visits", path, *options)
    first = crm.files()
    result = crm("import", "visits", path, *options)
    assert result.exit_code == 0 and result.stdout == ""
    assert told(result) == "created 0, updated 0, left 2 unchanged visits\n"
    assert crm.files() == first
    again = crm(
        "import", "visits", path, "--map", "回访编号=extra.erp_id"
    )  # without the key: the same contacts again
    assert again.exit_code == 1 and "same at as V" in again.stderr and crm.files() == first
    path.write_bytes(path.read_bytes().replace("寄样品".encode("gbk"), "寄样品两份".encode("gbk")))
    assert (
        crm.ok("import", "visits", path, *options).strip()
        == crm.json("visit", "list", "--channel", "wechat")[0]["id"]
    )
    assert crm.json("visit", "list", "--channel", "wechat")[0]["summary"] == "寄样品两份"


def test_a_specialist_imports_only_their_own_visits(crm, tmp_path):
    customers(crm)
    path = gbk_file(
        tmp_path,
        HEADER + "杭州华丰建材有限公司,2026-11-20 10:00,电话,,是,自己的,,,\n"
        "杭州华丰建材有限公司,2026-11-21 10:00,电话,zhoumin,是,别人的,,,\n",
    )
    before = crm.files()
    result = crm("import", "visits", path, user="liuyang")
    assert result.exit_code == 1 and crm.files() == before
    assert told(result).splitlines()[1:] == [
        "  row 3: 刘洋 (liuyang) is a specialist and may import only visits they made themselves "
        "(staff zhoumin)"
    ]


def test_call_centre_sheets_name_customers_by_email_or_a_typed_phone(crm, tmp_path):
    ids = customers(crm)
    crm.ok("customer", "edit", "王女士", "--set", "email=Wang@Example.org")
    path = tmp_path / "calls.csv"
    path.write_text(
        "客户邮箱,回访时间,回访方式,回访内容\n"
        "wang@example.org,2026-11-20 10:00,电话,邮箱找到\n"
        "(138)0571-1234,2026-11-20 11:00,电话,括号电话找到\n",
        encoding="utf-8",
    )
    crm.ok("import", "visits", path, "--map", "客户邮箱=customer")
    found = {v["summary"]: v["customer"] for v in crm.json("visit", "list")}
    assert found == {"邮箱找到": ids["王女士"], "括号电话找到": ids["杭州华丰建材有限公司"]}
