"""Nobody falls out: `check` warns of active customers no cadence reaches, key accounts with too few
staff contacts (004 第13条) and leavers still named as contacts; handover replaces them; a key
account's information falls due for a refresh every month (004 6.3)."""

import pytest


def add(crm, name, *options, now=None):
    kwargs = {"now": now} if now else {}
    return crm.ok("customer", "add", name, *options, **kwargs).strip()


def warnings(crm):
    result = crm("check", user=None)
    assert result.exit_code == 0, result.stdout
    return [line for line in result.stdout.splitlines() if " warning: " in line]


def test_an_ungraded_active_customer_is_warned_about(crm):
    plain = add(crm, "甲", "--owner", "liuyang", "--set", "status=active")
    fits = add(crm, "乙", "--owner", "liuyang", "--set", "status=active", "--set", "margin=low")
    add(crm, "丙", "--owner", "liuyang")  # a prospect: no cadence asked of it yet
    found = warnings(crm)
    assert len(found) == 2
    (mine,) = [line for line in found if plain in line]
    assert "grade: an active customer with no grade has no contact cadence" in mine
    assert f"no grade rule fits it either: set one by hand (crmctl customer edit {plain}" in mine
    (other,) = [line for line in found if fits in line]
    assert "the grade rules suggest C: crmctl customer grade --apply" in other


def key_account(crm, *contacts, now=None):
    options = ["--set", f"secondary_contacts={','.join(contacts)}"] if contacts else []
    return add(
        crm, "华丰建材", "--grade", "A1", "--owner", "wang", "--set", "status=active", *options,
        now=now,
    )  # fmt: skip


@pytest.mark.parametrize("contacts, warned", [((), True), (("liuyang",), False)])
def test_a_key_account_needs_two_staff_contacts(crm, contacts, warned):
    customer = key_account(crm, *contacts)
    found = [line for line in warnings(crm) if customer in line]
    assert bool(found) == warned
    if warned:
        assert "secondary_contacts: a key account needs 2 or more staff contacts" in found[0]


def test_the_number_of_contacts_is_config(crm):
    config = crm.root / "crmctl.yaml"
    config.write_text(
        config.read_text(encoding="utf-8") + "\ncustomers:\n  key_account_contacts: 3\n",
        encoding="utf-8",
    )
    customer = key_account(crm, "liuyang")
    (line,) = [line for line in warnings(crm) if customer in line]
    assert "needs 3 or more staff contacts (004 第13条), it has 2" in line


def leave(crm, who):
    config = crm.root / "crmctl.yaml"
    text = config.read_text(encoding="utf-8")
    start = text.index(f"- id: {who}\n")
    end = text.index("  active: true\n", start)
    config.write_text(text[:end] + "  active: false\n" + text[end + 15 :], encoding="utf-8")


def test_a_leaver_left_as_secondary_contact_is_warned_about(crm):
    customer = key_account(crm, "chenjing", "liuyang")
    leave(crm, "chenjing")
    (line,) = [line for line in warnings(crm) if customer in line]
    assert "secondary_contacts[0]: 陈静 (chenjing) has left and is still a contact" in line
    assert "crmctl handover chenjing replaces them" in line


@pytest.mark.parametrize("how", [("--to", "yangfan"), ("--auto",)])
def test_handover_replaces_the_leaver_as_secondary_contact(crm, how):
    customer = key_account(crm, "chenjing", "liuyang")
    crm.ok("handover", "chenjing", *how)
    record = crm.json("customer", "show", customer)
    assert "chenjing" not in record["secondary_contacts"]
    assert record["secondary_contacts"][1] == "liuyang" and len(record["secondary_contacts"]) == 2
    if how[0] == "--to":
        assert record["secondary_contacts"][0] == "yangfan"
    assert record["history"][-1]["changes"]["secondary_contacts"]["from"] == [
        "chenjing",
        "liuyang",
    ]
    assert warnings(crm) == []


def profile_due(crm, now):
    rows = crm.json("due", "--kind", "profile_refresh", "--within", "60d", now=now)
    return [(row["record_id"], row["due"], row["owner"]) for row in rows]


def test_a_key_accounts_information_falls_due_monthly(crm):
    customer = key_account(crm, "liuyang", now="2026-09-07T10:00:00+08:00")
    plain = add(crm, "乙", "--grade", "B1", "--owner", "liuyang", now="2026-09-07T10:00:00+08:00")
    # 30 days after Monday 09-07 is 10-07, in the 国庆 holidays: Thursday 10-08; only the key
    # account
    assert profile_due(crm, "2026-09-20T10:00:00+08:00") == [(customer, "2026-10-08", "wang")]
    assert plain not in [row[0] for row in profile_due(crm, "2026-11-20T10:00:00+08:00")]
    # edited on Friday 11-20: next on 12-20, a Sunday, so Monday 12-21
    crm.ok("customer", "edit", customer, "--set", "phone=0571-88880000", now="2026-11-20T10:00")
    assert profile_due(crm, "2026-11-20T11:00:00+08:00") == [(customer, "2026-12-21", "wang")]
    # checked with the customer on Friday 12-04 and nothing changed: profile_checked records it;
    # 30 days later is Sunday 2027-01-03, so Monday 01-04
    crm.ok("customer", "edit", customer, "--set", "profile_checked=2026-12-04", now="2026-12-04")
    assert profile_due(crm, "2026-12-04T11:00:00+08:00") == [(customer, "2027-01-04", "wang")]
