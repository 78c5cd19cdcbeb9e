"""Assignment and handover through the CLI. Template weights: liuyang 1.2, chenjing 1.0, yangfan
0.8, zhoumin 1.0, huangtao 1.0; ties go by team order (wang, lina, zhaolei, liuyang, chenjing,
yangfan, …)."""

NOW = "2026-11-23T09:30:00+08:00"
ACTIVE = ("--set", "status=active")  # load counts active customers and open complaints (issue #4)


def customer(crm, name, owner=None, *options):
    return crm.ok("customer", "add", name, *(["--owner", owner] if owner else []), *options).strip()


def refused(crm, *args, user="lina", code=1):
    before, config = crm.files(), (crm.root / "crmctl.yaml").read_bytes()
    result = crm(*args, user=user)
    assert result.exit_code == code, result.stderr
    assert crm.files() == before and (crm.root / "crmctl.yaml").read_bytes() == config
    return result.stderr


def test_assign_ids_from_stdin_records_the_owner_change(crm):
    first, second = customer(crm, "甲公司", "liuyang"), customer(crm, "乙公司", "liuyang")
    ids = crm.ok("customer", "list", "--owner", "liuyang", fmt="ids")
    assert crm.ok("assign", "-", "--to", "chenjing", input=ids).split() == [first, second]
    record = crm.json("customer", "show", first)
    assert record["owner"] == "chenjing"
    assert record["history"][-1] == {
        "at": NOW,
        "by": "lina",
        "action": "assign",
        "changes": {"owner": {"from": "liuyang", "to": "chenjing"}},
    }
    tid = crm.ok("complaint", "log", first, "--summary", "发票错误", user="chenjing").strip()
    assert crm.ok("assign", tid[:8], "--to", "yangfan", "--note", "熟悉账务").strip() == tid
    complaint = crm.json("complaint", "show", tid)
    assert (complaint["handler"], complaint["first_responder"]) == ("yangfan", "chenjing")
    assert complaint["history"][-1]["changes"] == {"handler": {"from": "chenjing", "to": "yangfan"}}


def test_assign_role_rules(crm):
    plain = customer(crm, "甲公司", "liuyang")
    key = customer(crm, "大客户公司", "wang", "--grade", "A1")
    assert "specialist; assigning and reassigning" in refused(
        crm, "assign", plain, "--to", "chenjing", user="liuyang"
    )
    assert (
        "A1 is a key account (大客户): its owner must be a manager or key-account staff"
        in refused(crm, "assign", key, "--to", "chenjing")
    )
    config = crm.root / "crmctl.yaml"
    config.write_bytes(
        config.read_bytes().replace(
            b"  region: \xe5\x8d\x8e\xe5\x8c\x97\n",
            "  region: 华北\n  away_until: 2026-12-01\n".encode(),
        )
    )
    assert "杨帆 (yangfan) is away until 2026-12-01" in refused(
        crm, "assign", plain, "--to", "yangfan"
    )
    assert "give either --to USER or --auto" in refused(crm, "assign", plain, code=2)


def test_auto_assign_balances_by_weighted_load(crm):
    for name, owner in (("甲", "liuyang"), ("乙", "liuyang"), ("丙", "chenjing")):
        customer(crm, name, owner, *ACTIVE)
    lost = customer(crm, "丁", "zhoumin", *ACTIVE)
    crm.ok("customer", "lose", lost, "--reason", "转向竞争对手")  # lost: no load
    new = [customer(crm, name) for name in ("戊", "己", "庚", "辛")]
    # every write refuses an unowned key account: one comes only from a file edited by hand
    key = customer(crm, "大客户")
    path = crm.root / "records" / "customers" / f"{key}.yaml"
    path.write_text(path.read_text().replace("status:", "grade: A2\nstatus:", 1))
    # loads per weight: liuyang 2/1.2, chenjing 1, yangfan 0, zhoumin 0, huangtao 0 戊 -> yangfan
    # (then 1/0.8 = 1.25), 己 -> zhoumin, 庚 -> huangtao, 辛 -> chenjing (1, first of the 1s), A2 ->
    # wang
    plan = crm.json("assign", "--auto", "--dry-run")
    assert [(row["id"], row["to"]) for row in plan] == [
        (new[0], "yangfan"),
        (new[1], "zhoumin"),
        (new[2], "huangtao"),
        (new[3], "chenjing"),
        (key, "wang"),
    ]
    assert (
        crm.json("assign", "--auto", "--dry-run") == plan
    )  # deterministic, and the dry run wrote nothing
    crm.ok("assign", "--auto")
    owners = {row["id"]: row.get("owner") for row in crm.json("customer", "list")}
    assert [owners[i] for i in [*new, key]] == [
        "yangfan",
        "zhoumin",
        "huangtao",
        "chenjing",
        "wang",
    ]
    assert crm.json("assign", "--auto") == []


def test_handover_of_a_busy_specialist_leaves_nothing_unowned(crm):
    customers = [customer(crm, name, "liuyang", *ACTIVE) for name in ("甲", "乙", "丙")]
    other = customer(crm, "戊", "chenjing", *ACTIVE)
    handled = crm.ok(
        "complaint",
        "log",
        customers[0],
        "--summary",
        "账单有误",
        "--category",
        "billing",
        user="liuyang",
    ).strip()
    escalated = crm.ok(
        "complaint",
        "log",
        customers[1],
        "--summary",
        "服务态度",
        "--category",
        "service",
        user="liuyang",
    ).strip()
    crm.ok("escalate", escalated, "--reason", "需主管处理", user="liuyang")
    closed = crm.ok(
        "complaint",
        "log",
        customers[2],
        "--summary",
        "咨询价格",
        "--kind",
        "inquiry",
        user="liuyang",
    ).strip()
    for step in (("answer", "--text", "已答复"), ("close",)):
        crm.ok("complaint", step[0], closed, *step[1:], user="liuyang")
    config_before = (crm.root / "crmctl.yaml").read_bytes()

    plan = crm.json("handover", "liuyang", "--auto", "--dry-run")
    assert crm.json("handover", "liuyang", "--auto", "--dry-run") == plan
    assert (crm.root / "crmctl.yaml").read_bytes() == config_before
    # loads without liuyang: chenjing 1 (戊), others 0. 甲 -> yangfan (0 -> 1.25), 乙 -> zhoumin, 丙
    # -> huangtao; the billing complaint: yangfan (billing skill; 1.25 < nobody else skilled but
    # liuyang)
    assert [(row["id"], row["field"], row["to"]) for row in plan] == [
        (customers[0], "owner", "yangfan"),
        (customers[1], "owner", "zhoumin"),
        (customers[2], "owner", "huangtao"),
        (handled, "handler", "yangfan"),
        (handled, "first_responder", "yangfan"),
        (escalated, "first_responder", "lina"),
    ]

    changed = crm.ok("handover", "liuyang", "--auto", user="zhaolei").split()
    assert changed == [*customers, handled, escalated]
    owners = {row["id"]: row.get("owner") for row in crm.json("customer", "list")}
    assert (
        "liuyang" not in owners.values()
        and None not in owners.values()
        and owners[other] == "chenjing"
    )
    moved = crm.json("customer", "show", customers[0])["history"][-1]
    assert moved["action"] == "handover" and moved["changes"] == {
        "owner": {"from": "liuyang", "to": "yangfan"}
    }
    assert moved["note"] == "liuyang left; handed over by zhaolei"
    complaints = {row["id"]: row for row in crm.json("complaint", "list")}
    assert (complaints[handled]["handler"], complaints[handled]["first_responder"]) == (
        "yangfan",
        "yangfan",
    )
    assert (complaints[escalated]["handler"], complaints[escalated]["first_responder"]) == (
        "lina",
        "lina",
    )
    assert (
        complaints[closed]["first_responder"] == "liuyang"
    )  # closed records keep their history as it was
    config = (crm.root / "crmctl.yaml").read_bytes()
    assert (
        config.count(b"active: false") == 1
        and config.replace(b"active: false", b"active: true") == config_before
    )
    # nothing wrong; an ungraded active customer is only warned about (it has no cadence)
    assert all(" warning: " in line for line in crm.ok("check", user=None).splitlines())
    assert "has left the team" in crm("customer", "add", "新公司", user="liuyang").stderr


def test_handover_to_one_person_keeps_key_accounts_with_managers(crm):
    key = customer(crm, "大客户", "wang", "--grade", "A1")
    error = refused(crm, "handover", "wang", "--to", "lina")
    assert (
        f"customer {key}: A1 is a key account (大客户): its owner must be a manager or key-account "
        "staff (key_account: true in crmctl.yaml: wang, liuyang), not supervisor 李娜 (lina)"
        in error
    )
    assert "nothing was changed" in error
    assert "specialist; assigning" in refused(
        crm, "handover", "liuyang", "--to", "chenjing", user="chenjing"
    )


def test_handover_is_all_or_nothing_with_the_config_edit(crm, monkeypatch):
    from crmctl.errors import CrmError
    from crmctl.store import team_file

    customer(crm, "甲", "liuyang")

    def cannot_edit(data, staff_id):
        raise CrmError("could not mark 'liuyang' inactive in crmctl.yaml safely")

    monkeypatch.setattr(team_file, "with_staff_inactive", cannot_edit)
    assert "could not mark 'liuyang' inactive" in refused(
        crm, "handover", "liuyang", "--to", "chenjing"
    )


def test_staff_are_named_by_id_email_or_name_as_everywhere(crm):
    first = customer(crm, "甲公司", "liuyang")
    assert crm.ok("assign", first, "--to", "陈静").strip() == first
    assert crm.json("customer", "show", first)["owner"] == "chenjing"
    assert crm.ok("assign", first, "--to", "Yang.Fan@example.com").strip() == first
    assert crm.json("customer", "show", first)["owner"] == "yangfan"
    assert "no staff member '陈某' (team: wang 王建国, lina 李娜" in refused(
        crm, "assign", first, "--to", "陈某"
    )
    result = crm("handover", "杨帆", "--to", "陈静")
    assert result.exit_code == 0, result.stderr
    assert "杨帆 (yangfan) is now inactive" in result.stderr
    assert crm.json("customer", "show", first)["owner"] == "chenjing"
