"""A temporary SQLite database in `.crmctl/tmp/` for what a bulk write would otherwise hold in
memory for every row (its summaries, the digests duplicate checks compare, the files it staged), so
that memory stays bounded whatever the number of rows. The file is removed when the spool is closed,
whether the write succeeded or failed."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import tempfile
from collections.abc import Iterator
from pathlib import Path

TMP = "tmp"  # the folder of `.crmctl/` spools are made in
PAGES = 2000  # pages of SQLite cache (about 8 MB): the rest of a spool stays on disk


class Spool:
    """Keyed tables (`claim`, `holder`) and listed tables (`append`, `rows`), made on first use;
    a table's name is the caller's constant, never input."""

    def __init__(self, folder: Path | None):
        if folder is not None:
            folder.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(prefix="spool-", suffix=".sqlite", dir=folder)
        os.close(handle)
        self.path = Path(name)
        self.db = sqlite3.connect(name, isolation_level=None, check_same_thread=False)
        # Nothing here outlives the command: no journal, no sync.
        self.db.executescript(
            f"PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size={PAGES}; BEGIN"
        )
        self._tables: set[str] = set()

    def close(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            self.db.close()
        self.path.unlink(missing_ok=True)

    def __enter__(self) -> Spool:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _table(self, name: str, columns: str) -> str:
        if name not in self._tables:
            self.db.execute(f"CREATE TABLE IF NOT EXISTS {name} ({columns})")
            self._tables.add(name)
        return name

    def claim(self, name: str, key, holder):
        """The holder of `key` in table `name` before this call, or None: then `holder` has it."""
        table = self._table(name, "key PRIMARY KEY, holder")
        found = self.db.execute(f"SELECT holder FROM {table} WHERE key = ?", (key,)).fetchone()
        if found is None:
            self.db.execute(f"INSERT INTO {table} VALUES (?, ?)", (key, holder))
            return None
        return found[0]

    def holder(self, name: str, key):
        """What `key` holds in table `name` (None: nothing)."""
        table = self._table(name, "key PRIMARY KEY, holder")
        found = self.db.execute(f"SELECT holder FROM {table} WHERE key = ?", (key,)).fetchone()
        return None if found is None else found[0]

    def keep(self, name: str, key, holder) -> None:
        """`key` holds `holder` in table `name` from now on."""
        table = self._table(name, "key PRIMARY KEY, holder")
        self.db.execute(f"INSERT OR REPLACE INTO {table} VALUES (?, ?)", (key, holder))

    def forget(self, name: str, key) -> None:
        table = self._table(name, "key PRIMARY KEY, holder")
        self.db.execute(f"DELETE FROM {table} WHERE key = ?", (key,))

    def held(self, name: str) -> Iterator[tuple]:
        """Every (key, holder) of table `name`, in key order."""
        table = self._table(name, "key PRIMARY KEY, holder")
        yield from self.db.execute(f"SELECT key, holder FROM {table} ORDER BY key")

    def append(self, name: str, values: tuple) -> None:
        table = self._table(name, ", ".join(f"c{i}" for i in range(len(values))))
        marks = ", ".join("?" * len(values))
        self.db.execute(f"INSERT INTO {table} VALUES ({marks})", values)

    def rows(self, name: str) -> Iterator[tuple]:
        """The rows appended to table `name`, in their order (none if nothing was appended)."""
        if name in self._tables:
            yield from self.db.execute(f"SELECT * FROM {name} ORDER BY rowid")

    def count(self, name: str, column: int, value) -> int:
        """How many rows of table `name` hold `value` in their column number `column`."""
        if name not in self._tables:
            return 0
        query = f"SELECT count(*) FROM {name} WHERE c{int(column)} = ?"
        return self.db.execute(query, (value,)).fetchone()[0]
