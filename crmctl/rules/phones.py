"""Phone numbers as people type them, in one written form: `(0571)88881234`, `（0571）88881241`,
full-width digits, `0571.8888.1234`, `(415) 901-7000`, `+86 138 0571 1239`, `13805711239（王经理）`,
`0571-88881234转8001`, `x123`, several numbers in one cell. Pure: text in, numbers out."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from ..errors import Refusal

# Text between numbers: 、 / ; ， or "or"; a comma only when a number (not a thousands group)
# follows.
_SEPARATORS = re.compile(r"\s*(?:[/;；、|\n]|\bor\b|或|,(?=\s*\+?\d{3})|，)\s*", re.IGNORECASE)
_EXTENSION = re.compile(r"\s*(?:转|分机|ext\.?|extension|x|#)\s*(\d{1,6})\s*$", re.IGNORECASE)
_WORDS = re.compile(r"[^\d\s()+\-.]+")  # what is not part of a number: names, 办公室, 手机:
_COUNTRY = re.compile(r"^(?:\+|00)\s*(86|\d{1,3}(?=[\s\-(]))|^\+(\d{1,3})")
_SCIENTIFIC = re.compile(r"^\d(?:\.\d+)?e\+?\d+$", re.IGNORECASE)
_CHINA_MOBILE = re.compile(r"1\d{10}")
MIN_DIGITS, MAX_DIGITS = 3, 20
LANDLINE_DIGITS = (10, 12)  # a Chinese landline with its area code, 0571-8888123 .. 0571-88881234
FORMS = "0571-88881234, 13805711234, +1 415-901-7000, 0571-88881234转8001"


@dataclass(frozen=True)
class Phone:
    number: str  # digits with - between groups, `+CC ` ahead of a foreign number, `转EXT` after
    note: str = ""  # words in the cell beside the number (王经理), for the person importing

    @property
    def mobile(self) -> bool:
        """A Chinese mobile number (11 digits from 1), as the `mobile` field expects."""
        return _CHINA_MOBILE.fullmatch(self.number) is not None

    @property
    def landline(self) -> bool:
        """A Chinese fixed line: area code (010, 0571…), then the number."""
        return re.match(r"0\d{2,3}-\d{7,8}(?:转|$)", self.number) is not None


def phones(text: str) -> list[Phone]:
    """Every number in a cell, in written form; ValueError saying why and in which form if one is
    not a phone number. Excel's scientific notation (1.38057E+10) lost digits and is refused."""
    cleaned = unicodedata.normalize("NFKC", str(text)).strip()
    if _SCIENTIFIC.match(cleaned):
        raise Refusal(
            "'{cell}' is Excel's scientific notation and has lost the number's last digits: "
            "format the column as Text in Excel (or save the sheet as .xlsx) and export again",
            cell=cleaned,
        )
    found = [_one(part) for part in _SEPARATORS.split(cleaned) if part.strip()]
    if not found:
        raise Refusal("no phone number (e.g. {forms})", forms=FORMS)
    return found


def _one(part: str) -> Phone:
    text = part.strip()
    extension = _EXTENSION.search(text)
    if extension is not None:
        text = text[: extension.start()]
    notes = [word.strip("():： ") for word in _WORDS.findall(text)]
    text = re.sub(r"\(\s*\)", "", _WORDS.sub(" ", text)).strip()
    number = _number(text, part.strip())
    suffix = f"转{extension.group(1)}" if extension else ""
    return Phone(number + suffix, " ".join(note for note in notes if note))


def _number(text: str, part: str) -> str:
    country = _COUNTRY.match(text)
    code = (country.group(1) or country.group(2)) if country else ""
    groups = re.findall(r"\d+", text[country.end() :] if country else text)
    digits = "".join(groups)
    if not MIN_DIGITS <= len(digits) <= MAX_DIGITS or not text.lstrip("+(").startswith(
        tuple("0123456789")
    ):
        raise Refusal("'{part}' is not a phone number (e.g. {forms})", part=part, forms=FORMS)
    if code == "86" or (
        not code and len(digits) == len("8613805711234") and digits.startswith("861")
    ):
        return _chinese(digits.removeprefix("86") if not code else digits)
    if code:
        return f"+{code} " + "-".join(groups)
    if _CHINA_MOBILE.fullmatch(digits) or (
        digits.startswith("0") and LANDLINE_DIGITS[0] <= len(digits) <= LANDLINE_DIGITS[1]
    ):
        return _chinese(digits)
    return "-".join(groups)


def _chinese(digits: str) -> str:
    """A Chinese number: a mobile as 11 digits, a landline as area code (010, 021, 0571…) -
    number."""
    if _CHINA_MOBILE.fullmatch(digits):
        return digits
    if digits.startswith("0") and _CHINA_MOBILE.fullmatch(digits[1:]):
        return digits[1:]  # a mobile dialled from another city's landline: 0 first
    digits = digits if digits.startswith("0") else "0" + digits
    area = 3 if digits[1] in "12" else 4  # 010 and 020-029 are the three-digit area codes
    return f"{digits[:area]}-{digits[area:]}"


def phone_digits(text: str) -> str:
    """The digits of the one number `text` is written as, extension left out, for comparing
    (`+86 138-0571-1234` and `13805711234` alike); '' if it is not one phone number."""
    try:
        found = phones(text)
    except ValueError:
        return ""
    if len(found) != 1:
        return ""
    return "".join(char for char in found[0].number.split("转")[0] if char.isdigit())


CUSTOMER_MOBILE = re.compile(r"1[3-9]\d{9}")
LOCAL_DIGITS = (7, 8)  # a landline typed without its area code


def checked(phone: Phone) -> Phone:
    """`phone` if it can be the number it is written as; a Refusal naming the form expected: a
    Chinese mobile (a number from 1) has 11 digits from 13-19, a landline (from 0) its area code and
    7 or 8 digits (a bare 7 or 8 digits lack the area code), and a foreign number (+CC) a possible
    length for its country (phonenumbers)."""
    number = phone.number.split("转")[0]
    digits = "".join(char for char in number if char.isdigit())
    if number.startswith("+"):
        _possible_abroad(number)
    elif digits.startswith("1") and not CUSTOMER_MOBILE.fullmatch(digits):
        if len(digits) == len("13805711234"):
            raise Refusal(
                "'{phone}' is not a mobile number: it starts {start}, a mobile has 11 digits "
                "from 13-19, e.g. 138 0571 1234",
                phone=phone.number,
                start=digits[:2],
            )
        raise Refusal(
            "'{phone}' is not a mobile number: it has {n} digits, a mobile has 11 digits from "
            "13-19, e.g. 138 0571 1234",
            phone=phone.number,
            n=len(digits),
        )
    elif digits.startswith("0") and not re.fullmatch(r"0(?:[12]\d|[3-9]\d\d)-\d{7,8}", number):
        raise Refusal(
            "'{phone}' is not a landline number (the area code and 7 or 8 digits, "
            "e.g. 0571-88881234 or 010-12345678)",
            phone=phone.number,
        )
    elif LOCAL_DIGITS[0] <= len(digits) <= LOCAL_DIGITS[1] and not digits.startswith("0"):
        raise Refusal(
            "'{phone}' has no area code: add the area code, e.g. 0571-88881234 (a number abroad: "
            "its country code, e.g. +852 2345 6789)",
            phone=phone.number,
        )
    return phone


def _possible_abroad(number: str) -> None:
    import phonenumbers  # only a foreign number pays for its metadata

    try:
        possible = (
            phonenumbers.is_possible_number_with_reason(phonenumbers.parse(number))
            == phonenumbers.ValidationResult.IS_POSSIBLE
        )
    except phonenumbers.NumberParseException:
        possible = False
    if not possible:
        raise Refusal(
            "'{phone}' is not a possible number of its country code (e.g. +1 415-901-7000)",
            phone=number,
        )


def customer_phone(field: str, text: str) -> str:
    """What a customer's `mobile` (one Chinese mobile number) or `phone` (any numbers, a landline
    with its extension) keeps: the numbers as `phones` writes them, comma-separated; a Refusal
    saying why not and in which form."""
    found = [checked(phone) for phone in phones(text)]
    if field == "mobile" and (len(found) != 1 or not CUSTOMER_MOBILE.fullmatch(found[0].number)):
        raise Refusal(
            "'{phone}' is not a mobile number (11 digits from 13-19, e.g. 138 0571 1234); "
            "a landline goes in the phone field",
            phone=text,
        )
    return ", ".join(phone.number for phone in found)
