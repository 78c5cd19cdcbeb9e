"""The query index: every record file's parsed and validated content, kept in
`.crmctl/index.sqlite`.

Parsing YAML is what costs at scale, so each file is parsed and validated once and its outcome
(the record, or the problems `check` reports) is stored under the file's signature: size,
mtime_ns and inode. Every query first stats every file of the kind it reads and re-reads only the
files whose signature changed, so an edit in an editor, a `git pull` or a deleted file is seen by
the very next command, and a broken file keeps being reported until it is fixed. Many changed
files (a cold build, a large pull) are parsed by a process pool on every core.

SQLite in WAL mode lets readers and writers work at once without ever seeing a torn index; a row
is only a cache of a file, so a lost or stale row costs a re-parse, never a wrong answer. The
whole index is rebuilt when its format key changes (index format, crmctl version, schemas, record
types), and deleting `.crmctl/` is always safe.
"""

from __future__ import annotations

import contextlib
import json
import marshal
import os
import sqlite3
import tempfile
from collections.abc import Iterator
from pathlib import Path

from .. import messages, progress
from ..archive.kinds import Kind
from ..archive.record_file import Signature, as_read
from ..problems import Problem
from . import customer_memo, file_stamps, index_db, index_rows, pool
from .index_rows import Key, Row, Where

FILE_NAME = "index.sqlite"
POOL_MIN_FILES = 400  # below this, starting worker processes costs more than it saves
CHUNK_FILES = 500
# A reread of this many files (a cold build, a large pull) drops the secondary indexes on `files`
# and makes `by_customer` anew at the end (the others are made again when a query needs them):
# inserting 200,000 visits into `by_customer` one by one cost ~32 µs a row, as every commit rewrote
# the random pages the rows landed on; making it anew from 300,000 rows costs 0.3 s.
BULK_FILES = 20_000
# So is a reread of this many files or more that outnumbers the rows the index holds (a new index
# of a smaller archive: 10,000 customers and 20,000 visits spent 0.25 s more keeping the indexes).
BULK_MIN_FILES = 1000


class Index:
    def __init__(self, root: Path, state_dir: Path | None, busy_timeout: float = 30.0):
        """The index of the data root `root`, kept in `state_dir`, or for this process alone in a
        temporary folder when there is none or it cannot be written."""
        self.root = root
        self.home = state_dir / FILE_NAME if state_dir is not None else None
        self.path = self.home
        self.busy_timeout = busy_timeout
        self._db: sqlite3.Connection | None = None
        self._temporary: tempfile.TemporaryDirectory | None = None
        self._settled: set[str] | None = None  # kinds refreshed within `settled()`

    # ------------------------------------------------------------------ connection and format
    @property
    def db(self) -> sqlite3.Connection:
        if self._db is None:
            try:
                self._db = self._open_at(self.home)
            except (sqlite3.OperationalError, OSError) as exc:
                if isinstance(exc, sqlite3.OperationalError) and not index_db.unwritable(exc):
                    raise
                self._temporary = tempfile.TemporaryDirectory(prefix="crmctl-index-")
                self._db = self._open_at(Path(self._temporary.name) / FILE_NAME)
        return self._db

    def _open_at(self, path: Path | None) -> sqlite3.Connection:
        if path is None:
            raise PermissionError("no folder of its own for the index")
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        if not all(os.access(p, os.W_OK) for p in (path.parent, path) if p.exists()):
            raise PermissionError(f"{path} cannot be written")
        try:
            return index_db.connect(path, self.busy_timeout)
        except sqlite3.DatabaseError as exc:
            if not index_db.damaged(exc):
                raise
            self.discard()  # not a database any more (truncated, overwritten): start anew
            return index_db.connect(path, self.busy_timeout)

    def meta(self, key: str) -> str | None:
        return index_db.meta(self.db, key)

    def writing(self):
        """One write transaction on the index (BEGIN IMMEDIATE): no other process changes it
        meanwhile."""
        return index_db.writing(self.db)

    # ------------------------------------------------------------------ keeping it fresh
    def _listed(self, kind: Kind) -> tuple[list[file_stamps.Listed], dict[str, bytes]]:
        """The record folders of a kind with their file names, and the new listings to keep (see
        `file_stamps.listed`)."""
        kept = dict(
            self.db.execute("SELECT folder, listing FROM listings WHERE kind = ?", (kind.name,))
        )
        return file_stamps.listed(self.root, kind, kept)

    @contextlib.contextmanager
    def settled(self):
        """Within this block each kind is refreshed once: a command that reads a kind several times
        sees one state of the files, and pays for one stat of them. A block within another is part
        of it."""
        if self._settled is not None:
            yield
            return
        self._settled = set()
        try:
            yield
        finally:
            self._settled = None

    def ensure_fresh(self, kind: Kind) -> None:
        if self._settled is not None and kind.name in self._settled:
            return
        self.refresh(kind)
        if self._settled is not None:
            self._settled.add(kind.name)

    def _snapshots(self, kind: Kind) -> dict[str, bytes]:
        """{folder from the root: its kept snapshot} of a kind's folders (see `_snapshot`)."""
        return dict(
            self.db.execute("SELECT folder, stamps FROM folders WHERE kind = ?", (kind.name,))
        )

    def refresh(self, kind: Kind) -> bool:
        """Re-read every file of a kind whose stamp differs from the one its row was read at; drop
        rows of gone files; whether any row changed. Each folder's stamps are kept as one snapshot,
        so an unchanged folder costs one comparison instead of a row per file."""
        folders, listings = self._listed(kind)
        current = file_stamps.stamps_of(folders)
        self._keep_listings(kind, listings)
        stored = self._stored_stamps(kind, current)
        if current == stored:
            return False
        if current.keys() == stored.keys():
            changed, gone = file_stamps.differences(current, stored)
        else:  # a folder came or went, or was never listed: every file is compared with its row
            changed, gone = self._differences_from_rows(kind, current)
        if gone:
            self.forget(kind, gone)
        self._reread(kind, changed)
        self._keep_snapshots(kind, current, stored, changed)
        return True

    def _stored_stamps(
        self, kind: Kind, current: dict[str, dict[str, Signature]]
    ) -> dict[str, dict[str, Signature]]:
        """The kept snapshots of a kind's folders; only those whose bytes differ from `current`'s
        are decoded (decoding all of them cost ~0.2 s of each query at 100,000 customers)."""
        return {
            folder: current[folder]
            if folder in current and blob == file_stamps.snapshot(current[folder])
            else marshal.loads(blob)
            for folder, blob in self._snapshots(kind).items()
        }

    def _differences_from_rows(
        self, kind: Kind, current: dict[str, dict[str, Signature]]
    ) -> tuple[list[str], list[str]]:
        """The files of `current` whose row holds another stamp or none, and the rows of files
        gone."""
        rows = {
            path: tuple(stamp)
            for path, *stamp in self.db.execute(
                "SELECT path, size, mtime_ns, ino FROM files INDEXED BY stamps WHERE kind = ?",
                (kind.name,),
            )
        }
        found = {
            f"{folder}/{name}": stamp
            for folder, stamps in current.items()
            for name, stamp in stamps.items()
        }
        changed = [path for path, stamp in found.items() if rows.get(path) != stamp]
        return changed, sorted(rows.keys() - found.keys())

    def _keep_snapshots(
        self,
        kind: Kind,
        current: dict[str, dict[str, Signature]],
        stored: dict[str, dict[str, Signature]],
        changed: list[str],
    ) -> None:
        """Keep the snapshots of the folders whose stamps changed, and forget those of folders
        gone."""
        with index_db.writing(self.db):
            renewed = {
                folder: dict(stamps)
                for folder, stamps in current.items()
                if stamps != stored.get(folder)
            }
            self._take_row_stamps(kind, renewed, changed)
            for table in ("folders", "listings"):
                self.db.executemany(
                    f"DELETE FROM {table} WHERE kind = ? AND folder = ?",
                    [(kind.name, folder) for folder in stored.keys() - current.keys()],
                )
            self.db.executemany(
                "INSERT OR REPLACE INTO folders VALUES (?, ?, ?)",
                [
                    (kind.name, folder, file_stamps.snapshot(stamps))
                    for folder, stamps in renewed.items()
                ],
            )

    def _keep_listings(self, kind: Kind, listings: dict[str, bytes]) -> None:
        """Keep these folder listings (if any), unless another process is writing the index: they
        only spare a later command a listing, and a query must not wait out an import for them."""
        if not listings:
            return
        self.db.execute("PRAGMA busy_timeout = 0")
        try:
            with index_db.writing(self.db):
                self.db.executemany(
                    "INSERT OR REPLACE INTO listings VALUES (?, ?, ?)",
                    [(kind.name, folder, listing) for folder, listing in listings.items()],
                )
        except sqlite3.OperationalError as exc:
            if exc.sqlite_errorcode & 0xFF != sqlite3.SQLITE_BUSY:
                raise
        finally:
            self.db.execute(f"PRAGMA busy_timeout = {round(self.busy_timeout * 1000)}")

    def _take_row_stamps(
        self, kind: Kind, snapshots: dict[str, dict[str, Signature]], relpaths: list[str]
    ) -> None:
        """Set these files' entries in their folders' snapshots to the stamps their rows hold now.

        A snapshot entry may be older than its row (the next refresh re-reads the file) but must
        never claim a stamp its row does not hold: a reader that re-read a file just before a writer
        replaced it can store the older content after the writer's row, and the file's own stat
        would then match the snapshot. Run inside the transaction that stores the snapshots."""
        held = {
            path: tuple(stamp)
            for path, *stamp in self.db.execute(
                "SELECT path, size, mtime_ns, ino FROM files WHERE kind = ? AND path IN (SELECT "
                "value FROM json_each(?))",
                (kind.name, json.dumps(relpaths)),
            )
        }
        for path in relpaths:
            folder, _, name = path.rpartition("/")
            if folder not in snapshots:
                continue
            if path in held:
                snapshots[folder][name] = held[path]
            else:
                snapshots[folder].pop(name, None)

    def update(self, kind: Kind, relpaths: list[str]) -> None:
        """Re-read these files now, after a write: their rows and their folders' snapshots
        follow."""
        self._reread(kind, relpaths)
        folders = sorted({path.rpartition("/")[0] for path in relpaths})
        with index_db.writing(self.db):
            # A new folder has no snapshot: the next refresh compares its files with their rows.
            snapshots = {
                folder: marshal.loads(blob)
                for folder, blob in self.db.execute(
                    "SELECT folder, stamps FROM folders WHERE kind = ? AND folder IN (SELECT value "
                    "FROM json_each(?))",
                    (kind.name, json.dumps(folders)),
                )
            }
            self._take_row_stamps(kind, snapshots, relpaths)
            self.db.executemany(
                "UPDATE folders SET stamps = ? WHERE kind = ? AND folder = ?",
                [
                    (file_stamps.snapshot(stamps), kind.name, folder)
                    for folder, stamps in snapshots.items()
                ],
            )

    def _reread(self, kind: Kind, relpaths: list[str], attempts: int = 3) -> None:
        """Parse these files into their rows, forgetting vanished ones."""
        with self._bulk() if self._bulky(len(relpaths)) else contextlib.nullcontext():
            self._store_rows(kind, relpaths, attempts)

    def _bulky(self, count: int) -> bool:
        """Whether a reread of `count` files goes without the secondary indexes (see BULK_FILES)."""
        return count >= BULK_FILES or (
            count >= BULK_MIN_FILES
            and count >= self.db.execute("SELECT count(*) FROM files").fetchone()[0]
        )

    @contextlib.contextmanager
    def _bulk(self):
        """Rows inserted meanwhile update no secondary index of `files` but `stamps` and
        `broken`."""
        with index_db.writing(self.db):
            for (name,) in self.db.execute(
                "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'files'"
                " AND sql IS NOT NULL AND name NOT IN ('stamps', 'broken')"
            ).fetchall():
                self.db.execute(f'DROP INDEX "{name}"')
        yield
        with index_db.writing(self.db):
            self.db.execute(customer_memo.BY_CUSTOMER)

    def _store_rows(self, kind: Kind, relpaths: list[str], attempts: int) -> None:
        read: set[str] = set()
        replaced = []
        chunks = self._parsed(kind, sorted(relpaths)) if relpaths else ()
        label = messages._("reading {kind}", kind=messages._(kind.folder))
        for parsed in progress.chunked(chunks, label, len(relpaths)):
            read.update(row[1] for row in parsed)
            rows = parsed
            with index_db.writing(self.db):
                # A file replaced since it was read is read again: its older content must never
                # overwrite the row of the writer that replaced it (the last attempt stores what it
                # read; the row's stamp then still tells the next refresh to read it again).
                if attempts > 1:
                    moved = {row[1] for row in rows if not self._unchanged(row[1], row[3:6])}
                    replaced += sorted(moved)
                    rows = [row for row in rows if row[1] not in moved]
                self.db.executemany(
                    "INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows
                )
        vanished = sorted(set(relpaths) - read)
        if vanished:
            self.forget(kind, vanished)
        if replaced:
            self._store_rows(kind, replaced, attempts - 1)

    def _unchanged(self, relpath: str, stamp: tuple) -> bool:
        try:
            stat = os.stat(
                f"{self.root}/{relpath}"
            )  # asked for every file of a cold build: no Path made
        except FileNotFoundError:
            return False
        return (stat.st_size, stat.st_mtime_ns, stat.st_ino) == as_read(tuple(stamp))

    def forget(self, kind: Kind, relpaths: list[str]) -> None:
        with index_db.writing(self.db):
            self.db.executemany(
                "DELETE FROM files WHERE kind = ? AND path = ?", [(kind.name, p) for p in relpaths]
            )

    def _parsed(self, kind: Kind, relpaths: list[str]):
        """The rows of these files, a chunk at a time: on a pool of every core for many (cold
        builds, large pulls)."""
        chunks = (
            (str(self.root), kind.name, relpaths[start : start + CHUNK_FILES])
            for start in range(0, len(relpaths), CHUNK_FILES)
        )
        with pool.workers(len(relpaths) >= POOL_MIN_FILES) as executor:
            yield from pool.in_order(index_rows.parse_rows, chunks, executor)

    # ------------------------------------------------------------------ querying
    def rows(
        self,
        kind: Kind,
        where: Where | None = None,
        key: Key | None = None,
        fresh: bool = False,
        since: float | None = None,
        fields: tuple[str, ...] | None = None,
    ) -> Iterator[Row]:
        """Every file of a kind (or those matching `where` or `since`, and every broken one), fresh,
        by id; each record with only `fields` (None for those it lacks) if given. `fresh`: the
        caller has just refreshed this kind (within one transaction, it cannot)."""
        if not fresh:
            self.ensure_fresh(kind)
        columns = f"SELECT id, path, {index_rows.body_column(fields)}, problems FROM files"
        if not where and since is None:
            return index_rows.decoded(
                self.db, f"{columns} WHERE kind = ? ORDER BY id, path", [kind.name]
            )
        if key is not None:
            self.db.create_function(
                "crm_key",
                2,
                lambda field, value: None if value is None else key(field, value),
                deterministic=True,
            )
        selects: list[tuple[str, list]] = [
            (f"{columns} INDEXED BY broken WHERE kind = ? AND body IS NULL", [kind.name])
        ]
        if since is not None:  # no index on `latest`: a scan costs less than keeping one
            selects.append((f"{columns} WHERE kind = ? AND latest >= ?", [kind.name, since]))
        for field, values in (where or {}).items():
            wanted = list(values)
            if wanted:  # none matches no record (and an empty IN () leaves SQLite no plan)
                selects.append(index_rows.matching(self.db, kind, columns, field, wanted, key))
        sql = " UNION ".join(select for select, _ in selects) + " ORDER BY id, path"
        return index_rows.decoded(self.db, sql, [arg for _, args in selects for arg in args])

    def broken(self, kind: Kind) -> list[Problem]:
        """The problems of every file of a kind that has no record (as of the last refresh)."""
        return [
            Problem(**problem)
            for (found,) in self.db.execute(
                "SELECT problems FROM files INDEXED BY broken WHERE kind = ? AND body IS NULL "
                "ORDER BY id, path",
                (kind.name,),
            )
            for problem in json.loads(found)
        ]

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None
        if self._temporary is not None:
            self._temporary.cleanup()
            self._temporary = None

    def discard(self) -> None:
        """Close and delete the index files (found damaged): the next command builds a new one."""
        self.close()
        if self._settled is not None:
            # The new index holds nothing: each kind is refreshed as it is read.
            self._settled.clear()
        for suffix in ("", "-wal", "-shm"):
            with contextlib.suppress(FileNotFoundError):
                os.unlink(f"{self.path}{suffix}")
