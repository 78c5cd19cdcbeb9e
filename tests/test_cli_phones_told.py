"""A refused phone number is told in the language spoken, on every path that checks one: `customer
add` and `edit`, an import's row reasons, and `check` of a record edited by hand; a landline typed
without its area code is refused, naming the fix."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from crmctl import messages
from crmctl.rules.phones import Phone, checked

PACKAGE = Path(messages.__file__).resolve().parent.parent

REFUSED = [  # (option, typed, English, Chinese)
    ("--mobile", "1380571", "'1380571' is not a mobile number: it has 7 digits",
     "'1380571' 不是手机号: 它有 7 位数字, 手机号是 13-19 开头的 11 位数字"),
    ("--mobile", "12805711234", "it starts 12, a mobile has 11 digits from 13-19",
     "它以 12 开头"),
    ("--mobile", "0571-88886666", "a landline goes in the phone field", "座机号码请填在 phone"),
    ("--phone", "0571-8888", "'0571-8888' is not a landline number (the area code and 7 or 8",
     "'0571-8888' 不是座机号码 (应为区号加 7 或 8 位数字"),
    ("--phone", "+44 1234", "'+44 1234' is not a possible number of its country code",
     "'+44 1234' 不符合其国家代码的号码格式"),
    ("--phone", "abc", "'abc' is not a phone number (e.g. 0571-88881234",
     "'abc' 不是电话号码 (例如 0571-88881234"),
    ("--phone", "8888 1234", "'8888-1234' has no area code: add the area code, e.g. 0571-88881234",
     "'8888-1234' 缺少区号: 请加上区号, 例如 0571-88881234"),
]  # fmt: skip


@pytest.mark.parametrize("option, typed, english, chinese", REFUSED)
def test_customer_add_refuses_a_number_in_the_language_spoken(crm, option, typed, english, chinese):
    for lang, said in (("en", english), ("zh", chinese)):
        result = crm("--lang", lang, "customer", "add", "甲", option, typed, user="liuyang")
        assert result.exit_code == 1 and said in result.stderr, result.stderr
    assert crm.files() == {}


def test_customer_edit_refuses_a_local_number_in_chinese(crm):
    cid = crm.ok("customer", "add", "甲", user="liuyang").strip()
    before = crm.files()
    result = crm(
        "--lang", "zh", "customer", "edit", "甲", "--set", "phone=8828 1234", user="liuyang"
    )
    assert result.exit_code == 1 and "'8828-1234' 缺少区号: 请加上区号" in result.stderr
    assert "has no area code" not in result.stderr and crm.files() == before
    crm.ok("customer", "edit", cid, "--set", "phone=0573-8828 1234", user="liuyang")


def test_an_imports_row_reasons_tell_numbers_in_chinese(crm, tmp_path):
    path = tmp_path / "c.csv"
    path.write_text("名称,手机,电话\n甲,1380571,\n乙,13805711234,88881234\n", encoding="utf-8")
    result = crm("--lang", "zh", "import", "customers", path)
    assert result.exit_code == 1 and crm.files() == {}
    assert "'1380571' 不是手机号: 它有 7 位数字" in result.stderr
    assert "'88881234' 缺少区号: 请加上区号, 例如 0571-88881234" in result.stderr
    assert "is not a mobile number" not in result.stderr


def test_check_tells_a_hand_edited_number_in_the_language_spoken(demo):
    path = next(
        path
        for path in sorted((demo.root / "records" / "customers").glob("*.yaml"))
        if "\nmobile: " in path.read_text(encoding="utf-8")
    )
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"\nmobile: .*", "\nmobile: '1869787088'", text), encoding="utf-8")
    english = demo("check")
    assert english.exit_code == 1
    assert "mobile: '1869787088' is not a mobile number: it has 10 digits" in english.stdout
    chinese = demo("--lang", "zh", "check")
    assert "mobile: '1869787088' 不是手机号: 它有 10 位数字" in chinese.stdout


@pytest.mark.parametrize("number", ["88881234", "8888-123", "8888-1234转6"])
def test_a_landline_without_its_area_code_is_refused_naming_the_fix(number):
    with pytest.raises(ValueError, match="has no area code: add the area code, e.g. 0571-"):
        checked(Phone(number))


@pytest.mark.parametrize("number", ["0571-88881234", "400-820-8820", "95588", "415-901-7000"])
def test_numbers_with_their_area_code_or_of_other_lengths_pass(number):
    assert checked(Phone(number)).number == number


def test_every_refusal_a_rule_writes_has_its_chinese():
    msgids = [
        node.args[0].value
        for path in PACKAGE.rglob("*.py")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "Refusal"
        and node.args
        and isinstance(node.args[0], ast.Constant)
    ]
    assert len(msgids) > 8
    assert [msgid for msgid in msgids if not messages.translated(msgid)] == []
