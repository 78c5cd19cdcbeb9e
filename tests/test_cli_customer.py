import json

import pytest


def test_add_show_edit_list_with_chinese_and_tricky_strings(crm):
    new_id = crm.ok(
        "customer",
        "add",
        "no",
        "--owner",
        "liuyang",
        "--phone",
        "0571-88881234",
        "--set",
        "tags=会员,优质",
        "--set",
        "notes=第一行\n第二行",
        "--set",
        "birthday=1985-06-01",
        "--set",
        "annual_volume=8.5",
        "--set",
        "wechat=0123",
    ).strip()
    record = crm.json("customer", "show", new_id)
    assert (
        record["name"] == "no" and record["phone"] == "0571-88881234" and record["wechat"] == "0123"
    )
    assert (
        record["tags"] == ["会员", "优质"]
        and record["notes"] == "第一行\n第二行"
        and record["annual_volume"] == 8.5
    )
    assert record["history"] == [
        {"at": "2026-11-23T09:30:00+08:00", "by": "lina", "action": "create"}
    ]
    text = (crm.root / "records" / "customers" / f"{new_id}.yaml").read_text()
    assert "name: 'no'\n" in text and "birthday: 1985-06-01\n" in text
    crm.ok("customer", "edit", new_id[:8].lower(), "--set", "region=华东", user="liuyang")
    assert [c["id"] for c in crm.json("customer", "list", "--region", "华东")] == [new_id]
    assert crm.json("customer", "show", "0571 8888 1234")["region"] == "华东"


def test_list_filters_and_free_text(demo):
    everyone = demo.json("customer", "list")
    assert len(everyone) == 60
    a_grade = demo.json("customer", "list", "--grade", "A")
    assert (
        a_grade
        and {c["grade"] for c in a_grade} == {"A1", "A2"}
        and {c["owner"] for c in a_grade} == {"wang"}
    )
    lost = demo.json("customer", "list", "--status", "lost")
    assert lost and all(c["status"] == "lost" and c["lost_reason"] for c in lost)
    one = everyone[0]
    assert [c["id"] for c in demo.json("customer", "list", one["mobile"][-6:])] == [one["id"]]
    assert demo.ok("customer", "list", "--grade", "A", fmt="ids").split() == [
        c["id"] for c in a_grade
    ]


def test_list_names_the_owner_as_as_does_and_refuses_a_stranger(demo):
    by_id = demo.json("customer", "list", "--owner", "liuyang")
    assert by_id and demo.json("customer", "list", "--owner", "刘洋") == by_id
    assert demo.json("customer", "list", "--owner", "liu.yang@example.com") == by_id
    result = demo("customer", "list", "--owner", "liuyan")
    assert (
        result.exit_code == 1
        and "no staff member 'liuyan'" in result.stderr
        and result.stdout == ""
    )


def _cell_starts(line):
    """Display columns where cells start (a cell follows two or more spaces)."""
    from wcwidth import wcwidth

    starts, position, spaces = [0], 0, 0
    for char in line:
        if char != " " and spaces >= 2:
            starts.append(position)
        spaces = spaces + 1 if char == " " else 0
        position += wcwidth(char)
    return starts


def test_tables_line_up_chinese_and_switch_language(demo):
    table = demo.ok("--lang", "zh", "customer", "list", "--grade", "A1")
    header, rule, *rows = table.splitlines()
    assert header.startswith("编号") and "负责人" in header and "王建国" in table
    for row in rows:  # id, name, grade, status, owner are never empty here
        assert _cell_starts(row)[:5] == _cell_starts(header)[:5], row


def test_csv_and_yaml_outputs_are_parseable(demo):
    import csv
    import io

    import yaml

    rows = list(csv.DictReader(io.StringIO(demo.ok("customer", "list", "--grade", "A", fmt="csv"))))
    assert rows and rows[0]["grade"] in ("A1", "A2")
    assert len(yaml.safe_load(demo.ok("customer", "list", "--grade", "A", fmt="yaml"))) == len(rows)


def test_customer_list_csv_neutralises_formulas_as_export_does(crm):
    import csv
    import io

    formula = '=HYPERLINK("http://x.example","click")'
    crm.ok("customer", "add", formula, "--phone", "+86 139 0000 1111")
    for listed in (crm.ok("customer", "list", fmt="csv"), crm.ok("export", "customers")):
        (row,) = csv.DictReader(io.StringIO(listed))
        assert row["name"] == "'" + formula


def test_ids_from_stdin(demo):
    wanted = demo.ok("customer", "list", "--grade", "A1", fmt="ids")
    shown = json.loads(
        "["
        + demo.ok("customer", "show", "-", fmt="json", input=wanted).replace("}\n{", "},{")
        + "]"
    )
    assert [c["id"] for c in shown] == wanted.split()


def test_lose_needs_a_reason_and_records_it(crm):
    new_id = crm.ok("customer", "add", "甲公司").strip()
    assert crm("customer", "lose", new_id).exit_code == 2
    crm.ok("customer", "lose", new_id, "--reason", "价格原因")
    record = crm.json("customer", "show", new_id)
    assert (
        record["status"] == "lost"
        and record["lost_reason"] == "价格原因"
        and record["history"][-1]["action"] == "lose"
    )


def test_grade_review_and_apply(demo):
    rows = demo.json("customer", "grade")
    assert rows and all(row["suggested"] != row["grade"] for row in rows)
    assert demo("customer", "grade", "--apply", user="liuyang").exit_code == 1
    demo.ok("customer", "grade", "--apply", user="lina")
    assert demo.json("customer", "grade") == []
    changed = demo.json("customer", "show", rows[0]["id"])
    assert changed["grade"] == rows[0]["suggested"] and changed["history"][-1]["action"] == "grade"


@pytest.mark.parametrize(
    "args, user, words",
    [
        (
            ["customer", "add", "甲", "--owner", "nobody"],
            "lina",
            "no staff member 'nobody' (team: wang 王建国",
        ),
        (
            ["customer", "add", "甲", "--grade", "A1", "--owner", "chenjing"],
            "lina",
            "must be a manager or key-account staff",
        ),
        (["customer", "add", "甲", "--set", "birthday=2026-02-30"], "lina", "not a valid date"),
        (["customer", "add", "甲", "--set", "email=not-an-email"], "lina", "email"),
        (["customer", "add", "甲", "--owner", "chenjing"], "liuyang", "specialist"),
        (["customer", "add", "甲", "--set", "colour=red"], "lina", "unknown field 'colour'"),
        (["customer", "add", "甲", "--set", "history=x"], "lina", "cannot be set"),
        (["customer", "add", "甲", "--set", "annual_volume=lots"], "lina", "not a number"),
        (["customer", "add", "甲"], "nobody@example.com", "not on the team"),
    ],
)
def test_bad_input_exits_1_and_writes_nothing(crm, args, user, words):
    before = crm.files()
    result = crm(*args, user=user)
    assert (
        result.exit_code == 1
        and result.stderr.startswith("crmctl: error:")
        and words in result.stderr
    )
    assert "Traceback" not in result.stderr and crm.files() == before


@pytest.mark.parametrize(
    "args, words",
    [
        (["customer", "add", "甲", "--set", "grade"], "FIELD=VALUE"),
        (["customer", "list", "--status", "sleeping"], "'sleeping' is not one of: active (活跃)"),
        (["customer", "add", "甲", "--grade", "Z9"], "--grade 'Z9' is not one of: A1 (A一级"),
    ],
)
def test_usage_errors_exit_2(crm, args, words):
    result = crm(*args)
    assert result.exit_code == 2 and words in result.stderr and crm.files() == {}


def test_specialists_edit_only_their_own_customers(demo):
    mine = demo.json("customer", "list", "--owner", "liuyang")[0]
    before = demo.files()
    result = demo("customer", "edit", mine["id"], "--set", "region=华南", user="chenjing")
    assert (
        result.exit_code == 1
        and "only their own customers" in result.stderr
        and demo.files() == before
    )
    assert (
        demo("customer", "edit", mine["id"], "--set", "owner=chenjing", user="liuyang").exit_code
        == 1
    )
    demo.ok("customer", "edit", mine["id"], "--set", "owner=chenjing", user="lina")


def test_unknown_and_ambiguous_references(demo):
    result = demo("customer", "show", "C1")
    assert result.exit_code == 1 and "ambiguous" in result.stderr
    result = demo("customer", "show", "不存在的公司")
    assert result.exit_code == 1 and "no customer" in result.stderr
    result = demo("customer", "edit", "../../etc/passwd", "--set", "region=x")
    assert result.exit_code == 1 and "no customer" in result.stderr


def test_duplicates_are_refused_unless_asked(crm):
    crm.ok("customer", "add", "甲公司", "--mobile", "13800001111")
    result = crm("customer", "add", "乙公司", "--mobile", "138 0000 1111")
    assert result.exit_code == 1 and "same details" in result.stderr
    crm.ok("customer", "add", "乙公司", "--mobile", "138 0000 1111", "--allow-duplicate")


def test_unchanged_edit_writes_nothing(crm):
    new_id = crm.ok("customer", "add", "甲公司", "--set", "region=华东").strip()
    before = crm.files()
    result = crm(
        "customer", "edit", new_id, "--set", "region=华东", now="2026-11-24T10:00:00+08:00"
    )
    assert result.exit_code == 0 and "nothing changed" in result.stderr and crm.files() == before


def test_a_prospect_is_won_by_an_edit_and_losing_needs_a_reason(crm):
    new_id = crm.ok("customer", "add", "甲公司").strip()
    crm.ok("customer", "edit", new_id, "--set", "status=active", "--note", "签订首单")
    assert crm.json("customer", "show", new_id)["status"] == "active"
    before = crm.files()
    result = crm("customer", "edit", new_id, "--set", "status=lost")
    assert result.exit_code == 1 and "reason" in result.stderr and crm.files() == before


def test_renaming_into_another_customers_name_is_refused_unless_asked(crm):
    crm.ok("customer", "add", "甲公司", "--mobile", "13800001111")
    other = crm.ok("customer", "add", "乙公司").strip()
    before = crm.files()
    result = crm("customer", "edit", other, "--set", "name=甲公司")
    assert result.exit_code == 1 and "same details" in result.stderr and crm.files() == before
    result = crm("customer", "edit", other, "--set", "mobile=138 0000 1111")
    assert result.exit_code == 1 and "same details" in result.stderr and crm.files() == before
    crm.ok("customer", "edit", other, "--set", "region=华东")  # untouched keys are not re-judged
    crm.ok("customer", "edit", other, "--set", "name=甲公司", "--allow-duplicate")
    assert crm.json("customer", "show", other)["name"] == "甲公司"
