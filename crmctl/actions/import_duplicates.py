"""Likely duplicates, found as an import's rows come: each row's compared values against the
archive's and the earlier rows'. Only a short digest of each value is kept, in the import's spool on
disk, so a big file is checked exactly in bounded memory."""

from __future__ import annotations

import hashlib

from ..rules.duplicates import normalised
from ..store.spool import Spool
from .io_kinds import IoKind

DIGEST = 8  # bytes of a value's digest: a chance collision among millions of values is negligible
FIRST = "duplicates"  # the spool's table: digest -> the record id or row number holding it first


class Duplicates:
    def __init__(self, io_kind: IoKind, existing: list[dict], spool: Spool):
        self.fields, self.within = io_kind.duplicate_keys, io_kind.duplicate_within
        self.spool = spool
        self.names = {record["id"]: record.get("name", "") for record in existing}
        self.unit = "row"
        for record in existing:
            for name in self.fields:
                if record.get(name):
                    self.spool.claim(FIRST, self._digest(record, name), record["id"])

    def _digest(self, record: dict, name: str) -> bytes:
        key = f"{name}\0{normalised(name, str(record[name]))}\0{record.get(self.within or '', '')}"
        return hashlib.blake2b(key.encode(), digest_size=DIGEST).digest()

    def found(self, record: dict, where: str, number: int, sets) -> list[tuple[str, str]]:
        """(field, what holds its value already) for each compared field of a row's record that
        the row sets (`sets(field)`) to a value an earlier record or row has."""
        self.unit = where.rsplit(" ", 1)[0]  # row, line or item: the same for every row of a file
        found = []
        for name in self.fields:
            if not record.get(name) or not sets(name):
                continue
            key = self._digest(record, name)
            holder = self.spool.claim(FIRST, key, number)
            if holder not in (None, number, record["id"]):
                found.append((name, self._told(holder)))
        return found

    def _told(self, holder: str | int) -> str:
        """`row 5` (as import_rows.told_where reads it), or the record's id and name."""
        if isinstance(holder, int):
            return f"{self.unit} {holder}"
        return f"{holder} {self.names.get(holder, '')}".strip()
