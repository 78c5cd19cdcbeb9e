"""Roles as 004 draws them: key-account staff own and serve key accounts, a solution is approved by
someone other than its proposer, and only the first responder logs the reply (首问负责制)."""


def key_account(crm, owner="wang"):
    return crm.ok(
        "customer", "add", "华丰建材", "--grade", "A1", "--owner", owner, "--set", "status=active"
    ).strip()


def refused(crm, *args, user="lina", code=1):
    before = crm.files()
    result = crm(*args, user=user)
    assert result.exit_code == code and "Traceback" not in result.stderr, result.stderr
    assert crm.files() == before
    return result.stderr


def test_a_key_account_specialist_owns_and_visits_a1_customers(crm):
    # liuyang is marked key_account: true (大客户专员) in the template; chenjing is not
    customer = key_account(crm)
    assert crm.ok("assign", customer, "--to", "liuyang").strip() == customer
    crm.ok("customer", "edit", customer, "--set", "secondary_contacts=chenjing")
    visit = crm.ok(
        "visit", "log", customer, "--channel", "onsite", "--reached", "--summary", "季度拜访",
        user="liuyang",
    ).strip()  # fmt: skip
    assert crm.json("visit", "show", visit)["staff"] == "liuyang"
    assert crm.ok("check", user=None) == ""
    assert "key-account staff" in refused(crm, "assign", customer, "--to", "chenjing")


def test_balanced_assignment_shares_key_accounts_among_key_account_staff(crm):
    # every write refuses an unowned key account: they come only from files edited by hand
    first, second = (crm.ok("customer", "add", name).strip() for name in ("甲", "乙"))
    for record_id, grade in ((first, "A1"), (second, "A2")):
        path = crm.root / "records" / "customers" / f"{record_id}.yaml"
        path.write_text(path.read_text().replace("status:", f"grade: {grade}\nstatus:", 1))
    plan = crm.json("assign", first, second, "--auto")
    # both wang (manager) and liuyang (key-account specialist) start with no load: team order, then
    # load
    assert [(row["id"], row["to"]) for row in plan] == [(first, "wang"), (second, "liuyang")]


def proposed(crm, proposer="lina"):
    customer = crm.ok("customer", "add", "甲", "--owner", "liuyang").strip()
    complaint = crm.ok(
        "complaint", "log", customer, "--summary", "地板起鼓", user="liuyang"
    ).strip()
    crm.ok("assign", complaint, "--to", proposer)
    crm.ok(
        "complaint", "judge", complaint, "--valid", "--reason", "成立", "--department", "service",
        "--reply-by", "2026-11-25", user=proposer,
    )  # fmt: skip
    crm.ok(
        "complaint", "investigate", complaint, "--root-cause", "施工", "--responsible", "施工队",
        user=proposer,
    )  # fmt: skip
    crm.ok("complaint", "propose", complaint, "--proposal", "返工", user=proposer)
    return complaint


def test_a_supervisor_may_not_approve_their_own_proposal(crm):
    complaint = proposed(crm)
    error = refused(crm, "complaint", "approve", complaint, "--proposal", "1", user="lina")
    assert "李娜 (lina) proposed solution 1" in error and "self_approval" in error
    crm.ok("complaint", "approve", complaint, "--proposal", "1", user="zhaolei")
    approved = crm.json("complaint", "show", complaint)
    assert (approved["status"], approved["history"][-1]["by"]) == ("approved", "zhaolei")


def test_the_config_may_allow_self_approval(crm):
    config = crm.root / "crmctl.yaml"
    config.write_text(
        config.read_text(encoding="utf-8") + "\napproval:\n  self_approval: true\n",
        encoding="utf-8",
    )
    complaint = proposed(crm)
    assert crm.json("complaint", "approve", complaint, "--proposal", "1")["status"] == "approved"


def test_only_the_first_responder_logs_the_reply(crm):
    customer = crm.ok("customer", "add", "甲", "--owner", "liuyang").strip()
    complaint = crm.ok(
        "complaint", "log", customer, "--summary", "发票错误", user="liuyang"
    ).strip()
    crm.ok("assign", complaint, "--to", "chenjing")
    for user in ("chenjing", "lina", "wang"):
        error = refused(crm, "complaint", "reply", complaint, "--text", "已答复", user=user)
        assert "first responder liuyang (首问负责制)" in error
    # handed over, the duty moves with it
    crm.ok("handover", "liuyang", "--to", "chenjing")
    crm.ok("complaint", "reply", complaint, "--text", "已答复", user="chenjing")
    replied = crm.json("complaint", "show", complaint)
    assert (replied["reply"], replied["first_responder"]) == ("已答复", "chenjing")
