"""Customers as people name them, kept in the index: each customer's name, the digits of its phone
numbers and the pinyin of its name (full and initials), beside the row of its file.

A row is made when a customer's file row is new or changed (its signature differs) and dropped when
the file is gone, at the first look-up after; pinyin is computed then, once per changed customer,
so a look-up never spells every name. Deleting the table is always safe. While the customers
folder is unchanged (crmctl and git replace files, which changes it), a look-up trusts the table
without a stat of every file; a file edited in place is seen at the folder's next change.
"""

from __future__ import annotations

import os
import time
from typing import NamedTuple

from ..archive.kinds import KINDS
from ..index import file_stamps
from ..rules.phones import phone_digits

CUSTOMER = KINDS["customer"]
TABLE = "customer_refs"
FOLDER = f"{TABLE}.folder"  # the customers folder as it was when the table was last made fresh
SHAPE = 1  # bump when what a row holds changes: the table is made anew
LOCAL_NUMBER_DIGITS = 7  # a landline without its area code
MIN_INITIALS = 2  # one initial matches too many names
_COLUMNS = (
    "path TEXT PRIMARY KEY, id TEXT, size INTEGER, mtime_ns INTEGER, ino INTEGER, name TEXT, "
    "folded TEXT, phones TEXT, spelled TEXT, starts TEXT, initials TEXT"
)


class Spelling(NamedTuple):
    spelled: str  # the pinyin of every character run together: hangzhouhuafeng…
    starts: str  # where each syllable starts in it, as ",0,4,8,11,": a typed spelling starts at one
    initials: str  # the first letter of each syllable: hzhf…


def spelling(name: str) -> Spelling:
    """The pinyin of a name (letters and digits in it as they are, lower case)."""
    from pypinyin import lazy_pinyin  # only a changed customer's look-up pays for its dictionary

    syllables = [part.lower() for part in lazy_pinyin(name) if part.strip()]
    syllables = [s for part in syllables for s in ([part] if part.isalnum() else part.split())]
    starts, offset = [], 0
    for syllable in syllables:
        starts.append(offset)
        offset += len(syllable)
    return Spelling(
        "".join(syllables),
        "," + ",".join(map(str, starts)) + ",",
        "".join(syllable[0] for syllable in syllables),
    )


def fold(text: str) -> str:
    """A name as it is compared: spaces out, case folded."""
    return "".join(str(text).split()).casefold()


def phones_of(customer: dict) -> str:
    """The customer's numbers as digits, each between spaces: ` 13805711234 057188886666 `."""
    numbers = {phone_digits(customer.get(field) or "") for field in ("mobile", "phone")} - {""}
    return " " + " ".join(sorted(numbers)) + " "


class Matches(NamedTuple):
    """The ids a reference matches, by how it matches, in the order of precedence."""

    name: list[str]
    phone: list[str]
    substring: list[str]
    pinyin: list[str]


def match_row(ref: str, name: str, phones: str, spelled: Spelling) -> str | None:
    """How `ref` matches one customer (`name`, `phone`, `substring`, `pinyin`), or None."""
    folded, digits = fold(ref), phone_digits(ref)
    if not folded:
        return None
    if fold(name) == folded:
        return "name"
    if digits and _phone_matches(digits, phones):
        return "phone"
    if folded in fold(name):
        return "substring"
    if folded.isascii() and folded.isalpha() and _spelled_matches(folded, spelled):
        return "pinyin"
    return None


def _phone_matches(digits: str, phones: str) -> bool:
    # a local landline typed without its area code matches the end of the full number
    return f" {digits} " in phones or (
        len(digits) >= LOCAL_NUMBER_DIGITS and f"{digits} " in phones
    )


def _spelled_matches(typed: str, spelled: Spelling) -> bool:
    if typed in spelled.initials and len(typed) >= MIN_INITIALS:
        return True
    start = spelled.spelled.find(typed)
    while start >= 0:
        end = start + len(typed)
        if f",{start}," in spelled.starts and (
            end == len(spelled.spelled) or f",{end}," in spelled.starts
        ):
            return True
        start = spelled.spelled.find(typed, start + 1)
    return False


class CustomerRefs:
    """The table of customers' names, numbers and spellings in the index database."""

    def __init__(self, index):
        self.index = index
        self.db = index.db

    def _prepare(self) -> None:
        shape = f"{SHAPE}"
        if self.index.meta(TABLE) == shape:
            return
        with self.index.writing():
            self.db.execute(f"DROP TABLE IF EXISTS {TABLE}")
            self.db.execute(f"CREATE TABLE {TABLE} ({_COLUMNS})")
            self.db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (TABLE, shape))
            self.db.execute("DELETE FROM meta WHERE key = ?", (FOLDER,))

    def _folder(self) -> str | None:
        """The customers folder's inode, mtime and ctime, which every file crmctl or git adds,
        replaces or removes there changes; None when it is too recent to vouch for (a change
        within the clock's granularity could follow unseen), or missing."""
        since = time.time_ns()
        try:
            stat = os.stat(self.index.root / "records" / CUSTOMER.folder)
        except FileNotFoundError:
            return None
        if stat.st_ctime_ns >= since - file_stamps.LISTING_MARGIN_NS:
            return None
        return f"{SHAPE}:{stat.st_ino}:{stat.st_mtime_ns}:{stat.st_ctime_ns}"

    def _sync(self) -> None:
        """Rows for customers new or changed since the last look-up; none for those gone. An
        unchanged customers folder needs no stat of its files: 100,000 of them cost about a
        second, which a look-up by name must not cost over one by id."""
        folder = self._folder()
        if folder is not None and self.index.meta(FOLDER) == folder:
            return
        self.index.ensure_fresh(CUSTOMER)
        self._prepare()
        self._refresh()
        if folder is not None:
            with self.index.writing():
                self.db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (FOLDER, folder))

    def _refresh(self) -> None:
        stale = self.db.execute(
            f"SELECT f.path, f.id, f.size, f.mtime_ns, f.ino, json_extract(f.body, '$.name'),"
            f" json_extract(f.body, '$.mobile'), json_extract(f.body, '$.phone')"
            f" FROM files f LEFT JOIN {TABLE} r ON r.path = f.path"
            f" WHERE f.kind = 'customer' AND f.body IS NOT NULL AND (r.path IS NULL"
            f" OR r.size IS NOT f.size OR r.mtime_ns IS NOT f.mtime_ns OR r.ino IS NOT f.ino)"
        ).fetchall()
        gone = self.db.execute(
            f"SELECT r.path FROM {TABLE} r LEFT JOIN files f ON f.kind = 'customer'"
            f" AND f.path = r.path WHERE f.path IS NULL OR f.body IS NULL"
        ).fetchall()
        if not stale and not gone:
            return
        rows = [
            (path, record_id, size, mtime, ino, name, fold(name),
             phones_of({"mobile": mobile, "phone": phone}), *spelling(str(name or "")))
            for path, record_id, size, mtime, ino, name, mobile, phone in stale
        ]  # fmt: skip
        with self.index.writing():
            self.db.executemany(f"DELETE FROM {TABLE} WHERE path = ?", gone)
            self.db.executemany(
                f"INSERT OR REPLACE INTO {TABLE} VALUES ({', '.join('?' * 11)})", rows
            )

    def matches(self, ref: str) -> Matches:
        """The customers `ref` names, by exact name, phone, name substring or pinyin."""
        self._sync()
        folded, digits = fold(ref), phone_digits(ref)
        if not folded:
            return Matches([], [], [], [])
        arms = ["instr(folded, ?) > 0"]
        args: list = [folded]
        if digits:
            arms.append("instr(phones, ?) > 0")
            args.append(f"{digits} ")
        if folded.isascii() and folded.isalpha():
            arms += ["instr(spelled, ?) > 0", "instr(initials, ?) > 0"]
            args += [folded, folded]
        found: dict[str, list[str]] = {"name": [], "phone": [], "substring": [], "pinyin": []}
        for record_id, name, phones, spelled, starts, initials in self.db.execute(
            f"SELECT id, name, phones, spelled, starts, initials FROM {TABLE}"
            f" WHERE {' OR '.join(arms)} ORDER BY id",
            args,
        ):
            how = match_row(ref, name, phones, Spelling(spelled, starts, initials))
            if how:
                found[how].append(record_id)
        return Matches(**found)
