"""Writes staged by an action and committed all or none.

A transaction that writes several files (an import, a handover) is all or nothing:

1. an intent file in `.crmctl/` names the temporary files about to be staged;
2. each new file is staged as a dot-file beside its target and flushed to disk;
3. a journal naming every rename is written and renamed into place: the commit point;
4. the renames happen, then journal and intent are removed.

A crash before step 3 leaves only staged dot-files, which the next writer deletes (from the intent);
a crash after it is rolled forward by the next writer (from the journal). Readers and `check`
ignore dot-files, so they never see a staged file.

A transaction holding more than `SPILL` bytes (a bulk import) stages what it holds at once and
notes each staged file in a ledger, a spool on disk (store/spool.py): its memory stays bounded
whatever the number of files, and the intent, journal, renames and index update read their paths
from there.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import os
import secrets
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..archive import canonical
from ..archive.kinds import KINDS, Kind
from ..archive.root import inside
from ..archive.schemas import validate
from ..errors import Invalid
from ..problems import field_name
from .spool import Spool

if TYPE_CHECKING:
    from .records import Store

BULK = 16  # more files staged at once are flushed by one sync instead of one fsync each
SPILL = 32 << 20  # bytes of files held before they are staged: a bulk import stays bounded
STAGED = "staged"  # the ledger's table: a staged file's relative path -> [kind, what it tells]


class Again:
    """An iterable read afresh at each pass (paths kept in a ledger on disk, never all in
    memory)."""

    def __init__(self, items: Callable[[], Iterable]):
        self._items = items

    def __iter__(self) -> Iterator:
        return iter(self._items())

    def __bool__(self) -> bool:
        return next(iter(self), None) is not None


@dataclass(frozen=True)
class Change:
    """One committed transaction: what a `--commit` commit holds and says."""

    paths: Iterable[Path]
    summary: str
    record_ids: Iterable[str]


class Transaction:
    """Writes staged by an action; see the module docstring for how they reach the disk.

    An action may set `summary` to one line a person can scan in `git log` ("log visit V… for
    张三"); without it, one is made from the records written. It must not hold phone numbers, emails
    or addresses: it becomes a commit message, which outlives any redaction of the records.
    """

    def __init__(self, store: Store):
        self.store = store
        self.writes: dict[Path, bytes] = {}
        self.removes: set[Path] = set()
        self.kinds: dict[Path, Kind] = {}  # of every staged path, for the index
        # after commit: every file created, changed or removed
        self.written: Iterable[Path] = []
        self.summary: str | None = None
        self._records: dict[Path, tuple[Kind, dict]] = {}  # what the commit summary tells of each
        self.files: set[Path] = set()  # staged non-record files (crmctl.yaml)
        self.txid = secrets.token_hex(6)
        self.ledger: Spool | None = None  # the files staged before the commit, once it spills
        self._held = 0  # bytes in `writes`

    def put(self, kind: Kind, record: dict, validated: bool = False) -> Path:
        """Validate a record and stage its canonical file; raises Invalid and stages nothing if bad.
        `validated`: the caller has just checked this very record with `schemas.validate` and found
        nothing (a bulk import, where validating twice would double its time)."""
        body = {key: value for key, value in record.items() if key != "id" and value is not None}
        issues = [] if validated else validate(kind.schema, body)
        if issues:
            raise Invalid(
                f"{kind.name} {record.get('id', '')} is not valid",
                [f"{field_name(issue.path) or '(record)'}: {issue.message}" for issue in issues],
            )
        path = self.store.path_for(kind, record)
        if not inside(self.store.root, path.parent):
            raise Invalid(
                f"cannot store {kind.name} {record['id']}",
                [f"{path.parent} leads outside the data root"],
            )
        old = self.store.existing_path(kind, record["id"])
        if old is not None and old != path:
            self.removes.add(old)
            self.kinds[old] = kind
        self.kinds[path] = kind
        data = canonical.to_bytes(kind.schema, record)
        self._held += len(data) - len(self.writes.get(path, b""))
        self.writes[path] = data
        self._records[path] = (kind, _told(record))
        if self._held > SPILL:
            self._spill()
        return path

    def put_file(self, path: Path, data: bytes) -> None:
        """Stage a whole non-record file of the data root (crmctl.yaml in a handover) in the same
        commit."""
        if not inside(self.store.root, path.parent):
            raise Invalid(f"cannot write {path}", [f"{path.parent} leads outside the data root"])
        self.writes[path] = data
        self.files.add(path)

    def paths(self) -> Iterable[Path]:
        """Every file this transaction creates, changes or removes."""
        return Again(
            lambda: itertools.chain(
                (path for path, _kind, _told in self._ledgered()),
                (path for path in self.writes if not self._spilled(path)),
                self.removes,
            )
        )

    def _ledgered(self) -> Iterator[tuple[Path, Kind | None, dict | None]]:
        """Each file staged early, in path order: its path, and the kind and what it tells of a
        record (None for crmctl.yaml)."""
        for relpath, held in self.ledger.held(STAGED) if self.ledger else ():
            kind, told = json.loads(held)
            yield self.store.root / relpath, KINDS[kind] if kind else None, told

    def _spilled(self, path: Path) -> bool:
        return self.ledger is not None and self.ledger.holder(STAGED, self._rel(path)) is not None

    def _rel(self, path: Path) -> str:
        return self.store.relative(path)

    def _staged(self, path: Path) -> Path:
        return path.with_name(f".{path.name}.{self.txid}.tmp")

    @property
    def _intent(self) -> Path:
        return self.store.state_dir / f"tx-{self.txid}.intent"

    def _changed(self) -> dict[Path, bytes]:
        """The held files that differ from the disk; a file staged earlier and now unchanged after
        all is unstaged."""
        changed = {}
        for path, data in self.writes.items():
            if not _same_bytes(path, data):
                changed[path] = data
            elif self.ledger is not None and self._spilled(path):
                self.ledger.forget(STAGED, self._rel(path))
                _discard([self._staged(path)])
        return changed

    def _stage_held(self) -> list[Path]:
        """Steps 1 and 2 of the module docstring for the held files of a transaction that did not
        spill; returns them, sorted."""
        changed = self._changed()
        if changed:
            self._write_intent(self._staged(path) for path in changed)
            self._stage(changed, {path: self._staged(path) for path in changed})
        return sorted(changed)

    def _write_intent(self, staged: Iterable[Path]) -> None:
        self.store.state_dir.mkdir(parents=True, exist_ok=True)
        _write_durably(self._intent, _json_list(json.dumps(self._rel(path)) for path in staged))

    def _spill(self) -> None:
        """Steps 1 and 2 for the held files now (a bulk import), each noted in the ledger: the
        commit renames them with the rest."""
        try:
            changed = self._changed()
            if changed:
                self.ledger = self.ledger or self.store.spool()
                for path in changed:
                    kind, told = self._records.get(path, (None, None))
                    said = [kind.name if kind else None, told]
                    self.ledger.keep(STAGED, self._rel(path), json.dumps(said))
                self._write_intent(self._staged(path) for path, _kind, _told in self._ledgered())
                self._stage(changed, {path: self._staged(path) for path in changed})
        except OSError:
            self.discard()
            raise
        for path in self.writes:  # the ledger tells of them now
            self._records.pop(path, None)
            if path not in self.removes:
                self.kinds.pop(path, None)
        self.writes.clear()
        self._held = 0

    def discard(self) -> None:
        """Remove what was staged early, when the transaction does not commit."""
        if self.ledger is not None:
            _discard([*(self._staged(path) for path, _kind, _told in self._ledgered())])
            _discard([self._intent])
            self._close_ledger()

    def _close_ledger(self) -> None:
        if self.ledger is not None:
            self.ledger.close()
            self.ledger = None

    def close(self) -> None:
        """Remove the ledger, once what the transaction wrote has been told (and committed)."""
        self._close_ledger()

    def _told_written(self) -> Iterator[tuple[Kind, dict]]:
        """The kind and what it tells of each record written (after commit)."""
        for _path, kind, told in self._ledgered():
            if kind is not None and told is not None:
                yield kind, told
        held = set(self.written) if self.ledger is None else set(self.removes)
        for path, (kind, told) in self._records.items():
            if path in held:
                yield kind, told

    def record_ids(self) -> Iterable[str]:
        """Ids of the records this transaction wrote (after commit)."""
        return Again(lambda: sorted({told["id"] for _kind, told in self._told_written()}))

    def default_summary(self) -> str:
        """`edit customer C01… 张三`, or `create 1200 customer records` for many records of one
        action."""
        groups: dict[tuple[str, str], list] = {}  # (action, kind) -> [count, the first record]
        for kind, record in self._told_written():
            action = (record.get("history") or [{}])[-1].get("action", "write")
            group = groups.setdefault((action, kind.name), [0, record])
            group[0] += 1
        parts = []
        for (action, kind_name), (count, first) in groups.items():
            if count == 1:
                parts.append(
                    " ".join(filter(None, (action, kind_name, first["id"], self._whose(first))))
                )
            else:
                parts.append(f"{action} {count} {kind_name} records")
        other_files = [self.store.relative(path) for path in self.written if path in self.files]
        if other_files:
            parts.append("update " + ", ".join(other_files))
        return "; ".join(parts)

    def _whose(self, record: dict) -> str | None:
        """The name a person knows the record by: its own, or its customer's (`for 张三`)."""
        if record.get("name"):
            return record["name"]
        customer = KINDS["customer"]
        path = self.store.existing_path(customer, str(record.get("customer", "")))
        found = self.store.read_file(customer, path)[0] if path else None
        return f"for {found['name']}" if found else None

    @staticmethod
    def _stage(changed: dict[Path, bytes], staged: dict[Path, Path]) -> None:
        bulk = len(changed) > BULK
        for path, data in changed.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            _write_file(staged[path], data, sync=not bulk)
        if bulk:
            os.sync()  # one flush for the whole batch instead of one fsync per file

    def commit(self) -> None:
        if not self.writes and self.ledger is None and not self.removes:
            return
        journal = self.store.state_dir / f"tx-{self.txid}.journal"
        try:
            changed = self._stage_everything()
            if changed or self.removes:
                self._journal(journal, changed)
        except OSError:
            # A full disk before the commit point: no staged file is left for `git add -A` to find.
            if not journal.exists():
                self.discard()
                staged = [self._staged(path) for path in self.writes]
                _discard([*staged, self._intent, _cut_off(self._intent), _cut_off(journal)])
            self.ledger = None  # staged files a journal names are the next writer's to finish
            raise
        if not changed and not self.removes:
            return
        self._intent.unlink(missing_ok=True)
        self._applied(changed, journal)
        self.written = Again(lambda: itertools.chain(changed, sorted(self.removes)))
        self.store.reindex(self._written_kinds())

    def _stage_everything(self) -> Iterable[Path]:
        """Steps 1 and 2 for every file not staged yet; every file to rename, in path order."""
        if self.ledger is None:
            return self._stage_held()
        self._spill()
        return Again(lambda: (path for path, _kind, _told in self._ledgered()))

    def _written_kinds(self) -> Iterator[tuple[Path, Kind]]:
        for path, kind, _told in self._ledgered():
            if kind is not None:
                yield path, kind
        for path in self.written if self.ledger is None else self.removes:
            if path in self.kinds:
                yield path, self.kinds[path]

    def _journal(self, journal: Path, changed: Iterable[Path]) -> None:
        """Step 3 of the module docstring: after it the commit is certain to happen."""
        rel = self._rel
        self.store.state_dir.mkdir(parents=True, exist_ok=True)
        renames = (json.dumps([rel(self._staged(path)), rel(path)]) for path in changed)
        removes = json.dumps([rel(path) for path in sorted(self.removes)])
        _write_durably(
            journal,
            itertools.chain(
                [b'{"renames": '], _json_list(renames), [f', "removes": {removes}}}'.encode()]
            ),
        )

    def _applied(self, changed: Iterable[Path], journal: Path) -> None:
        """Step 4: the staged files take their places, the removed ones go, the journal last."""
        for path in changed:
            os.replace(self._staged(path), path)
        for path in self.removes:
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
        for folder in {path.parent for path in itertools.chain(changed, self.removes)}:
            _sync_folder(folder)
        journal.unlink()


def _told(record: dict) -> dict:
    """What a commit summary tells of a record (held for every record of a bulk import)."""
    told = {key: record[key] for key in ("id", "name", "customer") if key in record}
    actions = [{"action": entry.get("action")} for entry in (record.get("history") or [])[-1:]]
    return {**told, "history": actions}


def _json_list(items: Iterable[str]) -> Iterator[bytes]:
    """A JSON array of items already in JSON, a slice at a time."""
    yield b"["
    for number, item in enumerate(items):
        yield (b"," if number else b"") + item.encode()
    yield b"]"


def _cut_off(path: Path) -> Path:
    return path.with_name(f".{path.name}.tmp")


def _discard(paths: list[Path]) -> None:
    for path in paths:
        with contextlib.suppress(OSError):
            path.unlink()


def _same_bytes(path: Path, data: bytes) -> bool:
    try:
        return path.stat().st_size == len(data) and path.read_bytes() == data
    except FileNotFoundError:
        return False


def _write_file(path: Path, data: bytes | Iterable[bytes], sync: bool) -> None:
    with open(path, "wb") as handle:
        if isinstance(data, bytes):
            handle.write(data)
        else:
            handle.writelines(data)
        if sync:
            handle.flush()
            os.fsync(handle.fileno())


def _write_durably(path: Path, data: bytes | Iterable[bytes]) -> None:
    staged = _cut_off(path)
    _write_file(staged, data, sync=True)
    os.replace(staged, path)
    _sync_folder(path.parent)


def _sync_folder(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
