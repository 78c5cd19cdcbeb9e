"""Record ids: a type letter, the creation time, and randomness.

`C01KQ3ZB7X4M2P9A`: letter, 9 Crockford base32 digits of milliseconds since 1970 (so ids sort by
creation time), 6 random digits (30 bits). Two people creating records on separate branches, or
a bulk import of 100,000 rows, collide only if the same millisecond draws the same 30 random bits;
within one process ids are strictly increasing even inside one millisecond.
"""

from __future__ import annotations

import bisect
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
    """The id of given parts; generators that must be reproducible choose `random_part`
    themselves."""
    return letter + _encode(millis, TIME_DIGITS) + _encode(random_part, RANDOM_DIGITS)


def is_valid(record_id: str) -> bool:
    return bool(ID_PATTERN.match(record_id))


SHORT_MIN = 4  # random digits a short reference shows at least


def short_refs(record_ids: list[str]) -> dict[str, str]:
    """{id: short reference}: the type letter and the shortest end of the id (at least SHORT_MIN
    characters) that no other id of the list ends with and no id starts with, `C3SDX` for
    `C1K94ADGY0EX3SDX`. The end of an id is random, so references stay short in bulk imports and
    only grow, never change to name another record, as records are added."""
    by_end = sorted(record_ids, key=lambda record_id: record_id[::-1])
    out = {}
    for index, record_id in enumerate(by_end):
        shared = max(
            (_common_end(record_id, by_end[other]) for other in (index - 1, index + 1)
             if 0 <= other < len(by_end)),
            default=0,
        )  # fmt: skip
        length = max(SHORT_MIN, shared + 1)
        while length < len(record_id) - 1 and _prefix_taken(
            record_id[0] + record_id[-length:], record_ids
        ):
            length += 1
        out[record_id] = record_id[0] + record_id[-length:]
    return out


def _common_end(one: str, other: str) -> int:
    count = 0
    while count < min(len(one), len(other)) - 1 and one[-1 - count] == other[-1 - count]:
        count += 1
    return count


def _prefix_taken(ref: str, record_ids: list[str]) -> bool:
    """Whether some id starts with `ref` (which would then name it as a prefix)."""
    at = bisect.bisect_left(record_ids, ref)
    return at < len(record_ids) and record_ids[at].startswith(ref)
