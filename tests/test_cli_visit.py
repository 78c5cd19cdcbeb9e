"""`crmctl visit log|list|show` end to end (now: Monday 2026-11-23 09:30 +08:00, acting as lina)."""

import pytest

LOG = ("visit", "log")


@pytest.fixture
def customer_id(crm):
    return crm.ok(
        "customer",
        "add",
        "杭州华丰建材有限公司",
        "--grade",
        "B1",
        "--owner",
        "liuyang",
        "--mobile",
        "13805711234",
        "--set",
        "secondary_contacts=chenjing",
    ).strip()


def test_log_writes_a_complete_visit_under_its_month_and_leaves_the_customer_alone(
    crm, customer_id
):
    customer_file = crm.root / "records" / "customers" / f"{customer_id}.yaml"
    customer_before = customer_file.read_bytes()
    visit_id = crm.ok(
        *LOG,
        "13805711234",
        "--channel",
        "onsite",
        "--purpose",
        "routine",
        "--reached",
        "--summary",
        "量房, 确认需求",
        "--needs",
        "需要样品",
        "--satisfaction",
        "满意",
        "--next",
        "+3d",
        "--at",
        "2026-11-20T14:00",
        user="liuyang",
    ).strip()
    assert visit_id.startswith("V")
    path = crm.root / "records" / "visits" / "2026" / "11" / f"{visit_id}.yaml"
    assert path.is_file()
    visit = crm.json("visit", "show", visit_id[:10])
    assert {
        k: visit[k]
        for k in (
            "customer",
            "staff",
            "at",
            "channel",
            "purpose",
            "reached",
            "summary",
            "needs",
            "satisfaction",
            "next_followup",
        )
    } == {
        "customer": customer_id,
        "staff": "liuyang",
        "at": "2026-11-20T14:00:00+08:00",
        "channel": "onsite",
        "purpose": "routine",
        "reached": True,
        "summary": "量房, 确认需求",
        "needs": "需要样品",
        "satisfaction": 5,
        "next_followup": "2026-11-23",
    }  # +3d counts from the visit (Fri 11-20), not from today
    assert visit["history"] == [
        {"at": "2026-11-23T09:30:00+08:00", "by": "liuyang", "action": "log"}
    ]
    assert customer_file.read_bytes() == customer_before
    assert "next_followup: 2026-11-23\n" in path.read_text()


def test_unreached_calls_and_messages_are_logged_as_such(crm, customer_id):
    crm.ok(*LOG, customer_id, "--channel", "phone", "--not-reached", "--summary", "无人接听")
    crm.ok(*LOG, customer_id, "--channel", "sms", "--reached", "--summary", "发送产品目录")
    assert [
        (v["channel"], v["reached"]) for v in crm.json("visit", "list", "--customer", customer_id)
    ] == [("phone", False), ("sms", True)]


@pytest.mark.parametrize(
    "args, code, message",
    [
        (("--channel", "phone", "--summary", "x"), 2, "--reached or --not-reached"),
        (("--channel", "phone", "--reached"), 2, "--summary"),
        (("--channel", "phone", "--reached", "--summary", " "), 2, "--summary is required"),
        (
            ("--channel", "fax", "--reached", "--summary", "x"),
            2,
            "--channel 'fax' is not one of: phone (电话), onsite (上门 / on-site)",
        ),
        (
            ("--channel", "phone", "--purpose", "chat", "--reached", "--summary", "x"),
            2,
            "--purpose 'chat' is not one of: routine (常规回访)",
        ),
        (
            ("--channel", "phone", "--reached", "--summary", "x", "--satisfaction", "6"),
            2,
            "is not 1-5",
        ),
        (
            ("--channel", "phone", "--not-reached", "--summary", "x", "--satisfaction", "一般"),
            1,
            "not reached cannot",
        ),
        (
            ("--channel", "phone", "--reached", "--summary", "x", "--at", "2026-11-24T10:00"),
            2,
            "is in the future",
        ),
        (
            (
                "--channel",
                "phone",
                "--reached",
                "--summary",
                "x",
                "--at",
                "2026-11-20",
                "--next",
                "2026-11-19",
            ),
            1,
            "is before the visit itself",
        ),
        (
            ("--channel", "phone", "--reached", "--summary", "x", "--callback", "2026-11-22T10:00"),
            1,
            "is before the visit itself",
        ),
        (
            ("--channel", "phone", "--reached", "--summary", "x", "--next", "soon"),
            2,
            "is not a date",
        ),
    ],
)
def test_bad_visits_are_refused_and_nothing_is_written(crm, customer_id, args, code, message):
    before = crm.files()
    result = crm(*LOG, customer_id, *args)
    assert result.exit_code == code, result.output
    assert message in result.stderr
    assert crm.files() == before


def test_specialists_log_only_for_their_own_or_secondary_customers(crm, customer_id):
    crm.ok(
        *LOG,
        customer_id,
        "--channel",
        "phone",
        "--reached",
        "--summary",
        "协同回访",
        user="chenjing",
    )
    before = crm.files()
    result = crm(
        *LOG, customer_id, "--channel", "phone", "--reached", "--summary", "x", user="yangfan"
    )
    assert result.exit_code == 1 and "may log visits only for customers they own" in result.stderr
    assert crm.files() == before
    crm.ok(
        *LOG,
        customer_id,
        "--channel",
        "phone",
        "--reached",
        "--summary",
        "主管抽查",
        user="zhaolei",
    )


def test_list_filters_by_customer_staff_period_channel_and_purpose(crm, customer_id):
    other = crm.ok("customer", "add", "台州黄岩模具厂", "--owner", "zhoumin").strip()
    logged = {
        "a": crm.ok(
            *LOG,
            customer_id,
            "--channel",
            "phone",
            "--reached",
            "--summary",
            "a",
            "--at",
            "2026-10-30T10:00",
            user="liuyang",
        ).strip(),
        "b": crm.ok(
            *LOG,
            customer_id,
            "--channel",
            "onsite",
            "--purpose",
            "survey",
            "--reached",
            "--summary",
            "b",
            "--at",
            "2026-11-02T10:00",
            user="liuyang",
        ).strip(),
        "c": crm.ok(
            *LOG,
            other,
            "--channel",
            "phone",
            "--reached",
            "--summary",
            "c",
            "--at",
            "2026-11-20T10:00",
            user="zhoumin",
        ).strip(),
    }

    def ids(*args):
        return crm.ok("visit", "list", *args, fmt="ids").split()

    assert ids() == [logged["a"], logged["b"], logged["c"]]  # oldest first, across month folders
    assert ids("--customer", "台州黄岩模具厂") == [logged["c"]]
    assert ids("--by", "liuyang") == [logged["a"], logged["b"]]
    assert ids("--since", "2026-11-01", "--until", "2026-11-02") == [logged["b"]]
    assert (
        ids("--since", "-7d") == [logged["c"]] == ids("--since", "-1w", "--until", "yesterday")
    )  # now: 11-23
    assert ids("--since", "-3w", "--until", "-21d") == [logged["b"]]
    assert ids("--channel", "phone") == [logged["a"], logged["c"]]
    assert ids("--purpose", "survey") == [logged["b"]]
    rows = crm.json("visit", "list", "--by", "zhoumin")
    assert rows[0]["name"] == "台州黄岩模具厂" and "history" not in rows[0]
    table = crm.ok("--lang", "zh", "visit", "list")
    assert "上门" in table and "满意度调查" in table


def test_list_names_the_staff_member_as_as_does_and_refuses_a_stranger(demo):
    by_id = demo.json("visit", "list", "--by", "liuyang")
    assert by_id and demo.json("visit", "list", "--by", "刘洋") == by_id
    result = demo("visit", "list", "--by", "liuyan")
    assert result.exit_code == 1 and "no staff member 'liuyan'" in result.stderr


def test_show_names_unknown_visits_clearly(crm):
    result = crm("visit", "show", "V0000")
    assert result.exit_code == 1 and "no visit 'V0000'" in result.stderr


def test_check_reports_visits_with_unknown_references_and_codes(crm, customer_id):
    visit_id = crm.ok(
        *LOG, customer_id, "--channel", "phone", "--reached", "--summary", "x"
    ).strip()
    path = next((crm.root / "records" / "visits").rglob(f"{visit_id}.yaml"))
    text = path.read_text()
    path.write_text(
        text.replace(customer_id, "C000000000000000").replace("channel: phone", "channel: pigeon")
    )
    result = crm("check")
    relative = path.relative_to(crm.root).as_posix()
    assert result.exit_code == 1
    assert f"{relative}:1: customer: no customer C000000000000000" in result.stdout
    assert f"{relative}:4: channel: 'pigeon' is not a channel" in result.stdout


def test_chinese_visit_table_names_the_summary_column_as_a_visit_field(demo):
    # The ledger's totals section once shared the label key `summary` and renamed this column 汇总.
    header = demo.ok("--lang", "zh", "visit", "list").splitlines()[0]
    assert "回访内容" in header and "汇总" not in header


def test_a_reached_sms_is_logged_with_a_note_that_it_does_not_reset_the_cadence(demo):
    customer = demo.json("customer", "list", "--owner", "liuyang")[0]["id"]
    result = demo(
        "visit",
        "log",
        customer,
        "--channel",
        "sms",
        "--reached",
        "--summary",
        "节日问候短信",
        user="liuyang",
    )
    assert (
        result.exit_code == 0
        and "does not count as a contact for the grade cadence" in result.stderr
    )
    result = demo(
        "visit",
        "log",
        customer,
        "--channel",
        "phone",
        "--reached",
        "--summary",
        "电话回访",
        user="liuyang",
    )
    assert result.exit_code == 0 and "grade cadence" not in result.stderr
