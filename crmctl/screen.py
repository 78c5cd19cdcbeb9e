"""How text takes room on a terminal: its width in columns, and what a terminal would act on."""

from __future__ import annotations

import re

# What a terminal acts on instead of showing: control characters but tab and line break (an OSC
# 52 sequence writes the clipboard), and the bidirectional overrides that reorder what follows.
# A line's end as CRLF (iCalendar, CSV) goes as it is.
UNSEEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]|\r(?!\n)")
_UNSEEN_IN_JSON = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069]")  # json escapes the rest
# Printable ASCII and CJK unified ideographs (U+4E00-U+9FFF, two columns each): most names and
# reasons.
_ASCII_AND_HAN = re.compile("[\x20-\x7e\u4e00-\u9fff]*")


def text_width(text: str) -> int:
    """The columns a text takes on a terminal, as wcswidth counts them.

    wcwidth before 0.9 walks a text a character at a time in Python to find grapheme clusters (~11
    µs a Chinese company name: 1.3 s of drawing 130,000 `due` rows; 0.9's C extension takes ~0.2
    µs). A text of printable ASCII and Han ideographs only has none: it is as wide as its characters
    plus one for each ideograph, which is what its UTF-8 length tells (one byte an ASCII character,
    three an ideograph)."""
    if _ASCII_AND_HAN.fullmatch(text):
        return len(text) + (len(text.encode()) - len(text)) // 2
    from wcwidth import wcswidth

    return wcswidth(text)


def visible(text: str) -> str:
    """`text` with every character a terminal would act on shown instead: ESC as ␛ (the Unicode
    control pictures), DEL as ␡, the others as <U+202E>."""
    return UNSEEN.sub(_picture, text) if UNSEEN.search(text) else text


_C0_END, _DEL, _PICTURES = 0x20, 0x7F, 0x2400  # control pictures: U+2400 + the C0 code, ␡ for DEL


def _picture(match: re.Match) -> str:
    code = ord(match.group())
    if code < _C0_END:
        return chr(_PICTURES + code)
    return "␡" if code == _DEL else f"<U+{code:04X}>"


def json_visible(text: str) -> str:
    """JSON text with the characters json.dumps leaves raw (DEL, C1 controls, bidi overrides)
    written as \\u escapes: the same JSON, nothing a terminal acts on."""
    return _UNSEEN_IN_JSON.sub(lambda match: f"\\u{ord(match.group()):04x}", text)
