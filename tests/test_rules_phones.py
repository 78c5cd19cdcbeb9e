"""Phone numbers as people type them, in one written form (a pure rule)."""

from __future__ import annotations

import pytest

from crmctl.rules.phones import Phone, phones


@pytest.mark.parametrize(
    "typed, written",
    [
        ("(0571)88881234", ["0571-88881234"]),
        ("（0571）88881241", ["0571-88881241"]),
        ("１３８０５７１１２３９", ["13805711239"]),
        ("0571.8888.1234", ["0571-88881234"]),
        ("010 1234 5678", ["010-12345678"]),
        ("(415) 901-7000", ["415-901-7000"]),
        ("913.249.5790", ["913-249-5790"]),
        ("+86 138 0571 1239", ["13805711239"]),
        ("+8613805711239", ["13805711239"]),
        ("0086-571-88881234", ["0571-88881234"]),
        ("+1 (415) 901-7000", ["+1 415-901-7000"]),
        ("+44 20 7946 0958", ["+44 20-7946-0958"]),
        ("0571-88881234转8001", ["0571-88881234转8001"]),
        ("0571-88881234 ext. 12", ["0571-88881234转12"]),
        ("415-901-7000 x123", ["415-901-7000转123"]),
        ("13805711239/0571-88881234", ["13805711239", "0571-88881234"]),
        ("13805711239、13905711111", ["13805711239", "13905711111"]),
        ("13805711239, 13905711111", ["13805711239", "13905711111"]),
        ("400-820-8820", ["400-820-8820"]),
    ],
)
def test_typed_forms_become_one_written_form(typed, written):
    assert [phone.number for phone in phones(typed)] == written


def test_words_beside_a_number_are_kept_as_its_note():
    assert phones("13805711239（王经理）") == [Phone("13805711239", "王经理")]
    assert phones("王经理 13805711239") == [Phone("13805711239", "王经理")]
    assert phones("0571-88881234(办公室)")[0].note == "办公室"


def test_kinds_of_number():
    assert phones("13805711239")[0].mobile and not phones("13805711239")[0].landline
    assert phones("0571-88881234转8")[0].landline and not phones("0571-88881234")[0].mobile
    assert not phones("+1 415 901 7000")[0].landline


@pytest.mark.parametrize(
    "typed, reason",
    [
        ("1.38057E+10", "scientific notation and has lost the number's last digits"),
        ("abc", "'abc' is not a phone number (e.g. 0571-88881234"),
        ("12", "'12' is not a phone number"),
        ("1" * 21, "is not a phone number"),
    ],
)
def test_what_is_no_phone_number_is_refused_with_the_forms(typed, reason):
    with pytest.raises(ValueError, match=reason.replace("(", r"\(").replace(".", r"\.")):
        phones(typed)
