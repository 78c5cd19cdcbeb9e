"""Masking personal data for exports (不得对外泄露客户资料): phones, email, address, id numbers.

Fields known to hold personal data are masked whole; every other text value is scanned for
mobile numbers, landlines, email addresses and resident id numbers written inside it (notes).
"""

from __future__ import annotations

import re

MASK = "****"
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
_ID_NUMBER = re.compile(r"(?<![0-9])[1-9][0-9]{16}[0-9Xx](?![0-9A-Za-z])")  # 居民身份证号码
_PHONE = re.compile(
    r"(?<![0-9])(?:\+?86[ -]?)?(?:1[3-9][0-9](?:[ -]?[0-9]{4}){2}|0[0-9]{2,3}[ -]?[0-9]{7,8})(?![0-9])"
)
# A street address written inside text: a road, street or lane and its house number (and building, room).
_STREET_ADDRESS = re.compile(
    r"[\u4e00-\u9fff]{1,10}(?:路|街|道|巷|弄|胡同)[0-9]+号(?:[0-9A-Za-z]+(?:幢|栋|楼|单元|室|层)|-[0-9]+)*"
)
_ADMINISTRATIVE_END = re.compile(
    r"^.{0,12}(?:省|市|区|县|州|盟|旗)"
)  # the part of an address that names no house


def mask_phone(text: str) -> str:
    """`13805711234` -> `138****1234`; a landline keeps its area code and last four digits."""
    digits = [i for i, ch in enumerate(text) if ch.isdigit()]
    keep_start = 3 if len(digits) >= 10 else 0  # short numbers show only their end
    keep_end = 4 if len(digits) >= 8 else 2
    hidden = digits[keep_start : len(digits) - keep_end]
    if not hidden:
        return MASK
    return text[: hidden[0]] + MASK + text[hidden[-1] + 1 :]


def mask_email(text: str) -> str:
    """`zhang.san@example.com` -> `z****@example.com`."""
    local, at, domain = text.partition("@")
    return f"{local[:1]}{MASK}{at}{domain}" if at else MASK


def mask_address(text: str) -> str:
    """Keeps the province, city or district and hides the street and house."""
    match = _ADMINISTRATIVE_END.match(text)
    return (match.group(0) if match else text[:3]) + MASK


def mask_id_number(text: str) -> str:
    return text[:3] + MASK + text[-4:]


def mask_text(text: str) -> str:
    """Free text with every phone number, email address, street address and id number in it masked."""
    text = _EMAIL.sub(lambda m: mask_email(m.group(0)), text)
    text = _ID_NUMBER.sub(lambda m: mask_id_number(m.group(0)), text)
    text = _STREET_ADDRESS.sub(lambda m: mask_address(m.group(0)), text)
    return _PHONE.sub(lambda m: mask_phone(m.group(0)), text)


WHOLE_FIELD_MASKS = {
    "mobile": mask_phone,
    "phone": mask_phone,
    "email": mask_email,
    "address": mask_address,
    "qq": lambda text: MASK,
    "wechat": lambda text: MASK,
}


def redacted(value, field: str | None = None):
    """`value` (a record, list or text) with its personal data masked; `field` names what it is."""
    if isinstance(value, dict):
        return {key: redacted(item, key) for key, item in value.items()}
    if isinstance(value, list):
        return [redacted(item, field) for item in value]
    if not isinstance(value, str):
        return value
    if field in WHOLE_FIELD_MASKS:
        return WHOLE_FIELD_MASKS[field](value)
    return mask_text(value)
