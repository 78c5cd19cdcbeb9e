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
import datetime as dt
import hashlib
import json
import marshal
import math
import os
import signal
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import NamedTuple, TypeVar

from .. import __version__
from ..problems import Problem
from . import collector, customer_memo, pool
from .kinds import KINDS, Kind
from .record_file import read_record, record_id
from .schemas import schema_files, stamp_fields

FORMAT = 12  # bump whenever what a row holds, or how it is derived, changes
FILE_NAME = "index.sqlite"
FORK_MIN_FILES = (
    20_000  # below this, a second process for the freshness stat costs more than it saves
)
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
DECODE_BATCH = 2000

# `where`: {field: values}. A record matches when ANY listed top-level text or number field has one
# of the values (after `key(field, value)` when a key function is given), or, given `since` (POSIX
# seconds), when its `latest_stamp` is at or after it. Broken files always match, so their problems
# are never hidden by a filter.
Where = dict[str, Iterable]
Key = Callable[[str, object], object]
Row = tuple[
    str, "dict | None", "list[Problem]"
]  # path from the root, record (None if broken), its problems
Stamp = tuple[
    int, int, int
]  # size, mtime_ns, inode: a file whose stamp is unchanged is not read again
# Folder snapshots are kept in marshal's version 2, which writes no back-references: the same stamps
# in the same order always give the same bytes, so an unchanged folder is told by its bytes,
# undecoded.
SNAPSHOT_VERSION = 2
T = TypeVar("T")
# A folder's kept listing is trusted only if the folder last changed this long before it was listed:
# a change within its timestamps' granularity (a clock tick, a second on some file systems) may
# leave them as they were. Listing 100,000 names costs ~0.2 s; stat'ing their folder, microseconds.
LISTING_MARGIN_NS = 3_000_000_000


class Entry(NamedTuple):
    """One record file (`path` from the data root, as in problems): its record, or None and the
    problems that stopped it. A tuple with a plain string: at 100,000 files, Path objects and
    dataclass instances each cost a second."""

    path: str
    record: dict | None
    problems: list[Problem]

    @property
    def id(self) -> str:
        return record_id(self.path)


def record_folders(folder: Path, kind: Kind) -> list[Path]:
    if not kind.month_field:
        return [folder]
    return [month for year in _subfolders(folder) for month in _subfolders(year)]


def _subfolders(folder: Path) -> list[Path]:
    try:
        with os.scandir(folder) as entries:
            return sorted(
                Path(e.path)
                for e in entries
                if e.is_dir(follow_symlinks=False) and not e.name.startswith(".")
            )
    except FileNotFoundError:
        return []


def is_record_name(name: str) -> bool:
    """Dot-files are staged writes or editor leftovers, not records."""
    return name.endswith(".yaml") and not name.startswith(".")


def matches(
    kind: Kind, record: dict, where: Where, key: Key | None, since: float | None = None
) -> bool:
    if since is not None and latest_stamp(kind, record) >= since:
        return True
    for field, values in where.items():
        value = record.get(field)
        if (
            isinstance(value, (str, int, float))
            and not isinstance(value, bool)
            and (key(field, value) if key else value) in values
        ):
            return True
    return False


def projected(record: dict, fields: tuple[str, ...]) -> dict:
    """A record with only these top-level fields (None for those it lacks), as `Index.rows` gives
    it."""
    return {field: record.get(field) for field in fields}


def latest_stamp(kind: Kind, record: dict) -> float:
    """The latest moment a record states (POSIX seconds): its top-level timestamps (created,
    updated, received...) and its history entries'. A record with none, or one unreadable, counts as
    changed at every moment, so no `since` ever leaves it out."""
    stamps = [record.get(field) for field in stamp_fields(kind.schema)]
    stamps += [entry.get("at") for entry in record.get("history", ()) if isinstance(entry, dict)]
    try:
        return max(
            dt.datetime.fromisoformat(stamp).timestamp() for stamp in stamps if stamp is not None
        )
    except (TypeError, ValueError):
        return math.inf


def _format_key() -> str:
    digest = hashlib.sha256()
    for name, data in sorted(schema_files().items()):
        digest.update(name.encode() + b"\0" + data)
    kinds = ";".join(
        f"{k.name},{k.folder},{k.letter},{k.schema},{k.month_field}" for k in KINDS.values()
    )
    return f"{FORMAT}/{__version__}/{digest.hexdigest()[:16]}/{kinds}"


def _stamps(folder: str, names: list[str]) -> dict[str, Stamp]:
    """(size, mtime_ns, inode) of each named file of a folder; files gone meanwhile are left out."""
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    found = {}
    try:
        for name in names:
            try:
                stat = os.stat(name, dir_fd=fd)
            except FileNotFoundError:
                continue
            found[name] = (stat.st_size, stat.st_mtime_ns, stat.st_ino)
    finally:
        os.close(fd)
    return found


def _stamps_in_two(listed: list[tuple[str, str, list[str]]]) -> list[dict[str, Stamp]]:
    """`_stamps` of every listed folder, half of each folder's files stat'ed by a forked child.

    A stat is mostly interpreter work under the GIL, so threads gain nothing; a second process
    halves the time on two cores (0.70 s instead of 1.05 s for 314,000 files)."""
    if not hasattr(os, "fork"):
        return [_stamps(folder, names) for folder, _, names in listed]
    with _forked(
        lambda: [_stamps(folder, names[len(names) // 2 :]) for folder, _, names in listed]
    ) as theirs:
        found = [_stamps(folder, names[: len(names) // 2]) for folder, _, names in listed]
        for mine, half in zip(found, theirs(), strict=False):
            mine.update(half)
    return found


@contextlib.contextmanager
def _forked(work: Callable[[], object]) -> Iterator[Callable[[], object]]:
    """Run `work()` in a forked child; the block gets a function that waits for its answer (a value
    marshal can carry). The child only works and reports back: it never touches the parent's SQLite
    or files. A block left before asking for the answer stops the child."""
    reader, writer = os.pipe()
    try:
        child = os.fork()
    except BaseException:
        os.close(reader)
        os.close(writer)
        raise
    if child == 0:
        status = 1
        try:
            os.close(reader)
            with os.fdopen(writer, "wb") as out:
                out.write(marshal.dumps(work()))
            status = 0
        finally:
            os._exit(status)
    os.close(writer)
    pipe = os.fdopen(reader, "rb")
    reaped = []

    def answer():
        data = pipe.read()
        pipe.close()
        reaped.append(os.waitpid(child, 0)[1])
        if reaped[0] != 0 or not data:
            raise OSError("the process stat'ing record files failed")
        try:
            return marshal.loads(data)
        except (EOFError, ValueError, TypeError) as exc:
            raise OSError("the process stat'ing record files failed") from exc

    try:
        yield answer
    finally:
        pipe.close()
        if not reaped:
            with contextlib.suppress(ProcessLookupError):
                os.kill(child, signal.SIGKILL)
            os.waitpid(child, 0)


def _stamped(listed: list[tuple[str, str, list[str]]], halves: bool) -> dict[str, dict[str, Stamp]]:
    """{folder from the root: {file name: (size, mtime_ns, inode)}} of the listed folders' files
    (see `Index._listed`); `halves`: half of them stat'ed by a second process."""
    found = (
        _stamps_in_two(listed)
        if halves
        else [_stamps(folder, names) for folder, _, names in listed]
    )
    return {rel: stamps for (_, rel, _), stamps in zip(listed, found, strict=False)}


def _many(listed: list[tuple[str, str, list[str]]]) -> bool:
    """Whether the listed folders hold enough files for a second process to stat them sooner."""
    return sum(len(names) for _, _, names in listed) >= FORK_MIN_FILES


def _changed(
    current: dict[str, dict[str, Stamp]], kept: dict[str, bytes]
) -> dict[str, dict[str, Stamp]] | None:
    """`current` if its folders' stamps are not the `kept` snapshots of them (bytes), else None: an
    unchanged archive's 314,000 stamps need not be carried back to a process that would only compare
    them."""
    if current.keys() == kept.keys() and all(
        kept[folder] == _snapshot(stamps) for folder, stamps in current.items()
    ):
        return None
    return current


def _snapshot(stamps: dict[str, Stamp]) -> bytes:
    return marshal.dumps(stamps, SNAPSHOT_VERSION)


def _parse_rows(root: str, kind_name: str, relpaths: list[str]) -> list[tuple]:
    """Index rows for files (run in worker processes for large batches); vanished files give
    none."""
    kind = KINDS[kind_name]
    rows = []
    for rel in relpaths:
        record, problems, stamp = read_record(root, kind, rel)
        if stamp is None:
            continue
        body = (
            json.dumps(record, ensure_ascii=False, separators=(",", ":"))
            if record is not None
            else None
        )
        found = (
            json.dumps([p.as_dict() for p in problems], ensure_ascii=False) if problems else None
        )
        rows.append(
            (
                kind_name,
                rel,
                record_id(rel),
                *stamp,
                body,
                found,
                _customer_of(kind, record),
                latest_stamp(kind, record) if record is not None else None,
            )
        )
    return rows


def _customer_of(kind: Kind, record: dict | None) -> str | None:
    """The customer a record belongs to: a customer its own, a visit or complaint the one it
    names."""
    if record is None:
        return None
    return record["id"] if kind.name == "customer" else record.get("customer")


def damaged(exc: sqlite3.DatabaseError) -> bool:
    """Whether an error says the index file itself is ruined, so it is deleted and built again. A
    busy or locked index is not: deleting it under another connection would ruin that one's
    answers."""
    return (getattr(exc, "sqlite_errorcode", 0) & 0xFF) in (
        sqlite3.SQLITE_CORRUPT,
        sqlite3.SQLITE_NOTADB,
    )


class Index:
    def __init__(self, root: Path, state_dir: Path, busy_timeout: float = 30.0):
        self.root = root
        self.path = state_dir / FILE_NAME
        self.busy_timeout = busy_timeout
        self._db: sqlite3.Connection | None = None
        self._settled: set[str] | None = None  # kinds refreshed within `settled()`

    # ------------------------------------------------------------------ connection and format
    @property
    def db(self) -> sqlite3.Connection:
        if self._db is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            try:
                self._db = self._open()
            except sqlite3.DatabaseError as exc:
                if not damaged(exc):
                    raise
                self.discard()  # not a database any more (truncated, overwritten): start afresh
                self._db = self._open()
        return self._db

    def _open(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=self.busy_timeout, isolation_level=None)
        try:
            self._prepare(db)
        except BaseException:
            db.close()
            raise
        return db

    def _prepare(self, db: sqlite3.Connection) -> None:
        self._use_wal(db)
        db.execute(
            "PRAGMA synchronous=NORMAL"
        )  # a row lost in a power cut is re-parsed, never wrong
        db.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)")
        wanted = _format_key()
        if self._meta(db, "format") != wanted:
            with self._writing(db):
                if self._meta(db, "format") != wanted:
                    db.execute("DROP TABLE IF EXISTS files")
                    for table in ("folders", "listings"):
                        db.execute(f"DROP TABLE IF EXISTS {table}")
                    db.execute(
                        "CREATE TABLE folders (kind TEXT, folder TEXT, stamps BLOB, PRIMARY KEY "
                        "(kind, folder))"
                    )
                    db.execute(
                        "CREATE TABLE listings (kind TEXT, folder TEXT, listing BLOB, PRIMARY KEY "
                        "(kind, folder))"
                    )
                    db.execute(
                        "CREATE TABLE files (kind TEXT, path TEXT, id TEXT, size INTEGER, mtime_ns "
                        "INTEGER,"
                        " ino INTEGER, body TEXT, problems TEXT, customer TEXT, latest REAL, "
                        "PRIMARY KEY (kind, path))"
                        " WITHOUT ROWID"
                    )
                    db.execute(customer_memo.BY_CUSTOMER)
                    db.execute("CREATE INDEX broken ON files (kind) WHERE body IS NULL")
                    db.execute(
                        "CREATE INDEX stamps ON files (kind, path, size, mtime_ns, ino)"
                    )  # refresh reads no body
                    customer_memo.create(db)
                    db.execute("INSERT OR REPLACE INTO meta VALUES ('format', ?)", (wanted,))
        if customer_memo.outdated(db):
            with self._writing(db):
                if customer_memo.outdated(db):
                    customer_memo.create(db)

    def _use_wal(self, db: sqlite3.Connection) -> None:
        """Turn a new index to WAL mode. That needs the file to itself, and SQLite refuses at once,
        without its busy wait, while another connection opens the new file too: so it is tried
        again."""
        deadline = time.monotonic() + self.busy_timeout
        while True:
            try:
                db.execute("PRAGMA journal_mode=WAL")
                return
            except sqlite3.OperationalError as exc:
                if (
                    exc.sqlite_errorcode & 0xFF != sqlite3.SQLITE_BUSY
                    or time.monotonic() >= deadline
                ):
                    raise
                time.sleep(0.005)

    def meta(self, key: str) -> str | None:
        return self._meta(self.db, key)

    def writing(self):
        """One write transaction on the index (BEGIN IMMEDIATE): no other process changes it
        meanwhile."""
        return self._writing(self.db)

    @staticmethod
    def _meta(db, key: str) -> str | None:
        row = db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    @staticmethod
    @contextlib.contextmanager
    def _writing(db):
        db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")

    # ------------------------------------------------------------------ keeping it fresh
    def _listed(self, kind: Kind) -> tuple[list[tuple[str, str, list[str]]], dict[str, bytes]]:
        """(folder, folder from the root, record file names) of each record folder of a kind, and
        the new listings to keep: {folder from the root: listing}.

        A folder's names are its kept listing's while the folder's own (inode, mtime, ctime) are the
        ones kept with it: adding, removing or renaming an entry sets a folder's mtime and ctime,
        and nothing sets a ctime back (tools that restore an mtime, as rsync or tar do, change the
        ctime)."""
        base = len(str(self.root)) + 1
        kept = dict(
            self.db.execute("SELECT folder, listing FROM listings WHERE kind = ?", (kind.name,))
        )
        listed, listings = [], {}
        for folder_path in record_folders(self.root / "records" / kind.folder, kind):
            folder, rel = str(folder_path), str(folder_path)[base:]
            since = time.time_ns()
            try:
                stat = os.stat(folder)
            except FileNotFoundError:
                continue
            own = [stat.st_ino, stat.st_mtime_ns, stat.st_ctime_ns]
            was, names = marshal.loads(kept[rel]) if rel in kept else (None, None)
            if was != own:
                try:
                    names = [n for n in os.listdir(folder) if is_record_name(n)]
                except FileNotFoundError:
                    continue
                if stat.st_ctime_ns < since - LISTING_MARGIN_NS:
                    listings[rel] = marshal.dumps((own, names), SNAPSHOT_VERSION)
            listed.append((folder, rel, names))
        return listed, listings

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

    def overlapped(self, read: Callable[[], T], kinds: Iterable[Kind]) -> T:
        """`read()` within `settled()`, sooner on two cores: a forked child stats the record files
        of `kinds` (those `read()` reads) while `read()` runs on the index as it stands. Its answer
        stands if the stat finds every file as the index holds it and no other connection changed
        the index meanwhile: `read()` then saw what it would have seen after the stat. Otherwise the
        changes found are read in and `read()` runs again, so it must start afresh each time. At
        100,000 customers the stat (~1 s on one core) and a query's own work (~1 s) are alike, and
        neither waits for the other."""
        if self._settled is not None:
            return read()
        with self.settled():
            db, version = self.db, self._data_version()
            listed = {kind: self._listed(kind) for kind in kinds}
            kept = {kind: self._snapshots(kind) for kind in listed}
            every = [folder for folders, _ in listed.values() for folder in folders]
            # A new index has nothing to answer from: its answer would always be thrown away.
            if hasattr(os, "fork") and _many(every) and any(kept.values()):
                self._settled.update(kind.name for kind in listed)
                with _forked(
                    lambda: [
                        _changed(_stamped(folders, halves=False), kept[kind])
                        for kind, (folders, _) in listed.items()
                    ]
                ) as stamped:
                    answer = read()
                    found = stamped()
                changed = False
                for kind, current in zip(listed, found, strict=False):
                    if current is None:  # as the index holds it: only its new listings are kept
                        self._keep_listings(kind, listed[kind][1])
                    else:
                        changed |= self.refresh(kind, listed[kind], current)
                if not changed and self._db is db and self._data_version() == version:
                    return answer
            else:
                for kind, found in listed.items():
                    self.refresh(kind, found)
                self._settled.update(kind.name for kind in listed)
            return read()

    def _snapshots(self, kind: Kind) -> dict[str, bytes]:
        """{folder from the root: its kept snapshot} of a kind's folders (see `_snapshot`)."""
        return dict(
            self.db.execute("SELECT folder, stamps FROM folders WHERE kind = ?", (kind.name,))
        )

    def _data_version(self) -> int:
        """A number that changes whenever another connection commits to the index (PRAGMA
        data_version)."""
        return self.db.execute("PRAGMA data_version").fetchone()[0]

    def refresh(
        self,
        kind: Kind,
        listed: tuple[list, dict[str, bytes]] | None = None,
        current: dict[str, dict[str, Stamp]] | None = None,
    ) -> bool:
        """Re-read every file of a kind whose stamp differs from the one its row was read at; drop
        rows of gone files; whether any row changed. Each folder's stamps are kept as one snapshot,
        so an unchanged folder costs one comparison instead of a row per file. `listed`: the kind's
        `_listed` taken already, and `current` its files' stamps."""
        (folders, listings) = listed or self._listed(kind)
        if current is None:
            current = _stamped(folders, halves=_many(folders))
        self._keep_listings(kind, listings)
        # Decoding every snapshot cost ~0.2 s of each query at 100,000 customers; only a folder
        # whose bytes differ (changed, or the same stamps listed in another order) is decoded and
        # compared.
        stored = {
            folder: current[folder]
            if folder in current and blob == _snapshot(current[folder])
            else marshal.loads(blob)
            for folder, blob in self._snapshots(kind).items()
        }
        if current == stored:
            return False
        if current.keys() == stored.keys():
            changed = [
                f"{folder}/{name}"
                for folder, stamps in current.items()
                if stamps != stored[folder]
                for name, stamp in stamps.items()
                if stored[folder].get(name) != stamp
            ]
            gone = [
                f"{folder}/{name}"
                for folder, stamps in current.items()
                if stamps != stored[folder]
                for name in stored[folder].keys() - stamps.keys()
            ]
        else:
            # A folder came or went, or was never listed: compare every file with its row.
            rows = {
                path: tuple(stamp)
                for path, *stamp in self.db.execute(
                    "SELECT path, size, mtime_ns, ino FROM files INDEXED BY stamps WHERE kind = ?",
                    (kind.name,),
                )
            }
            now = {
                f"{folder}/{name}": stamp
                for folder, stamps in current.items()
                for name, stamp in stamps.items()
            }
            changed = [path for path, stamp in now.items() if rows.get(path) != stamp]
            gone = sorted(rows.keys() - now.keys())
        if gone:
            self.forget(kind, gone)
        self._reread(kind, changed)
        with self._writing(self.db):
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
                [(kind.name, folder, _snapshot(stamps)) for folder, stamps in renewed.items()],
            )
        return True

    def _keep_listings(self, kind: Kind, listings: dict[str, bytes]) -> None:
        """Keep these folder listings (if any), unless another process is writing the index: they
        only spare a later command a listing, and a query must not wait out an import for them."""
        if not listings:
            return
        self.db.execute("PRAGMA busy_timeout = 0")
        try:
            with self._writing(self.db):
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
        self, kind: Kind, snapshots: dict[str, dict[str, Stamp]], relpaths: list[str]
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
        with self._writing(self.db):
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
                [(_snapshot(stamps), kind.name, folder) for folder, stamps in snapshots.items()],
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
        with self._writing(self.db):
            for (name,) in self.db.execute(
                "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'files'"
                " AND sql IS NOT NULL AND name NOT IN ('stamps', 'broken')"
            ).fetchall():
                self.db.execute(f'DROP INDEX "{name}"')
        yield
        with self._writing(self.db):
            self.db.execute(customer_memo.BY_CUSTOMER)

    def _store_rows(self, kind: Kind, relpaths: list[str], attempts: int) -> None:
        read, replaced = set(), []
        for parsed in self._parsed(kind, sorted(relpaths)) if relpaths else ():
            read.update(row[1] for row in parsed)
            rows = parsed
            with self._writing(self.db):
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
        return (stat.st_size, stat.st_mtime_ns, stat.st_ino) == tuple(stamp)

    def forget(self, kind: Kind, relpaths: list[str]) -> None:
        with self._writing(self.db):
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
            yield from pool.in_order(_parse_rows, chunks, executor)

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
        by id; each record with only `fields` (`projected`) if given. `fresh`: the caller has just
        refreshed this kind (within one transaction, it cannot)."""
        if not fresh:
            self.ensure_fresh(kind)
        body = "body"
        if fields is not None:  # made in SQLite: only these fields are decoded
            if not all(field.isidentifier() for field in fields):
                raise ValueError(f"not field names: {fields!r}")
            picked = ", ".join(f"'{field}', json_extract(body, '$.{field}')" for field in fields)
            body = f"CASE WHEN body IS NULL THEN NULL ELSE json_object({picked}) END AS body"
        columns = f"SELECT id, path, {body}, problems FROM files"
        if not where and since is None:
            return self._decoded(f"{columns} WHERE kind = ? ORDER BY id, path", [kind.name])
        if key is not None:
            self.db.create_function(
                "crm_key",
                2,
                lambda field, value: None if value is None else key(field, value),
                deterministic=True,
            )
        arms, args = [f"{columns} INDEXED BY broken WHERE kind = ? AND body IS NULL"], [kind.name]
        if (
            since is not None
        ):  # no index on `latest`: a scan of the kind's rows costs less than keeping one
            arms.append(f"{columns} WHERE kind = ? AND latest >= ?")
            args += [kind.name, since]
        for field, values in (where or {}).items():
            if not field.isidentifier():
                raise ValueError(f"not a field name: {field!r}")
            wanted = list(values)
            if not wanted:
                continue  # matches no record (and an empty IN () leaves SQLite no query plan)
            extracted = f"json_extract(body, '$.{field}')"
            found = (
                f"IN ({', '.join('?' * len(wanted))}) "
                f"AND json_type(body, '$.{field}') IN ('text', 'integer', 'real')"
            )
            if key is None:
                # An exact match: an index on the field makes it cost only the rows it finds. It
                # holds only this kind's rows (the kind is written out, as SQLite uses a partial
                # index only for a query that names its condition): other kinds' rows, inserted by
                # every build and pull, never parse their JSON for it.
                index = f"{kind.name} by {field}"
                self.db.execute(
                    f'CREATE INDEX IF NOT EXISTS "{index}" ON files ({extracted}) WHERE kind = '
                    f"'{kind.name}'"
                )
                arms.append(
                    f"{columns} INDEXED BY \"{index}\" WHERE kind = '{kind.name}' AND {extracted} "
                    f"{found}"
                )
                args += wanted
            else:
                arms.append(f"{columns} WHERE kind = ? AND crm_key('{field}', {extracted}) {found}")
                args += [kind.name, *wanted]
        return self._decoded(" UNION ".join(arms) + " ORDER BY id, path", args)

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

    def _decoded(self, sql: str, args: list) -> Iterator[Row]:
        cursor = self.db.execute(sql, args)
        with collector.paused():
            while batch := cursor.fetchmany(DECODE_BATCH):
                # One json.loads per batch: faster, and the decoder shares one key string among all
                # records.
                records = iter(
                    json.loads(
                        "[" + ",".join(body for _, _, body, _ in batch if body is not None) + "]"
                    )
                )
                for _, path, body, problems in batch:
                    yield (
                        path,
                        next(records) if body is not None else None,
                        [Problem(**p) for p in json.loads(problems)] if problems else [],
                    )

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    def discard(self) -> None:
        """Close and delete the index files (found damaged): the next command builds a new one."""
        self.close()
        if self._settled is not None:
            # The new index holds nothing: each kind is refreshed as it is read.
            self._settled.clear()
        for suffix in ("", "-wal", "-shm"):
            with contextlib.suppress(FileNotFoundError):
                os.unlink(f"{self.path}{suffix}")
