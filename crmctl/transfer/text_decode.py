"""Which encoding a text file to import is in: byte-order marks, strict UTF-8, the GB18030 that
Excel writes on a Chinese Windows machine, then charset-normalizer for the rest (cp1252, Big5,
Shift-JIS, …). A guess that could be wrong is refused with the candidates and how each reads."""

from __future__ import annotations

import codecs
import functools
import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import CrmError, UsageError

CHUNK = 1 << 20  # bytes decoded at a time, so detection holds one chunk, not the file
SAMPLES = 4  # pieces of a large file charset-normalizer weighs, spread from start to end
BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# A CJK character outside GB2312's common ones glued to a Latin letter: what Western text read
# as GBK looks like (é + d -> 閐 in `Cr閐ito`); real Chinese text writes common characters.
_GLUED = re.compile(r"[A-Za-z][\u3400-\u9fff\uf900-\ufaff]|[\u3400-\u9fff\uf900-\ufaff][A-Za-z]")
_CJK_OR_PRIVATE = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\ue000-\uf8ff]")
MIN_CJK, MAX_RARE = 10, 0.3  # a Chinese reading with this share of rare characters is doubtful
CHINESE = "gb18030"
UNDECODABLE = ""
# Among readings as likely as each other, the encodings offices' spreadsheets are saved in.
PREFERRED = ("cp1252", "big5", "shift_jis", "euc_kr", "cp1251", "cp1250")
MAX_CHAOS = 0.2  # charset-normalizer's share of odd characters above which a reading is a guess
# charset-normalizer's names that read the same bytes the same way as the one listed first
_SAME = {
    "latin_1": "cp1252",
    "iso8859_15": "cp1252",
    "gbk": CHINESE,
    "gb2312": CHINESE,
    "big5hkscs": "big5",
}


@dataclass(frozen=True)
class Encoding:
    name: str  # a Python codec name
    how: str  # "given", "byte-order mark", "detected…": said to the user with the name


def looks_garbled(text: str) -> str | None:
    """The first word that reads like mojibake (Western bytes decoded as Chinese), or None."""
    match = _GLUED.search(text)
    while match is not None and all(_common(char) for char in match.group()):
        match = _GLUED.search(text, match.start() + 1)
    return _word(text, match.start()) if match else None


def _word(text: str, at: int) -> str:
    start = max(text.rfind(sep, 0, at) for sep in " ,\t\n")
    return text[start + 1 : at + 20].split(maxsplit=1)[0].split(",", maxsplit=1)[0][:40]


class _Rarity:
    """Counts the CJK characters of a reading outside GB2312's 6,763 common ones, and the private
    use characters that only bytes of another encoding decode to (Big5 or Shift-JIS as GBK)."""

    def __init__(self):
        self.cjk = self.rare = 0
        self.example: tuple[int, str] | None = None

    def add(self, text: str, line: int) -> None:
        for match in _CJK_OR_PRIVATE.finditer(text):
            self.cjk += 1
            if not _common(match.group()):
                self.rare += 1
                if self.example is None:
                    at = match.start()
                    self.example = (line + text.count("\n", 0, at), _word(text, at))

    def odd(self) -> bool:
        return self.cjk >= MIN_CJK and self.rare > self.cjk * MAX_RARE


@functools.cache
def _common(char: str) -> bool:
    if not "\u2e80" <= char <= "\uffff" or char >= "\uff00":
        return True  # not CJK: letters, punctuation, full-width forms
    try:
        char.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def detect(path: Path, given: str | None = None) -> Encoding:
    """The encoding to read `path` in; refuses (naming candidates) when it cannot be sure."""
    if given:
        return _given(path, given)
    with open(path, "rb") as stream:
        start = stream.read(SNIFFED)
    marked = _marked(start)
    if marked is not None:
        return marked
    if _strict_problem(path, "utf-8") is None:
        return Encoding("utf-8", "detected")
    return _weighed(path)


def _given(path: Path, given: str) -> Encoding:
    try:
        codecs.lookup(given)
    except LookupError:
        raise UsageError(
            f"unknown encoding '{given}' (for example utf-8, gbk, gb18030, cp1252, big5)"
        ) from None
    problem = _strict_problem(path, given)
    if problem:
        raise CrmError(
            f"{path.name}:{problem[0]}: not valid {given}; leave out --encoding to detect it"
        )
    return Encoding(given, "given")


SNIFFED = 4  # bytes read to tell an encoding: a BOM, or two UTF-16 characters


def _marked(start: bytes) -> Encoding | None:
    """UTF-8 or UTF-16 told by a byte-order mark, or UTF-16 by every other byte being NUL."""
    for bom, codec in BOMS:
        if start.startswith(bom):
            return Encoding(codec, "byte-order mark")
    if len(start) == SNIFFED and all(start[1::2]) and not any(start[::2]):
        return Encoding("utf-16-be", "detected")
    if len(start) == SNIFFED and all(start[::2]) and not any(start[1::2]):
        return Encoding("utf-16-le", "detected")
    return None


def _strict_problem(path: Path, codec: str, garbled: bool = False) -> tuple[int, str] | None:
    """(line, why) of the first bytes `codec` cannot read, or with `garbled` of the first word that
    reads as mojibake or of rare characters; None if the whole file reads well."""
    decoder = codecs.getincrementaldecoder(codec)("strict")
    rarity, line = _Rarity(), 1
    with open(path, "rb") as stream:
        while chunk := stream.read(CHUNK) or None:
            try:
                text = decoder.decode(chunk)
            except UnicodeDecodeError as exc:
                return line + chunk[: exc.start].count(b"\n"), UNDECODABLE
            word = looks_garbled(text) if garbled else None
            if word:
                return line + text[: text.find(word)].count("\n"), word
            if garbled:
                rarity.add(text, line)
            line += chunk.count(b"\n")
    try:
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return line, UNDECODABLE
    return rarity.example if rarity.odd() else None


def _sample(path: Path) -> bytes:
    size = path.stat().st_size
    with open(path, "rb") as stream:
        if size <= SAMPLES * CHUNK // 4:
            return stream.read()
        pieces = []
        for n in range(SAMPLES):
            stream.seek(size * n // SAMPLES)
            piece = stream.read(CHUNK // 4)
            pieces.append(piece[piece.find(b"\n") + 1 :] if n else piece)
        return b"\n".join(pieces)


def _candidates(sample: bytes) -> list[str]:
    """charset-normalizer's best readings (the ones tied for least chaos), most likely first."""
    from charset_normalizer import from_bytes  # only files that are not UTF-8 pay for it

    matches = [match for match in from_bytes(sample) if match.chaos <= MAX_CHAOS]
    best = [_named(m) for m in matches if m.chaos <= matches[0].chaos + 0.01] if matches else []
    best = [_SAME.get(name, name) for name in best]
    return sorted(dict.fromkeys(best), key=lambda n: PREFERRED.index(n) if n in PREFERRED else 99)


def _named(match) -> str:
    """A reading by the name offices know it under: of the code pages that read the bytes alike
    (charset-normalizer names cp1250 for a cp1252 file without č or ł), the preferred one."""
    alike = [_SAME.get(name, name) for name in match.could_be_from_charset]
    return next((name for name in PREFERRED if name in alike), match.encoding)


def _weighed(path: Path) -> Encoding:
    chinese = _strict_problem(path, CHINESE, garbled=True)
    if chinese is None:
        return Encoding(CHINESE, "detected")
    found = [name for name in _candidates(_sample(path)) if name != CHINESE]
    readable = [name for name in found if _strict_problem(path, name, garbled=True) is None]
    chosen = readable[:1] if readable and readable[0] in PREFERRED else readable
    if chinese[1] == UNDECODABLE and len(chosen) == 1:
        others = f"; also possible: {', '.join(readable[1:4])}" if readable[1:] else ""
        return Encoding(chosen[0], f"detected{others}")
    western = (
        [] if PREFERRED[0] in readable or _strict_problem(path, PREFERRED[0]) else [PREFERRED[0]]
    )
    raise CrmError(_refusal(path, chinese, western + readable))


def _refusal(path: Path, chinese: tuple[int, str], readable: list[str]) -> str:
    line, what = chinese
    lines = [f"{path.name}: cannot tell its encoding for sure; name it with --encoding:"]
    if what == UNDECODABLE:
        lines.append(f"  not {CHINESE}/GBK (line {line} is not Chinese text)")
    else:
        lines.append(f"  {CHINESE}/GBK reads line {line} as '{what}', which looks garbled")
    for name in readable[:3]:
        lines.append(f"  --encoding {name} reads it as '{_reading(path, name, line)}'")
    if not readable:
        lines.append("  try --encoding cp1252 (Western Europe), big5 or shift_jis")
    return "\n".join(lines)


def _reading(path: Path, codec: str, line: int) -> str:
    with open(path, encoding=codec, errors="replace", newline="") as stream:
        for number, text in enumerate(stream, 1):
            if number == line:
                return text.strip()[:60]
    return ""
