"""Masking personal data (不得对外泄露客户资料): phones, e-mail, addresses, id and bank card
numbers, QQ and WeChat ids.

A value is masked whole when its field means personal data: the schema says so of a record's fields
(`x-personal`), and a column's name does for the rest (an import's extra `备用电话`, `QQ号`, `微信`,
`开户行账号`). Every other text is scanned for personal data written inside it, in the forms people
write them: `0571-8888-6666`, `+86-571-88886666`, `138.1234.5678`, full-width digits, id numbers
of 15 or 18 characters and bank cards of 16 to 19 digits (spaced or not), e-mail with non-ASCII
domains, `QQ 12345678`, `wxid_…`, `阳光小区5栋2单元301室`, `建国门外大街甲1号`.
"""

from __future__ import annotations

import re
from collections.abc import Callable

MASK = "****"
MOBILE_DIGITS = 11  # a mobile number keeps its first three digits too
LOCAL_DIGITS = 8  # a local number keeps its last four digits
SHOWN_DIGITS = 4  # of an account number
HIDDEN = "…"  # what a commit subject shows instead: nothing of the value at all

_D = "[0-9\uff10-\uff19]"  # a digit, ASCII or full-width
# Not inside a longer run of digits or letters (an id such as C1M3BH0571234567 holds no phone).
_NO_D_BEFORE, _NO_D_AFTER = r"(?<![0-9\uff10-\uff19A-Za-z])", r"(?![0-9\uff10-\uff19A-Za-z])"
# A space, or a dot or dash with a space either side or none, between digits, as people group them
# (138.1234.5678, 0571-8888-6666, 138 - 1234 - 5678).
_GAP = "(?:[ \u3000]?[.\\-\uff0e\uff0d\u2010-\u2015\u00b7][ \u3000]?|[ \u3000])?"
_86 = "[8８][6６]"
_COUNTRY = rf"(?:(?:\+|\uff0b|[0０]{{2}})?\s?{_86}{_GAP}|[(\uff08][+\uff0b]?{_86}[)\uff09]{_GAP})"


def _digits(more: str) -> str:
    """A digit and `more` (a regex count: `8`, `4,16`) digits after it, each perhaps after a gap."""
    return rf"{_D}(?:{_GAP}{_D}){{{more}}}"


_EMAIL = re.compile(r"[\w.%+\-]+[@\uff20][\w\-]+(?:[.\uff0e][\w\-]+)+")
# 15 to 19 digits: an id number (15 digits, or 17 and a check digit that may be X) or a bank card.
_LONG_NUMBER = re.compile(
    rf"{_NO_D_BEFORE}[1-9\uff11-\uff19](?:{_GAP}{_D}){{14,18}}(?:{_GAP}[XxＸｘ])?{_NO_D_AFTER}"
)
_AREA = rf"(?:[(\uff08][0０]{_D}{{2,3}}[)\uff09]|[0０]{_D}{{2,3}})"  # 0571, (010)
_PHONE = re.compile(
    rf"{_NO_D_BEFORE}(?:"
    rf"{_COUNTRY}?[1１]{_GAP}[3-9３-９]{_GAP}{_digits('8')}"  # a mobile
    rf"|{_COUNTRY}?{_AREA}{_GAP}{_digits('6,7')}"  # a landline
    rf"|{_COUNTRY}[1-9１-９]{_D}{{1,2}}{_GAP}{_digits('6,7')}"  # +86 571 …, without the 0
    rf"){_NO_D_AFTER}"
)
_LABEL_END = r"(?:号码|号|账号|帐号)?\s*[:：]?\s*"
_PHONE_WORD = r"电话|手机|座机|传真|(?<![a-z0-9])(?:tel|phone|mobile|fax)"
_WECHAT_WORD = r"微信|薇信|威信|[vV]信|(?<![a-z0-9])(?:wechat|weixin|vx|wx)"
_LABELLED = [  # a number or id named by the word before it, and what masks it
    (re.compile(rf"(?i)(?:{_PHONE_WORD}){_LABEL_END}(\+?{_digits('4,16')})"), "phone"),
    (re.compile(rf"(?i)(?:(?<![a-z0-9])QQ|扣扣){_LABEL_END}({_D}{{5,12}})"), "qq"),
    (re.compile(rf"(?i)(?:{_WECHAT_WORD}){_LABEL_END}([A-Za-z][\w\-]{{4,19}})"), "wechat"),
    (
        re.compile(rf"(?i)(?:护照|通行证|passport){_LABEL_END}([A-Za-z]{{1,2}}{_D}{{7,9}})"),
        "document",
    ),
]
# A mobile written (partly) in Chinese numerals: 一三八一二三四五六七八, 138一234五678.
_HAN_NUMERALS = "〇零一二三四五六七八九"
_HAN_D = f"[0-9\uff10-\uff19{_HAN_NUMERALS}]"
_HAN_MOBILE = re.compile(
    rf"(?<![0-9\uff10-\uff19〇零一二三四五六七八九十]){_COUNTRY}?[1１一]{_GAP}[3-9３-９三四五六七八九]"
    rf"(?:{_GAP}{_HAN_D}){{9}}(?![0-9\uff10-\uff19〇零一二三四五六七八九十])"
)
_WXID = re.compile(r"(?i)(?<![a-z0-9])wxid_[A-Za-z0-9_\-]+")
_HAN = "[\u4e00-\u9fff]"
# A street and house number: 文三路100号3幢201室, 建国门外大街甲1号.
_STREET_ADDRESS = re.compile(
    rf"{_HAN}{{1,10}}(?:路|街|道|巷|弄|胡同|里)[甲乙丙丁之]?{_D}+号"
    rf"(?:院|{_D}+[A-Za-z]?(?:号楼|幢|栋|座|楼|单元|室|层|户)|-{_D}+)*{_D}*"
)
# A building, unit and room, with or without the estate's name: 阳光小区5栋2单元301室, 3号楼1202室,
# 5号楼3单元502 (a room's number alone at the end).
_PART = rf"{_D}+[A-Za-z]?(?:号楼|号院|幢|栋|座|楼|单元|室|层|户|号)"
_ESTATE = rf"{_HAN}{{1,10}}(?:小区|花园|公寓|大厦|家园|新村|社区|苑|村|庭|府|湾|园|城|里)"
_ROOM_ADDRESS = re.compile(
    rf"{_ESTATE}(?:(?:{_PART})+{_D}*|{_D}+(?:-{_D}+){{1,3}})|{_NO_D_BEFORE}(?:{_PART}){{2,}}{_D}*"
)
_ADMINISTRATIVE_END = re.compile(
    r"^.{0,12}(?:省|市|区|县|州|盟|旗)"
)  # the part of an address that names no house


def mask_phone(text: str) -> str:
    """`13805711234` -> `138****1234`; a landline keeps its area code and last four digits."""
    digits = [i for i, ch in enumerate(text) if ch.isdigit() or ch in _HAN_NUMERALS]
    keep_start = 3 if len(digits) >= MOBILE_DIGITS else 0  # shorter numbers show only their end
    keep_end = 4 if len(digits) >= LOCAL_DIGITS else 2
    hidden = digits[keep_start : len(digits) - keep_end]
    if not hidden:
        return MASK
    return text[: hidden[0]] + MASK + text[hidden[-1] + 1 :]


def mask_email(text: str) -> str:
    """`zhang.san@example.com` -> `z****@example.com`."""
    local, at, domain = (
        re.split("([@\uff20])", text, maxsplit=1)
        if re.search("[@\uff20]", text)
        else (text, "", "")
    )
    return f"{local[:1]}{MASK}{at}{domain}" if at else MASK


def mask_address(text: str) -> str:
    """Keeps the province, city or district and hides the street and house."""
    match = _ADMINISTRATIVE_END.match(text)
    kept = match.group(0) if match else text[:3]
    return re.split(r"\d", kept, maxsplit=1)[0] + MASK  # never a house, building or room number


def mask_id_number(text: str) -> str:
    return text[:3] + MASK + text[-4:]


def mask_account(text: str) -> str:
    """A bank card or account number shows only its last four digits, as a bank's own slip does."""
    digits = [ch for ch in text if ch.isdigit()]
    return MASK + "".join(digits[-SHOWN_DIGITS:]) if len(digits) > SHOWN_DIGITS else MASK


MASKS: dict[str, Callable[[str], str]] = {
    "phone": mask_phone,
    "email": mask_email,
    "address": mask_address,
    "id_number": mask_id_number,
    "account": mask_account,
    "qq": lambda text: MASK,
    "wechat": lambda text: MASK,
    "document": lambda text: MASK,  # a passport or travel permit: nothing of it shows
}
# What a column's name says it holds, for fields no schema describes (an import's extra columns).
_NAMED = [
    ("email", re.compile(r"(?i)邮箱|邮件|e-?mail|mail")),
    ("qq", re.compile(r"(?i)qq|扣扣")),
    ("wechat", re.compile(r"(?i)微信|wechat|weixin|wxid")),
    ("account", re.compile(r"(?i)账号|帐号|账户|卡号|银行|开户|account|card|iban")),
    ("id_number", re.compile(r"(?i)身份证|证件|id.?(?:card|no|number)")),
    ("phone", re.compile(r"(?i)电话|手机|座机|传真|联系方式|phone|mobile|\btel|fax")),
    ("address", re.compile(r"(?i)地址|住址|address|addr")),
]


def meaning(field: str) -> str | None:
    """What personal data a column holds, by its name (`备用电话` -> phone), or None."""
    return next((what for what, pattern in _NAMED if pattern.search(field)), None)


def _scrubbed(text: str, mask: Callable[[str, str], str]) -> str:
    text = _EMAIL.sub(lambda m: mask("email", m.group(0)), text)
    text = _WXID.sub(lambda m: mask("wechat", m.group(0)), text)
    for pattern, what in _LABELLED:
        text = pattern.sub(_label_masker(mask, what), text)
    text = _LONG_NUMBER.sub(lambda m: mask(_long_kind(m.group(0)), m.group(0)), text)
    text = _PHONE.sub(lambda m: mask("phone", m.group(0)), text)
    text = _HAN_MOBILE.sub(lambda m: mask("phone", m.group(0)), text)
    text = _STREET_ADDRESS.sub(lambda m: mask("address", m.group(0)), text)
    return _ROOM_ADDRESS.sub(lambda m: mask("address", m.group(0)), text)


def _label_masker(mask: Callable[[str, str], str], what: str) -> Callable[[re.Match], str]:
    """The replacement of a labelled value: its value (group 1) masked as `what`, the label kept."""
    return lambda match: _masked_group(match, mask(what, match.group(1)))


def _masked_group(match: re.Match, masked: str) -> str:
    start, end = match.span(1)
    whole = match.group(0)
    return whole[: start - match.start()] + masked + whole[end - match.start() :]


def _long_kind(text: str) -> str:
    """A number of 15 or 18 digits, or ending in X, reads as an id number; any other as a card."""
    digits = sum(ch.isdigit() for ch in text)
    return "id_number" if digits in (15, 18) or text[-1] in "XxＸｘ" else "account"


def mask_text(text: str) -> str:
    """Free text with every personal datum in it masked, keeping what shows its kind:
    138****1234."""
    return _scrubbed(text, lambda what, value: MASKS[what](value))


def hide_text(text: str) -> str:
    """Free text with every personal datum in it replaced by `…` (for commit subjects, which outlive
    any later redaction)."""
    return _scrubbed(text, lambda what, value: HIDDEN)


def redacted(value, field: str | None = None, meanings: dict[str, str] | None = None):
    """`value` (a record, list or text) with its personal data masked. `field` names what it is;
    `meanings` gives what personal data each field of the record's schema holds (mobile: phone),
    and a field it does not name is judged by its name."""
    meanings = meanings or {}

    def mask(key: str | None, text: str) -> str:
        what = meanings.get(key) if key in meanings else (meaning(key) if key else None)
        return MASKS[what](text) if what else mask_text(text)

    return _walk(value, field, mask)


def scrubbed(value):
    """`value` with the personal data written inside its texts masked: for report rows, whose
    columns (figures, names, reasons) hold none by their meaning, only by what people typed."""
    return _walk(value, None, lambda key, text: mask_text(text))


def _walk(value, field: str | None, mask: Callable[[str | None, str], str]):
    if isinstance(value, dict):
        return {key: _walk(item, key, mask) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(_walk(item, field, mask) for item in value)
    return mask(field, value) if isinstance(value, str) else value
