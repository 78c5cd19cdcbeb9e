"""Record ids: a type letter, the creation time, and randomness.

`C01KQ3ZB7X4M2P9A`: letter, 9 Crockford base32 digits of milliseconds since 1970 (so ids sort by
creation time), 6 random digits (30 bits). Two people creating records on separate branches, or
a bulk import of 100,000 rows, collide only if the same millisecond draws the same 30 random bits;
within one process ids are strictly increasing even inside one millisecond.
"""

from __future__ import annotations

import datetime as dt
import re
import secrets
import threading

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
TIME_DIGITS = 9
RANDOM_DIGITS = 6
ID_PATTERN = re.compile(rf"^[A-Z][{ALPHABET}]{{{TIME_DIGITS + RANDOM_DIGITS}}}$")

_lock = threading.Lock()
_last: dict[str, tuple[int, int]] = {}


def _encode(number: int, digits: int) -> str:
    out = []
    for _ in range(digits):
        number, rest = divmod(number, 32)
        out.append(ALPHABET[rest])
    return "".join(reversed(out))


def new_id(letter: str, at: dt.datetime) -> str:
    millis = int(at.timestamp() * 1000)
    with _lock:
        last_millis, last_random = _last.get(letter, (-1, 0))
        if millis == last_millis:  # same millisecond: stay strictly increasing
            random_part = last_random + 1
        else:
            random_part = secrets.randbits(5 * RANDOM_DIGITS - 1)  # headroom for increments
        _last[letter] = (millis, random_part)
    return compose(letter, millis, random_part)


def compose(letter: str, millis: int, random_part: int) -> str:
    """The id of given parts; generators that must be reproducible choose `random_part` themselves."""
    return letter + _encode(millis, TIME_DIGITS) + _encode(random_part, RANDOM_DIGITS)


def created_at(record_id: str) -> dt.datetime:
    """The creation time encoded in an id (UTC)."""
    millis = 0
    for char in record_id[1 : 1 + TIME_DIGITS]:
        millis = millis * 32 + ALPHABET.index(char)
    return dt.datetime.fromtimestamp(millis / 1000, dt.UTC)


def is_valid(record_id: str) -> bool:
    return bool(ID_PATTERN.match(record_id))
