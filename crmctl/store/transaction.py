"""Writes staged by an action and committed all or none.

A transaction that writes several files (an import, a handover) is all or nothing:

1. an intent file in `.crmctl/` names the temporary files about to be staged;
2. each new file is staged as a dot-file beside its target and flushed to disk;
3. a journal naming every rename is written and renamed into place: the commit point;
4. the renames happen, then journal and intent are removed.

A crash before step 3 leaves only staged dot-files, which the next writer deletes (from the intent);
a crash after it is rolled forward by the next writer (from the journal). Readers and `check`
ignore dot-files, so they never see a staged file.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..archive import canonical
from ..archive.kinds import KINDS, Kind
from ..archive.root import inside
from ..archive.schemas import validate
from ..errors import Invalid
from ..problems import field_name

if TYPE_CHECKING:
    from .records import Store

BULK = 16  # more files staged at once are flushed by one sync instead of one fsync each
SPILL = 32 << 20  # bytes of files held before they are staged: a bulk import stays bounded


@dataclass(frozen=True)
class Change:
    """One committed transaction: what a `--commit` commit holds and says."""

    paths: list[Path]
    summary: str
    record_ids: list[str]


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
        self.written: list[Path] = []  # after commit: every file created, changed or removed
        self.summary: str | None = None
        self._records: dict[Path, tuple[Kind, dict]] = {}  # what the commit summary tells of each
        self.files: set[Path] = set()  # staged non-record files (crmctl.yaml)
        self.txid = secrets.token_hex(6)
        self.spilled: set[Path] = set()  # staged on disk before the commit, to bound the memory
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

    def paths(self) -> list[Path]:
        """Every file this transaction creates, changes or removes."""
        return [*self.spilled, *(p for p in self.writes if p not in self.spilled), *self.removes]

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
            elif path in self.spilled:
                self.spilled.discard(path)
                _discard([self._staged(path)])
        return changed

    def _stage_held(self) -> set[Path]:
        """Steps 1 and 2 of the module docstring for the held files, the intent naming every file
        staged so far; returns them all."""
        changed = self._changed()
        staged = self.spilled | set(changed)
        if changed:
            self.store.state_dir.mkdir(parents=True, exist_ok=True)
            rel = self.store.relative
            _write_durably(
                self._intent, json.dumps([rel(self._staged(p)) for p in staged]).encode()
            )
            self._stage(changed, {path: self._staged(path) for path in changed})
        return staged

    def _spill(self) -> None:
        """Stage the held files now (a bulk import): the commit renames them with the rest."""
        try:
            self.spilled = self._stage_held()
        except OSError:
            self.discard()
            raise
        self.writes.clear()
        self._held = 0

    def discard(self) -> None:
        """Remove what was staged early, when the transaction does not commit."""
        if self.spilled:
            _discard([*(self._staged(path) for path in self.spilled), self._intent])
            self.spilled = set()

    def record_ids(self) -> list[str]:
        """Ids of the records this transaction wrote (after commit)."""
        written = set(self.written)
        return sorted(
            {record["id"] for path, (_, record) in self._records.items() if path in written}
        )

    def default_summary(self) -> str:
        """`edit customer C01… 张三`, or `create 1200 customer records` for many records of one
        action."""
        groups: dict[tuple[str, str], list[dict]] = {}
        for path in self.written:
            if path in self._records:
                kind, record = self._records[path]
                action = (record.get("history") or [{}])[-1].get("action", "write")
                groups.setdefault((action, kind.name), []).append(record)
        parts = []
        for (action, kind_name), records in groups.items():
            if len(records) == 1:
                parts.append(
                    " ".join(
                        filter(None, (action, kind_name, records[0]["id"], self._whose(records[0])))
                    )
                )
            else:
                parts.append(f"{action} {len(records)} {kind_name} records")
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
        if not self.writes and not self.spilled and not self.removes:
            return
        journal = self.store.state_dir / f"tx-{self.txid}.journal"
        try:
            changed = sorted(self._stage_held())
            if changed or self.removes:
                self._journal(journal, changed)
        except OSError:
            # A full disk before the commit point: no staged file is left for `git add -A` to find.
            if not journal.exists():
                staged = [self._staged(path) for path in self.spilled | set(self.writes)]
                _discard([*staged, self._intent, _cut_off(self._intent), _cut_off(journal)])
            self.spilled = set()  # staged files a journal names are the next writer's to finish
            raise
        self.spilled = set()
        if not changed and not self.removes:
            return
        self._intent.unlink(missing_ok=True)
        self._applied(changed, journal)
        self.written = sorted([*changed, *self.removes])
        self.store.reindex({path: self.kinds[path] for path in self.written if path in self.kinds})

    def _journal(self, journal: Path, changed: list[Path]) -> None:
        """Step 3 of the module docstring: after it the commit is certain to happen."""
        rel = self.store.relative
        self.store.state_dir.mkdir(parents=True, exist_ok=True)
        renames = [[rel(self._staged(path)), rel(path)] for path in changed]
        removes = [rel(path) for path in sorted(self.removes)]
        _write_durably(journal, json.dumps({"renames": renames, "removes": removes}).encode())

    def _applied(self, changed: list[Path], journal: Path) -> None:
        """Step 4: the staged files take their places, the removed ones go, the journal last."""
        for path in changed:
            os.replace(self._staged(path), path)
        for path in self.removes:
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
        for folder in {path.parent for path in [*changed, *self.removes]}:
            _sync_folder(folder)
        journal.unlink()


def _told(record: dict) -> dict:
    """What a commit summary tells of a record (held for every record of a bulk import)."""
    told = {key: record[key] for key in ("id", "name", "customer") if key in record}
    actions = [{"action": entry.get("action")} for entry in (record.get("history") or [])[-1:]]
    return {**told, "history": actions}


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


def _write_file(path: Path, data: bytes, sync: bool) -> None:
    with open(path, "wb") as handle:
        handle.write(data)
        if sync:
            handle.flush()
            os.fsync(handle.fileno())


def _write_durably(path: Path, data: bytes) -> None:
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
