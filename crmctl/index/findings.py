"""What `check` reports of the record files, kept per file in the index so a warm `check` decodes
nothing.

Running the consistency rules means decoding every record: seconds and a gigabyte at 100,000
customers. But what a rule reports of a record depends only on that record and the config, so the
index keeps, per file, the problems `derive` (the rules, given by the caller) found, already
located, and the record's duplicate-detection keys; a warm `check` is then the freshness stat plus
queries.

Never stale:
- rows are derived from a file's row in the `files` table and dropped by triggers in the very
  statement that replaces or deletes that row, so no crash or concurrent writer can leave them
behind;
- they are derived for one digest (of the config's settings, as `Config.digest`): another drops them
all;
- a reference ("no customer C…") depends on which ids exist now, so rules run as if no record
  existed and each reference they report is kept with its target, and reported by each `check` only
  while no file has that id (an anti-join).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from .. import messages, progress
from ..archive import yamlio
from ..archive.kinds import KINDS, Kind
from ..errors import CrmError
from ..problems import Problem, field_name
from . import pool
from .index_rows import Entry

if TYPE_CHECKING:
    from .index import Index

# (kind name, record, the fields its schema problems name, or None for a valid record) -> (issues,
# keys). An issue is `(field path, message, reference)`: reference is None, or `(kind name, id)` of
# the record whose absence is the problem (derived as if no record existed). Keys are `(field,
# value)` pairs two records share when they are likely duplicates. Picklable (a module's function,
# or a partial of one): many files are derived on a process pool.
Derive = Callable[[str, dict, "set[str] | None"], tuple[list[tuple], list[tuple[str, str]]]]

FORMAT = 2  # bump whenever what these tables hold, or how it is derived, changes
FILL_BATCH = (
    10_000  # files derived per write transaction: other writers wait at most about a second
)
DERIVE_CHUNK = (
    1000  # files derived at a time, on a pool of every core when POOL_MIN_FILES or more miss theirs
)
POOL_MIN_FILES = 4000  # ~35 µs each on one core: fewer cost less than starting the workers
# Fills in a row before giving up on the cache: another check with another config keeps dropping it.
ATTEMPTS = 3

_SCHEMA = [
    "CREATE TABLE check_digest (digest TEXT)",
    "CREATE TABLE check_files (kind TEXT, path TEXT, PRIMARY KEY (kind, path)) WITHOUT ROWID",
    "CREATE TABLE check_problems (kind TEXT, path TEXT, seq INTEGER, id TEXT, valid INTEGER, line "
    "INTEGER, field TEXT,"
    " message TEXT, ref_kind TEXT, ref_target TEXT, ref_path TEXT, PRIMARY KEY (kind, path, seq)) "
    "WITHOUT ROWID",
    "CREATE TABLE check_keys (kind TEXT, path TEXT, seq INTEGER, id TEXT, field TEXT, value TEXT,"
    " PRIMARY KEY (kind, path, seq)) WITHOUT ROWID",
    # A file row inserted (INSERT OR REPLACE fires no delete trigger), changed or deleted drops its
    # findings.
    *(
        f"CREATE TRIGGER check_{event.lower()} AFTER {event} ON files BEGIN"
        + "".join(
            f" DELETE FROM {table} WHERE kind = {row}.kind AND path = {row}.path;"
            for table in ("check_files", "check_problems", "check_keys")
        )
        + " END"
        for event, row in (("INSERT", "new"), ("UPDATE", "old"), ("DELETE", "old"))
    ),
]
# For reading only, so made after a fill: building an index at once costs a fraction of keeping it
# up to date through 300,000 inserts.
_INDEXES = [
    "CREATE INDEX IF NOT EXISTS check_located ON check_problems (kind) WHERE ref_kind IS NULL",
    "CREATE INDEX IF NOT EXISTS check_refs ON check_problems (ref_kind, ref_target) WHERE ref_kind "
    "IS NOT NULL",
    "CREATE INDEX IF NOT EXISTS check_shared ON check_keys (field, value)",
    "CREATE INDEX IF NOT EXISTS check_ids ON files (kind, id)",  # for duplicate ids and references
]
_TRIGGERS = ("check_insert", "check_update", "check_delete")
_TABLES = ("check_digest", "check_files", "check_problems", "check_keys")


class Findings(NamedTuple):
    """What `check` reports of the record files, each list in the order `check` prints it."""

    own: dict[
        str, list[Problem]
    ]  # by kind: the problems that made files unreadable or invalid, by id
    twins: dict[
        str, list[tuple[str, list[str]]]
    ]  # by kind: (id, its paths) of each id two or more files have
    derived: dict[str, list[Problem]]  # by kind: derive's problems, valid records' first, by id
    shared: list[
        tuple[str, str, str, str]
    ]  # (id, path, field, value) of each key two or more records have, by id
    any_record: bool  # a file of any kind is a readable record


class _Issue(NamedTuple):
    path: tuple  # field path in the record
    message: str
    line: int | None  # None for a reference: located only when reported
    ref_kind: str | None = None
    ref_target: str | None = None  # "" for a target that is not text: no file has that id either


class _Derived(NamedTuple):
    valid: bool
    issues: list[_Issue]
    keys: list[tuple[str, str]]


def _derived(root: Path, kind: Kind, entry: Entry, derive: Derive) -> _Derived | None:
    if entry.record is not None:
        record, reported = entry.record, None
    elif entry.problems and all(p.field for p in entry.problems):
        # Every problem names a field, so the file parsed and only its schema failed (never a
        # refused FIFO, link or oversized file, whose problems name no field): its references can
        # still be checked, and `check` reports every problem at once, not the first kind.
        body = _body(root / entry.path)
        if body is None:
            return None
        record, reported = {"id": entry.id, **body}, {p.field for p in entry.problems}
    else:
        return None
    found, keys = derive(kind.name, record, reported)
    data = _bytes(root / entry.path) if any(reference is None for _, _, reference in found) else b""
    issues = [
        _Issue(path, message, yamlio.line_of(data, path))
        if reference is None
        else _Issue(
            path, message, None, reference[0], reference[1] if isinstance(reference[1], str) else ""
        )
        for path, message, reference in found
    ]
    return _Derived(reported is None, issues, keys)


def _bytes(path: Path) -> bytes:
    """The file's bytes, for the lines of its problems; none if it is gone or changed into something
    unreadable since its row was read: the next refresh then replaces the row, dropping these
    findings."""
    try:
        return path.read_bytes()
    except OSError:
        return b""


def _body(path: Path) -> dict | None:
    try:
        body = yamlio.loads(_bytes(path))
    except yamlio.YamlError:
        return None
    return body if isinstance(body, dict) else None


def _reference_line(root: Path, path: str, field_path) -> int | None:
    return yamlio.line_of(_bytes(root / path), field_path)


# ---------------------------------------------------------------------------------- from the index
def indexed(index: Index, digest: str, derive: Derive) -> Findings:
    """Findings from the index: every kind refreshed, files without findings for `digest` derived,
    then read in one snapshot that holds findings for every file."""
    for kind in KINDS.values():
        index.ensure_fresh(kind)
    db = index.db
    digest = f"{FORMAT}/{digest}"
    for _ in range(ATTEMPTS):
        db.execute(
            "BEGIN"
        )  # one read snapshot: the files and their findings as one consistent state
        try:
            missing = (
                _missing(db) if _digest(db) == digest else None
            )  # None: start afresh for this digest
            if missing == []:
                return _read(index, db)
        finally:
            db.execute("COMMIT")
        _fill(index, digest, derive, missing)
    raise CrmError("the record files kept changing while check read them; run it again")


def _digest(db) -> str | None:
    # Dropping the files table (a new index format) drops its triggers: findings then may be stale.
    triggers = db.execute(
        f"SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name IN "
        f"({', '.join('?' * len(_TRIGGERS))})",
        _TRIGGERS,
    ).fetchone()[0]
    if triggers < len(_TRIGGERS):
        return None
    row = db.execute("SELECT digest FROM check_digest").fetchone()
    return row[0] if row else None


def _missing(db) -> list[tuple[str, str]]:
    # Findings are only stored with their file's row and dropped with it, so equal counts mean none
    # is missing: two index scans instead of a lookup per file.
    if (
        db.execute("SELECT count(*) FROM files").fetchone()
        == db.execute("SELECT count(*) FROM check_files").fetchone()
    ):
        return []
    return db.execute(
        "SELECT kind, path FROM files f WHERE NOT EXISTS (SELECT 1 FROM check_files c"
        " WHERE c.kind = f.kind AND c.path = f.path) ORDER BY kind, path"
    ).fetchall()


def _fill(index: Index, digest: str, derive: Derive, missing: list[tuple[str, str]] | None) -> None:
    """Derive the findings of the `missing` files, or of all files after starting afresh for
    `digest`."""
    db = index.db
    if missing is None:
        with index.writing():
            if _digest(db) != digest:
                for trigger in _TRIGGERS:
                    db.execute(f"DROP TRIGGER IF EXISTS {trigger}")
                for table in _TABLES:
                    db.execute(f"DROP TABLE IF EXISTS {table}")
                for statement in _SCHEMA:
                    db.execute(statement)
                db.execute("INSERT INTO check_digest VALUES (?)", (digest,))
        missing = _missing(db)
    batches = defaultdict(list)
    for kind_name, path in missing:
        batches[kind_name].append(path)
    with (
        pool.workers(len(missing) >= POOL_MIN_FILES) as executor,
        progress.counting(messages._("checking the records"), len(missing)) as advance,
    ):
        for kind_name, paths in batches.items():
            for start in range(0, len(paths), FILL_BATCH):
                with index.writing():
                    if _digest(db) != digest:
                        # Another check with another config started afresh: the caller tries again.
                        return
                    _derive_range(
                        index.root,
                        db,
                        KINDS[kind_name],
                        paths[start],
                        paths[start : start + FILL_BATCH][-1],
                        derive,
                        executor,
                    )
                advance(len(paths[start : start + FILL_BATCH]))
    for statement in _INDEXES:
        db.execute(statement)


def _derive_range(
    root: Path, db, kind: Kind, first: str, last: str, derive: Derive, executor
) -> None:
    """Derive the findings of the files of a kind from `first` to `last` (paths) that have none: in
    the write transaction that stores them, so the rows they come from cannot change meanwhile; a
    chunk at a time on `executor` (see `pool.workers`), if any."""
    rows = db.execute(
        "SELECT path, body, problems FROM files f WHERE kind = ? AND path BETWEEN ? AND ? AND NOT "
        "EXISTS"
        " (SELECT 1 FROM check_files c WHERE c.kind = f.kind AND c.path = f.path)",
        (kind.name, first, last),
    ).fetchall()
    chunks = (
        (str(root), kind.name, rows[start : start + DERIVE_CHUNK], derive)
        for start in range(0, len(rows), DERIVE_CHUNK)
    )
    marks: list[tuple] = []
    issues: list[tuple] = []
    keys: list[tuple] = []
    for derived in pool.in_order(_derived_rows, chunks, executor):
        for table_rows, rows_of in zip((marks, issues, keys), derived, strict=True):
            table_rows.extend(rows_of)
    db.executemany("INSERT INTO check_files VALUES (?, ?)", marks)
    db.executemany("INSERT INTO check_problems VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", issues)
    db.executemany("INSERT INTO check_keys VALUES (?, ?, ?, ?, ?, ?)", keys)


def _derived_rows(
    root: str, kind_name: str, rows: list[tuple], derive: Derive
) -> tuple[list, list, list]:
    """The rows of `check_files`, `check_problems` and `check_keys` of these rows of `files`."""
    folder, kind = Path(root), KINDS[kind_name]
    # One json.loads for all bodies, as the index decodes them: faster, and the keys are shared.
    records = iter(
        json.loads("[" + ",".join(body for _, body, _ in rows if body is not None) + "]")
    )
    marks, issues, keys = [], [], []
    for path, body, problems in rows:
        entry = Entry(
            path,
            next(records) if body is not None else None,
            [Problem(**p) for p in json.loads(problems)] if problems else [],
        )
        marks.append((kind.name, path))
        done = _derived(folder, kind, entry, derive)
        if done is None:
            continue
        issues += [
            (
                kind.name,
                path,
                seq,
                entry.id,
                done.valid,
                issue.line,
                field_name(issue.path),
                issue.message,
                issue.ref_kind,
                issue.ref_target,
                json.dumps(issue.path) if issue.ref_kind else None,
            )
            for seq, issue in enumerate(done.issues)
        ]
        keys += [
            (kind.name, path, seq, entry.id, field, value)
            for seq, (field, value) in enumerate(done.keys)
        ]
    return marks, issues, keys


# Derived problems that stand: those that are no reference, and those whose target no file has. The
# targets are looked up once each (a customer has several visits), not once per reference.
_STANDING = """
SELECT kind, valid, id, path, seq, line, field, message, ref_path FROM check_problems
WHERE ref_kind IS NULL
UNION ALL
SELECT p.kind, p.valid, p.id, p.path, p.seq, p.line, p.field, p.message, p.ref_path
FROM (SELECT DISTINCT ref_kind, ref_target FROM check_problems WHERE ref_kind IS NOT NULL) AS target
JOIN check_problems p ON p.ref_kind = target.ref_kind AND p.ref_target = target.ref_target
WHERE NOT EXISTS (SELECT 1 FROM files f WHERE f.kind = target.ref_kind AND f.id = target.ref_target)
ORDER BY valid DESC, id, path, seq"""


def _read(index: Index, db) -> Findings:
    own: dict[str, list[Problem]] = {}
    twins: dict[str, list] = {}
    derived: dict[str, list[Problem]] = {}
    for name, kind in KINDS.items():
        own[name] = index.broken(kind)
        paths = defaultdict(list)
        for record_id, path in db.execute(
            "SELECT id, path FROM files WHERE kind = ?1 AND id IN (SELECT id FROM files"
            " WHERE kind = ?1 GROUP BY id HAVING count(*) > 1) ORDER BY id, path",
            (name,),
        ):
            paths[record_id].append(path)
        twins[name] = list(paths.items())
        derived[name] = []
    for kind, _, _, path, _, stored_line, field, message, ref_path in db.execute(_STANDING):
        line = (
            stored_line
            if ref_path is None
            else _reference_line(index.root, path, json.loads(ref_path))
        )
        derived[kind].append(Problem(path, line, field, message))
    shared = db.execute(
        "SELECT id, path, field, value FROM check_keys WHERE (field, value) IN (SELECT field, value"
        " FROM check_keys GROUP BY field, value HAVING count(*) > 1) ORDER BY id, path, seq"
    ).fetchall()
    any_record = db.execute(
        "SELECT EXISTS (SELECT 1 FROM files WHERE body IS NOT NULL)"
    ).fetchone()[0]
    return Findings(own, twins, derived, shared, bool(any_record))
