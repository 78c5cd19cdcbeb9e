"""Validation people expect: numbers typed as people type them are accepted and found, a mobile that
is none is refused, a key account without an owner is refused; a specialist's customer is theirs."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    "option, typed, looked_up",
    [
        ("--mobile", "１３８ ０５７１ １２３４", "13805711234"),
        ("--mobile", "+86 138-0571-1234", "138 0571 1234"),
        ("--phone", "(0571) 8888.6666 转 123", "0571-88886666"),
        ("--phone", "0571-88886666 ext 8", "(0571) 88886666"),
    ],
)
def test_numbers_typed_any_way_are_accepted_and_found(crm, option, typed, looked_up):
    cid = crm.ok("customer", "add", "甲", option, typed, user="liuyang").strip()
    assert crm.json("customer", "show", looked_up)["id"] == cid


@pytest.mark.parametrize(
    "option, typed, kept",
    [
        ("--mobile", "１３８ ０５７１ １２３４", "13805711234"),
        ("--phone", "(0571) 8888.6666 转 123", "0571-88886666转123"),
        ("--phone", "0571-88886666 ext 8", "0571-88886666转8"),
        ("--phone", "(0571) 8888 6666", "0571-88886666"),
        ("--mobile", "+86 139 0000 1111", "+86 139 0000 1111"),  # plain: kept as typed
    ],
)
def test_numbers_not_plain_are_kept_in_one_form(crm, option, typed, kept):
    cid = crm.ok("customer", "add", "甲", option, typed, user="liuyang").strip()
    assert crm.json("customer", "show", cid)[option.removeprefix("--")] == kept


@pytest.mark.parametrize(
    "typed, why",
    [
        ("1380571123", "is not a mobile number (11 digits from 13-19"),
        ("12805711234", "is not a mobile number"),
        ("0571-88886666", "a landline goes in --phone"),
        ("abc", "is not a phone number"),
    ],
)
def test_a_mobile_that_is_none_is_refused(crm, typed, why):
    result = crm("customer", "add", "甲", "--mobile", typed, user="liuyang")
    assert result.exit_code == 1 and f"mobile: '{typed}' " in result.stderr and why in result.stderr
    assert crm.files() == {}


def test_a_key_account_needs_an_owner(crm):
    result = crm("customer", "add", "大客户甲", "--grade", "A1", user="lina")
    assert result.exit_code == 1
    assert "A1 is a key account (大客户) and needs an owner" in result.stderr
    assert crm.files() == {}

    assert (
        crm(
            "customer", "add", "大客户甲", "--grade", "A1", "--owner", "wang", user="lina"
        ).exit_code
        == 0
    )


def test_a_specialists_new_customer_is_theirs(crm):
    cid = crm.ok("customer", "add", "乙", user="liuyang").strip()
    assert crm.json("customer", "show", cid)["owner"] == "liuyang"
    crm.ok("visit", "log", cid, "--channel", "phone", "--reached", "--summary", "x", user="liuyang")
    unowned = crm.ok("customer", "add", "丙", user="lina").strip()
    assert "owner" not in crm.json("customer", "show", unowned)
