"""Masking personal data for exports."""

from __future__ import annotations

from crmctl.rules.redaction import mask_address, mask_email, mask_phone, mask_text, redacted


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
