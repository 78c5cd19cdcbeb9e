"""The index's SQLite database: opening it in WAL mode, in the current format, and its
transactions.

SQLite in WAL mode lets readers and writers work at once without ever seeing a torn index. The whole
index is made anew when its format key changes (index format, crmctl version, schemas, record
types), and a damaged one is deleted and built again.
"""

from __future__ import annotations

import contextlib
import hashlib
import sqlite3
import time
from pathlib import Path

from .. import __version__
from ..archive.kinds import KINDS
from ..archive.schemas import schema_files
from . import customer_memo, index_rows

FORMAT = 13  # bump whenever what a row holds, or how it is derived, changes


def _format_key() -> str:
    digest = hashlib.sha256()
    for name, data in sorted(schema_files().items()):
        digest.update(name.encode() + b"\0" + data)
    kinds = ";".join(
        f"{k.name},{k.folder},{k.letter},{k.schema},{k.month_field}" for k in KINDS.values()
    )
    return f"{FORMAT}/{__version__}/{digest.hexdigest()[:16]}/{kinds}"


def unwritable(exc: sqlite3.OperationalError) -> bool:
    return (getattr(exc, "sqlite_errorcode", 0) & 0xFF) in UNWRITABLE


def damaged(exc: sqlite3.DatabaseError) -> bool:
    """Whether an error says the index file itself is ruined, so it is deleted and built again. A
    busy or locked index is not: deleting it under another connection would ruin that one's
    answers."""
    return (getattr(exc, "sqlite_errorcode", 0) & 0xFF) in (
        sqlite3.SQLITE_CORRUPT,
        sqlite3.SQLITE_NOTADB,
    )


# What SQLite says of an index it can open but never write (a read-only clone or file system).
UNWRITABLE = (sqlite3.SQLITE_READONLY, sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_PERM)


def connect(path: Path, busy_timeout: float) -> sqlite3.Connection:
    """A connection to the index at `path`, in its current format (made anew if it had another)."""
    db = sqlite3.connect(path, timeout=busy_timeout, isolation_level=None)
    try:
        _prepare(db, busy_timeout)
    except BaseException:
        db.close()
        raise
    return db


def _prepare(db: sqlite3.Connection, busy_timeout: float) -> None:
    _use_wal(db, busy_timeout)
    db.execute("PRAGMA synchronous=NORMAL")  # a row lost in a power cut is re-parsed, not wrong
    db.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)")
    wanted = _format_key()
    if meta(db, "format") != wanted:
        with writing(db):
            if meta(db, "format") != wanted:
                for table in ("files", "folders", "listings"):
                    db.execute(f"DROP TABLE IF EXISTS {table}")
                for statement in index_rows.SCHEMA:
                    db.execute(statement)
                db.execute(customer_memo.BY_CUSTOMER)
                customer_memo.create(db)
                db.execute("INSERT OR REPLACE INTO meta VALUES ('format', ?)", (wanted,))
    if customer_memo.outdated(db):
        with writing(db):
            if customer_memo.outdated(db):
                customer_memo.create(db)


def _use_wal(db: sqlite3.Connection, busy_timeout: float) -> None:
    """Turn a new index to WAL mode. That needs the file to itself, and SQLite refuses at once,
    without its busy wait, while another connection opens the new file too: so it is tried
    again."""
    deadline = time.monotonic() + busy_timeout
    while True:
        try:
            db.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if exc.sqlite_errorcode & 0xFF != sqlite3.SQLITE_BUSY or time.monotonic() >= deadline:
                raise
            time.sleep(0.005)


def meta(db: sqlite3.Connection, key: str) -> str | None:
    row = db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    return row[0] if row else None


@contextlib.contextmanager
def writing(db: sqlite3.Connection):
    """One write transaction (BEGIN IMMEDIATE): no other process changes the index meanwhile."""
    db.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")
