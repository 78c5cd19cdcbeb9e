"""A row of the index: one record file's parsed and validated outcome, and how rows are chosen
and decoded again.

A row holds the record as compact JSON (or none, for a broken file), its problems, the customer it
belongs to and its latest stamp, under the file's stamp (see file_stamps.py).
"""

from __future__ import annotations

import datetime as dt
import json
import math
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any, NamedTuple

from ..archive.kinds import KINDS, Kind
from ..archive.record_file import read_record, record_id
from ..archive.schemas import stamp_fields
from ..problems import Problem
from . import collector

DECODE_BATCH = 2000  # rows decoded by one json.loads
SCHEMA = (
    "CREATE TABLE folders (kind TEXT, folder TEXT, stamps BLOB, PRIMARY KEY (kind, folder))",
    "CREATE TABLE listings (kind TEXT, folder TEXT, listing BLOB, PRIMARY KEY (kind, folder))",
    "CREATE TABLE files (kind TEXT, path TEXT, id TEXT, size INTEGER, mtime_ns INTEGER,"
    " ino INTEGER, body TEXT, problems TEXT, customer TEXT, latest REAL,"
    " PRIMARY KEY (kind, path)) WITHOUT ROWID",
    "CREATE INDEX broken ON files (kind) WHERE body IS NULL",
    "CREATE INDEX stamps ON files (kind, path, size, mtime_ns, ino)",  # refresh reads no body
)

# `where`: {field: values}. A record matches when ANY listed top-level text or number field has one
# of the values (after `key(field, value)` when a key function is given), or, given `since` (POSIX
# seconds), when its `latest_stamp` is at or after it. Broken files always match, so their problems
# are never hidden by a filter.
Where = Mapping[str, Iterable]
Key = Callable[[str, Any], Any]
Row = tuple[
    str, "dict | None", "list[Problem]"
]  # path from the root, record (None if broken), its problems


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


def body_column(fields: tuple[str, ...] | None) -> str:
    """The column of a row's record: all of it, or only `fields`, picked in SQLite so only they are
    decoded."""
    if fields is None:
        return "body"
    if not all(field.isidentifier() for field in fields):
        raise ValueError(f"not field names: {fields!r}")
    picked = ", ".join(f"'{field}', json_extract(body, '$.{field}')" for field in fields)
    return f"CASE WHEN body IS NULL THEN NULL ELSE json_object({picked}) END AS body"


def parse_rows(root: str, kind_name: str, relpaths: list[str]) -> list[tuple]:
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
                customer_of(kind, record),
                latest_stamp(kind, record) if record is not None else None,
            )
        )
    return rows


def customer_of(kind: Kind, record: dict | None) -> str | None:
    """The customer a record belongs to: a customer its own, a visit or complaint the one it
    names."""
    if record is None:
        return None
    return record["id"] if kind.name == "customer" else record.get("customer")


def matching(
    db: sqlite3.Connection, kind: Kind, columns: str, field: str, wanted: list, key: Key | None
) -> tuple[str, list]:
    """A SELECT of `columns` of the records whose `field` is one of `wanted` (after `key`), and
    its parameters."""
    if not field.isidentifier():
        raise ValueError(f"not a field name: {field!r}")
    extracted = f"json_extract(body, '$.{field}')"
    found = (
        f"IN ({', '.join('?' * len(wanted))}) "
        f"AND json_type(body, '$.{field}') IN ('text', 'integer', 'real')"
    )
    if key is not None:
        return (
            f"{columns} WHERE kind = ? AND crm_key('{field}', {extracted}) {found}",
            [kind.name, *wanted],
        )
    # An exact match: an index on the field makes it cost only the rows it finds. It holds only
    # this kind's rows (SQLite uses a partial index only for a query that names its condition),
    # so other kinds' rows, inserted by every build and pull, never parse their JSON for it.
    index = f"{kind.name} by {field}"
    db.execute(
        f"CREATE INDEX IF NOT EXISTS \"{index}\" ON files ({extracted}) WHERE kind = '{kind.name}'"
    )
    return (
        f"{columns} INDEXED BY \"{index}\" WHERE kind = '{kind.name}' AND {extracted} {found}",
        wanted,
    )


def decoded(db: sqlite3.Connection, sql: str, args: list) -> Iterator[Row]:
    cursor = db.execute(sql, args)
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
