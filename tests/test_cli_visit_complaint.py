"""`crmctl visit log … --complaint`: raising a complaint from a visit, or linking an existing one
(now: Monday 2026-11-23 09:30 +08:00; the customer is liuyang's, chenjing its secondary contact)."""

import pytest

LOG = ("visit", "log")
VISIT = (
    "--channel",
    "onsite",
    "--reached",
    "--summary",
    "现场查看展厅地板",
    "--at",
    "2026-11-20T10:00",
)


@pytest.fixture
def customer_id(crm):
    return crm.ok(
        "customer",
        "add",
        "杭州华丰建材有限公司",
        "--owner",
        "liuyang",
        "--mobile",
        "13805711234",
        "--set",
        "secondary_contacts=chenjing",
    ).strip()


def test_a_complaint_raised_in_a_visit_is_written_with_it_and_both_point_at_each_other(
    crm, customer_id
):
    out = crm.ok(
        *LOG,
        customer_id,
        *VISIT,
        "--complaint",
        "展厅地板起鼓, 要求返工",
        "--severity",
        "major",
        "--category",
        "product",
        user="chenjing",
    ).split()
    visit_id, complaint_id = out
    assert visit_id.startswith("V") and complaint_id.startswith("T")
    assert sorted(crm.files()) == sorted(
        [
            f"records/customers/{customer_id}.yaml",
            f"records/visits/2026/11/{visit_id}.yaml",
            f"records/complaints/{complaint_id}.yaml",
        ]
    )
    assert crm.json("visit", "show", visit_id)["complaint"] == complaint_id
    complaint = crm.json("complaint", "show", complaint_id)
    assert {
        key: complaint[key]
        for key in (
            "customer",
            "kind",
            "severity",
            "category",
            "channel",
            "summary",
            "received",
            "first_responder",
            "handler",
            "status",
            "visits",
        )
    } == {
        "customer": customer_id,
        "kind": "complaint",
        "severity": "major",
        "category": "product",
        "channel": "visit",  # the complaint_channels entry marked during_visit in crmctl.yaml
        "summary": "展厅地板起鼓, 要求返工",
        "received": "2026-11-20T10:00:00+08:00",  # when the visit happened, not when it was logged
        "first_responder": "chenjing",
        "handler": "chenjing",
        "status": "received",
        "visits": [visit_id],
    }
    # received Fri 10:00, major: acknowledge within 4 office hours -> Fri 14:30 + 2h30 = 17:00,
    # already missed
    assert complaint["breaches"] == ["acknowledge"]
    assert f"visits                V{visit_id[1:]}" in crm.ok("complaint", "show", complaint_id)
    assert crm("check", user=None).exit_code == 0


def test_a_crisis_raised_in_a_visit_starts_with_a_manager_and_other_kinds_are_kept(
    crm, customer_id
):
    crisis = crm.ok(
        *LOG,
        customer_id,
        *VISIT,
        "--complaint",
        "地板开裂伤人",
        "--severity",
        "crisis",
        user="liuyang",
    ).split()[1]
    record = crm.json("complaint", "show", crisis)
    assert (record["handler"], record["first_responder"]) == ("wang", "liuyang")
    idea = crm.ok(
        *LOG,
        customer_id,
        *VISIT,
        "--complaint",
        "希望周末也能送货",
        "--kind",
        "suggestion",
        "--category",
        "delivery",
        user="liuyang",
    ).split()[1]
    assert crm.json("complaint", "show", idea)["kind"] == "suggestion"


def test_the_during_a_visit_channel_comes_from_the_config(crm, customer_id):
    config = crm.root / "crmctl.yaml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("code: visit,", "code: on_visit,"),
        encoding="utf-8",
    )
    complaint_id = crm.ok(
        *LOG, customer_id, *VISIT, "--complaint", "送货晚了三天", user="liuyang"
    ).split()[1]
    assert crm.json("complaint", "show", complaint_id)["channel"] == "on_visit"


def test_an_existing_complaint_named_by_id_prefix_gets_the_visit_linked(crm, customer_id):
    complaint_id = crm.ok(
        "complaint", "log", customer_id, "--summary", "地板起鼓", user="liuyang"
    ).strip()
    out = crm.ok(
        *LOG, customer_id, *VISIT, "--complaint", complaint_id[:10].lower(), user="liuyang"
    ).split()
    visit_id = out[0]
    assert out == [visit_id, complaint_id]
    assert crm.json("visit", "show", visit_id)["complaint"] == complaint_id
    complaint = crm.json("complaint", "show", complaint_id)
    assert complaint["visits"] == [visit_id]
    assert complaint["history"][-1] == {
        "at": "2026-11-23T09:30:00+08:00",
        "by": "liuyang",
        "action": "link_visit",
        "changes": {"visits": {"to": [visit_id]}},
    }
    assert len(crm.ok("complaint", "list", fmt="ids").split()) == 1
    assert crm("check", user=None).exit_code == 0


@pytest.mark.parametrize(
    "options, code, message",
    [
        (
            ("--complaint", "送货晚了", "--severity", "huge"),
            2,
            "--severity 'huge' is not one of",
        ),
        (("--complaint", "送货晚了", "--kind", "rant"), 2, "--kind 'rant' is not one of"),
        (
            ("--complaint", "送货晚了", "--category", "weather"),
            2,
            "--category 'weather' is not one of",
        ),
        (("--complaint", "送货晚了", "--next", "2026-11-19"), 1, "is before the visit itself"),
        (("--complaint", " "), 2, "--complaint needs what the customer complained about"),
        (
            ("--complaint", "t1zzzz"),
            1,
            "no complaint 't1zzzz'; to raise a new complaint, describe it in words",
        ),
        (
            ("--severity", "major"),
            2,
            "--kind, --severity and --category are for a complaint raised with --complaint",
        ),
    ],
)
def test_a_bad_visit_or_complaint_writes_neither(crm, customer_id, options, code, message):
    before = crm.files()
    result = crm(*LOG, customer_id, *VISIT, *options, user="liuyang")
    assert result.exit_code == code, result.output
    assert message in result.stderr
    assert crm.files() == before


def test_linking_refuses_new_complaint_options_and_complaints_of_other_customers(crm, customer_id):
    other = crm.ok("customer", "add", "台州黄岩模具厂", "--owner", "liuyang").strip()
    complaint_id = crm.ok(
        "complaint", "log", other, "--summary", "模具尺寸不对", user="liuyang"
    ).strip()
    before = crm.files()
    result = crm(*LOG, customer_id, *VISIT, "--complaint", complaint_id, user="liuyang")
    assert result.exit_code == 1
    assert (
        f"complaint {complaint_id} is about customer {other}, not 杭州华丰建材有限公司"
        in result.stderr
    )
    result = crm(
        *LOG, other, *VISIT, "--complaint", complaint_id, "--severity", "major", user="liuyang"
    )
    assert (
        result.exit_code == 2
        and f"are for a new complaint, and {complaint_id} already exists" in result.stderr
    )
    assert crm.files() == before


def test_help_explains_both_uses_with_examples(crm):
    text = " ".join(crm.ok(*LOG, "--help").split())
    assert (
        "--complaint TEXT raises a complaint" in text
        and "--complaint ID links an existing complaint" in text
    )
    assert "--complaint '展厅地板起鼓'" in text


def test_complaint_log_and_visit_log_describe_a_new_complaint_alike():
    from crmctl.cli.complaint import log as complaint_log
    from crmctl.cli.visit import log as visit_log

    def described(command) -> dict:
        return {
            param.name: (param.opts, param.help, param.type.vocabulary)
            for param in command.params
            if param.name in ("kind", "severity", "category")
        }

    assert described(visit_log) == described(complaint_log)
    assert set(described(visit_log)) == {"kind", "severity", "category"}
