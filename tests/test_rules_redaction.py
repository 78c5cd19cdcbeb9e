"""Masking personal data for exports."""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crmctl.archive import ids
from crmctl.archive.schemas import personal_fields
from crmctl.rules.redaction import (
    hide_text,
    mask_address,
    mask_email,
    mask_phone,
    mask_text,
    redacted,
)


def test_mobile_keeps_first_three_and_last_four_digits():
    assert mask_phone("13805711234") == "138****1234"
    assert mask_phone("0571-87654321") == "057****4321"
    assert mask_phone("87654321") == "****4321"  # short numbers show only their end
    assert mask_phone("12345") == "****45"


def test_email_keeps_first_letter_and_domain():
    assert mask_email("zhang.san@example.com") == "z****@example.com"


def test_address_keeps_the_administrative_part_only():
    assert mask_address("浙江省杭州市西湖区文三路100号") == "浙江省杭州市西湖区****"
    assert mask_address("文三路100号") == "文三路****"


def test_free_text_is_scanned_for_phones_emails_and_id_numbers():
    text = (
        "联系 13805711234 / 0571-87654321, 邮件 li@a.cn, 身份证 33010619850601123X, 订单 20261123"
    )
    assert (
        mask_text(text)
        == "联系 138****1234 / 057****4321, 邮件 l****@a.cn, 身份证 330****123X, 订单 20261123"
    )


def test_street_addresses_in_free_text_keep_only_their_administrative_part():
    assert (
        mask_text("送货到浙江省杭州市西湖区文三路100号3幢201室仓库, 周一")
        == "送货到浙江省杭州市西湖区****仓库, 周一"
    )
    assert (
        mask_text("约在中山路5号-2见面") == "约在中****见面"
    )  # no province or city: its first three characters stay
    assert (
        mask_text("订单100号, 三路并进") == "订单100号, 三路并进"
    )  # a number without a street is no address


def test_records_are_masked_field_by_field_and_in_lists_and_mappings():
    record = {
        "mobile": "13805711234",
        "qq": "12345678",
        "tags": ["VIP 13900001111"],
        "extra": {"身份证": "330106198506011234"},
        "annual_volume": 8,
    }
    assert redacted(record) == {
        "mobile": "138****1234",
        "qq": "****",
        "tags": ["VIP 139****1111"],
        "extra": {"身份证": "330****1234"},
        "annual_volume": 8,
    }


# ---------------------------------------------------------------- every format people write,
# generated
def _digits(count: int, first: str = "123456789") -> st.SearchStrategy[str]:
    return st.builds(
        lambda head, tail: head + "".join(tail),
        st.sampled_from(first),
        st.lists(st.sampled_from("0123456789"), min_size=count - 1, max_size=count - 1),
    )


def _grouped(digits: str, sizes, separator: str) -> str:
    out, start = [], 0
    for size in sizes:
        out.append(digits[start : start + size])
        start += size
    out.append(digits[start:])
    return separator.join(part for part in out if part)


SEPARATORS = st.sampled_from(["", " ", "-", ".", "．", "－", "\u3000", " - ", "- ", " . "])
FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")

mobiles = st.builds(
    lambda prefix, second, rest, sizes, sep: prefix + _grouped("1" + second + rest, sizes, sep),
    st.sampled_from(["", "+86 ", "+86-", "86", "0086 ", "(+86)", "+86", "＋86 "]),
    st.sampled_from("3456789"),
    _digits(9, "0123456789"),
    st.sampled_from([(3, 4), (3,), (11,), (4, 4), (3, 3)]),
    SEPARATORS,
)
landlines = st.builds(
    lambda area, local, form: form.format(
        area=area, a=area[1:], local=local, l1=local[:4], l2=local[4:]
    ),
    st.builds(lambda d: "0" + d, _digits(3)) | st.builds(lambda d: "0" + d, _digits(2)),
    _digits(8) | _digits(7),
    st.sampled_from(
        [
            "{area}-{local}",
            "{area}-{l1}-{l2}",
            "({area}){local}",
            "（{area}）{local}",
            "+86-{a}-{local}",
            "+86 {a} {l1} {l2}",
            "{area} {l1} {l2}",
            "{area}.{l1}.{l2}",
        ]
    ),
)
id_numbers = st.one_of(
    st.builds(
        lambda body, check, sizes, sep: _grouped(body + check, sizes, sep),
        _digits(17),
        st.sampled_from("0123456789Xx"),
        st.sampled_from([(6, 8), (6, 4, 4), (4, 4, 4, 4)]),
        st.sampled_from(["", " ", "-"]),
    ),
    st.builds(
        _grouped,
        _digits(15),
        st.sampled_from([(6, 6), (15,), (3, 3, 3, 3)]),
        st.sampled_from(["", " "]),
    ),
)
cards = st.builds(
    lambda digits, sep: _grouped(digits, (4, 4, 4, 4), sep),
    st.integers(16, 19).flatmap(lambda n: _digits(n, "3456")),
    st.sampled_from(["", " ", "-"]),
)
numbers = st.builds(
    lambda text, wide: text.translate(FULL_WIDTH) if wide else text,
    st.one_of(mobiles, landlines, id_numbers, cards),
    st.booleans(),
)
CONTEXT = st.text(alphabet="客户联系请在周一说明的，。；、 ()（）:：/", max_size=6)


def _plain_digits(text: str) -> str:
    return "".join(str(unicodedata.digit(ch)) for ch in text if ch.isdigit())


@settings(max_examples=800, deadline=None)
@given(CONTEXT, numbers, CONTEXT)
def test_no_phone_id_or_card_number_survives_in_any_format(before, number, after):
    """Phones keep at most their first three and last four digits, cards their last four, id
    numbers their first three and last four: at least four digits of each are always gone."""
    for scrub in (mask_text, hide_text):
        out = scrub(before + number + after)
        assert len(_plain_digits(out)) <= len(_plain_digits(number)) - 4, (number, out)


emails = st.builds(
    lambda local, domain: f"{local}@{domain}",
    st.text(
        alphabet="abcdefghijklmnopqrstuvwxyz0123456789._张三李", min_size=3, max_size=12
    ).filter(lambda local: local[0] not in "._" and local[1:].strip("._")),
    st.sampled_from(["例子.中国", "bücher.de", "公司.cn", "example.com", "qq.com", "邮件.公司"]),
)
labelled = st.one_of(
    st.builds(
        lambda label, sep, number: (f"{label}{sep}{number}", number),
        st.sampled_from(["QQ", "qq", "QQ号", "QQ号码", "扣扣"]),
        st.sampled_from([" ", ":", "：", "", ": "]),
        st.integers(5, 11).flatmap(_digits),
    ),
    st.builds(
        lambda tail: (f"wxid_{tail}", tail),
        st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789", min_size=6, max_size=16),
    ),
    st.builds(
        lambda sep, handle: (f"微信{sep}{handle}", handle),
        st.sampled_from([" ", ":", "：", "号：", ""]),
        st.from_regex(r"\A[a-z][a-z0-9_]{5,15}\Z"),
    ),
)


@settings(max_examples=400, deadline=None)
@given(CONTEXT, emails, CONTEXT)
def test_no_email_local_part_survives(before, email, after):
    local = email.split("@")[0]
    out = mask_text(before + email + after)
    assert local[1:] not in out.split("@")[0][-len(local) :] or local[1:] in before + after
    assert email not in out and email not in hide_text(before + email + after)


@settings(max_examples=400, deadline=None)
@given(CONTEXT, labelled, CONTEXT)
def test_no_qq_or_wechat_id_survives(before, pair, after):
    text, secret = pair
    for scrub in (mask_text, hide_text):
        assert secret not in scrub(before + text + after)


addresses = st.one_of(
    st.builds(
        lambda estate, kind, a, b, c: f"{estate}{kind}{a}栋{b}单元{c}室",
        st.sampled_from(["阳光", "幸福", "金色家", "城西"]),
        st.sampled_from(["小区", "花园", "家园", "新村", "公寓"]),
        st.integers(1, 40),
        st.integers(1, 9),
        st.integers(101, 3204),
    ),
    st.builds(
        lambda estate, a, c: f"{estate}{a}号楼{c}室",
        st.sampled_from(["", "阳光小区", "望京"]),
        st.integers(1, 40),
        st.integers(101, 3204),
    ),
    st.builds(
        lambda estate, a, b, c: f"{estate}{a}号楼{b}单元{c}",  # the room's number alone at the end
        st.sampled_from(["", "阳光小区", "天通苑东三区"]),
        st.integers(1, 40),
        st.integers(1, 9),
        st.integers(101, 3204),
    ),
    st.builds(
        lambda street, n, a, c: f"{street}{n}号院{a}号楼{c}",
        st.sampled_from(["中山北路", "文三路"]),
        st.integers(1, 99),
        st.integers(1, 40),
        st.integers(101, 3204),
    ),
    st.builds(
        lambda street, mark, n: f"{street}{mark}{n}号",
        st.sampled_from(["建国门外大街", "文三路", "南京东路", "长安街", "五道口胡同"]),
        st.sampled_from(["", "甲", "乙"]),
        st.integers(1, 999),
    ),
)


@settings(max_examples=400, deadline=None)
@given(CONTEXT, addresses, CONTEXT)
def test_no_house_building_or_room_number_survives(before, address, after):
    for scrub in (mask_text, hide_text):
        assert not any(ch.isdigit() for ch in scrub(before + address + after))


HAN_DIGITS = "〇一二三四五六七八九"
HAN_CONTEXT = st.text(alphabet="客户联系请在说明的，。；、 ()（）:：/", max_size=6)  # no 周一


@settings(max_examples=400, deadline=None)
@given(HAN_CONTEXT, mobiles, st.lists(st.booleans(), min_size=24, max_size=24), HAN_CONTEXT)
def test_no_mobile_survives_written_in_chinese_numerals(before, mobile, han, after):
    """一三八一二三四五六七八, or partly: 138一234五678."""
    own = [i for i, ch in enumerate(mobile) if ch.isdigit()][-11:]  # not the country's 86
    written = "".join(
        HAN_DIGITS[int(ch)] if i in own and wide else ch
        for i, (ch, wide) in enumerate(zip(mobile, han, strict=False))
    )

    def figures(text: str) -> int:
        return sum(ch.isdigit() or ch in HAN_DIGITS for ch in text)

    for scrub in (mask_text, hide_text):
        out = scrub(before + written + after)
        assert figures(out) <= figures(before + written + after) - 4, (written, out)


@pytest.mark.parametrize("label", ["护照", "护照号码：", "港澳通行证 ", "passport: "])
def test_passport_and_travel_permit_numbers_are_hidden_whole(label):
    for number in ("E12345678", "G1234567", "C12345678", "EA1234567"):
        for scrub in (mask_text, hide_text):
            out = scrub(f"{label}{number}")
            assert not any(ch.isdigit() for ch in out), out


@settings(max_examples=300, deadline=None)
@given(st.datetimes(dt.datetime(2000, 1, 1), dt.datetime(2100, 1, 1)), st.sampled_from("CTVR"))
def test_ids_dates_and_figures_are_left_as_they_are(moment, letter):
    record_id = ids.new_id(letter, moment.replace(tzinfo=dt.UTC))
    text = f"{record_id} 订单 20261123, {moment.isoformat()} 共 3 件, 98.5%, 12:30-14:00"
    assert mask_text(text) == text and hide_text(text) == text


@pytest.mark.parametrize(
    "column, value, masked",
    [
        ("备用电话", "0571 8888 6666", "057**** 6666"),
        ("QQ号", "12345678", "****"),
        ("微信", "zhang_san88", "****"),
        ("开户行账号", "6222 0212 3456 7890 123", "****0123"),
        ("身份证号", "110101199003071234", "110****1234"),
        ("联系邮箱", "张三@例子.中国", "张****@例子.中国"),
        ("备注", "电话 138.1234.5678", "电话 138.****.5678"),
    ],
)
def test_extra_columns_are_masked_by_what_their_name_says(column, value, masked):
    assert redacted({"extra": {column: value}}) == {"extra": {column: masked}}


def test_the_schema_says_which_fields_hold_personal_data():
    meanings = personal_fields("customer")
    assert meanings == {
        "mobile": "phone",
        "phone": "phone",
        "email": "email",
        "qq": "qq",
        "wechat": "wechat",
        "address": "address",
    }
    assert redacted({"address": "阳光小区5栋2单元301室", "region": "华东"}, meanings=meanings) == {
        "address": "阳光小区****",
        "region": "华东",
    }
