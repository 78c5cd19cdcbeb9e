"""The record store: the only code that reads and writes record files.

Reads never lock: every write replaces whole files by rename, so a reader sees the old or the new
file, never a torn one. Writes happen in a `transaction()`, which holds the data root's lock from
the first read of the records it changes to the last rename, so concurrent writers never lose an
update; store/transaction.py stages and commits them all or none.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from ..archive import ids, yamlio
from ..archive.kinds import KINDS, Kind
from ..archive.listing import Condition
from ..archive.record_file import read_record, record_id
from ..archive.root import STATE_DIR, inside, links_under, state_doubt
from ..errors import CrmError, Invalid, NotFound
from ..index import customer_memo, findings
from ..index.customer_memo import Compute, CustomerMemo, Memo
from ..index.file_stamps import is_record_name, record_folders
from ..index.findings import Derive, Findings
from ..index.index import Index
from ..index.index_rows import Key, Where
from ..problems import Problem
from . import customer_refs, journal, lock
from .spool import TMP, Spool
from .transaction import Change, Transaction

REINDEX_SLICE = 100_000  # paths of a bulk write the index re-reads at once


class Store:
    def __init__(self, root: Path, lock_timeout: float = 10.0):
        self.root = root
        self.records_dir = root / "records"
        self.state_dir = root / STATE_DIR
        self.lock_timeout = lock_timeout
        self.problems: list[
            Problem
        ] = []  # broken files met while reading, for the caller to report
        self.changes: list[
            Change
        ] = []  # every transaction that changed files, for the caller to commit
        self.before_write: Callable[[], None] | None = (
            None  # may refuse a write before anything is locked
        )
        # Under the lock: may refuse the paths a transaction is about to write; then runs once
        # they are written (git commits, made before another writer can touch the files).
        self.before_commit: Callable[[Iterable[Path]], None] | None = None
        self.after_commit: Callable[[], None] | None = None
        self._in_transaction = False
        # A `.crmctl` that is not crmctl's own (a symbolic link from a clone) is never used.
        self.state_doubt = state_doubt(self.state_dir)
        # An unusable `.crmctl/` (not crmctl's own, read-only) gets a temporary index instead.
        self.index = Index(root, None if self.state_doubt else self.state_dir)
        self.left_alone: list[Problem] = []  # journals recovery would not replay
        if journal.pending(self.state_dir):
            # Finished now if its writer was killed; a live writer finishes it (readers never wait).
            with contextlib.suppress(lock.LockTimeout), lock.exclusive(self.state_dir / "lock", 0):
                self._recover()

    # ----------------------------------------------------------------- locating files
    def relative(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()

    def folder(self, kind: Kind) -> Path:
        folder = self.records_dir / kind.folder
        if folder.exists() and not inside(self.root, folder):
            where = self.relative(folder)
            raise Invalid(
                f"refusing to use {where}",
                [f"{where} leads outside the data root (a symbolic link?)"],
            )
        return folder

    def ids(self, kind: Kind) -> list[str]:
        """Every record id of a kind (its files' names), sorted; dot-files are not records."""
        found: list[str] = []
        for sub in record_folders(self.folder(kind), kind):
            try:
                found.extend(record_id(name) for name in os.listdir(sub) if is_record_name(name))
            except FileNotFoundError:
                continue
        return sorted(found)

    def short_refs(self, kind: Kind) -> dict[str, str]:
        """{id: its short reference} for every record of a kind (see `ids.short_refs`)."""
        return ids.short_refs(self.ids(kind))

    def customer_matches(self, ref: str) -> customer_refs.Matches:
        """The customers `ref` names by exact name, phone, name substring or pinyin, from the
        names, numbers and spellings kept in the index (see store/customer_refs.py)."""
        self.folder(KINDS["customer"])  # refuses a folder that leads outside the root
        return customer_refs.CustomerRefs(self.index).matches(ref)

    def path_for(self, kind: Kind, record: dict) -> Path:
        record_id = record["id"]
        if not ids.is_valid(record_id) or record_id[0] != kind.letter:
            raise Invalid(
                f"cannot store {kind.name} {record_id!r}", ["id: not a crmctl id of this type"]
            )
        if kind.month_field:
            stamp = record.get(kind.month_field) or ""
            year, month = stamp[:4], stamp[5:7]
            if not (year.isdigit() and month.isdigit()):
                raise Invalid(
                    f"cannot store {kind.name} {record_id}",
                    [f"{kind.month_field}: missing or not a date"],
                )
            return self.folder(kind) / year / month / f"{record_id}.yaml"
        return self.folder(kind) / f"{record_id}.yaml"

    def existing_path(self, kind: Kind, record_id: str) -> Path | None:
        if not ids.is_valid(record_id):
            return None
        if kind.month_field:
            matches = sorted(self.folder(kind).glob(f"*/*/{record_id}.yaml"))
            return matches[0] if matches else None
        path = self.folder(kind) / f"{record_id}.yaml"
        return path if path.exists() else None

    def located(self, kind: Kind, record_id: str, field_path: tuple) -> tuple[str, int | None]:
        """The file of a record and the line of a value in it (`('history', 3, 'at')`), for a
        problem."""
        path = self.existing_path(kind, record_id)
        if path is None:
            return f"{kind.folder}/{record_id}", None
        try:
            return self.relative(path), yamlio.line_of(path.read_bytes(), field_path)
        except OSError:
            return self.relative(path), None

    # ----------------------------------------------------------------- reading
    def read_file(self, kind: Kind, path: Path) -> tuple[dict | None, list[Problem]]:
        """Parse and validate one record file: the record (with its id), or the problems that stop
        it."""
        record, problems, _ = read_record(self.root, kind, path.relative_to(self.root).as_posix())
        return record, problems

    def load(self, kind: Kind, record_id: str) -> dict:
        path = self.existing_path(kind, record_id)
        if path is None:
            raise NotFound(f"no {kind.name} {record_id}")
        record, problems = self.read_file(kind, path)
        if record is None:
            raise Invalid(f"{kind.name} {record_id} cannot be read", [str(p) for p in problems])
        return record

    def records(
        self,
        kind: Kind,
        where: Where | None = None,
        key: Key | None = None,
        since: float | None = None,
        fields: tuple[str, ...] | None = None,
    ) -> list[dict]:
        """Every readable record of a kind, by id; unreadable files are added to `self.problems`.

        `where` = {field: values} keeps only records where ANY of those top-level text or number
        fields holds one of the values (compared as `key(field, value)` when `key` is given), or,
        given `since` (POSIX seconds), a stamp at or after it (`index.latest_stamp`): the filtering
        happens in the index, so a selective query never decodes the rest. `fields`: each record
        with only those top-level fields (None where it has none), picked in the index, so counting
        100,000 customers' owners does not decode 100,000 customers.
        """
        out = []
        for _, record, problems in self._rows(kind, where, key, since, fields):
            if record is None:
                self.problems.extend(problems)
            else:
                out.append(record)
        return out

    @contextlib.contextmanager
    def settled(self):
        """Reads within this block see each kind as it was at its first read (one stat of its
        files)."""
        with self.index.settled():
            yield

    def memoized(self, memo: Memo, compute: Compute, where: Sequence[Condition] = ()) -> list[dict]:
        """`compute`'s answers for every customer whose listed fields meet `where`, by customer:
        kept in the index (see store/customer_memo.py) and computed only for customers whose
        records changed or whose answer no longer holds at `memo.at`. Unreadable customer and
        visit files are added to `self.problems`."""
        return list(self._memo(lambda memo_tables: memo_tables.answers(memo, compute, where)))

    def memoized_counts(
        self, memo: Memo, compute: Compute, where: list[Condition], by: tuple[str, ...]
    ) -> list[tuple]:
        """How many of `compute`'s answers for every customer meet `where`, per value of the
        listed fields `by` (see `CustomerMemo.counts`); as `memoized` otherwise."""
        return self._memo(lambda memo_tables: memo_tables.counts(memo, compute, where, by))

    def memoized_sums(
        self, memo: Memo, compute: Compute, combine: Callable[[list[dict]], dict]
    ) -> list[dict]:
        """`compute`'s answers for every customer, added up by `combine` per group of customers
        (see `CustomerMemo.sums`); as `memoized` otherwise."""
        return self._memo(lambda memo_tables: memo_tables.sums(memo, compute, combine))

    def _memo(self, ask):
        kinds = [KINDS[name] for name in customer_memo.FEEDS]
        for kind in kinds:
            self.folder(kind)  # refuses a folder that leads outside the root
        found = ask(CustomerMemo(self.index))
        self.problems.extend(problem for kind in kinds for problem in self.index.broken(kind))
        return found

    def findings(self, digest: str, derive: Derive) -> Findings:
        """What `check` reports of every record file, with `derive`'s problems and keys of each
        record (see store/findings.py); `digest` names the config `derive` applies, as cached
        findings are kept for it."""
        for kind in KINDS.values():
            self.folder(kind)  # refuses a folder that leads outside the root
        return findings.indexed(self.index, digest, derive)

    def _rows(
        self,
        kind: Kind,
        where: Where | None,
        key: Key | None,
        since: float | None,
        fields: tuple[str, ...] | None,
    ) -> list:
        self.folder(kind)  # refuses a folder that leads outside the root
        return list(self.index.rows(kind, where, key, since=since, fields=fields))

    def close(self) -> None:
        """Close the index: the last connection to close checkpoints SQLite's write-ahead log and
        deletes it. Left open at exit, the log stays, and the next command's first connection reads
        all of it through to rebuild its own view (~0.1 s after a build wrote 300 MB of it)."""
        self.index.close()

    # ----------------------------------------------------------------- writing
    @contextlib.contextmanager
    def transaction(self):
        """Hold the lock, collect writes, and commit them all or none when the block ends
        cleanly."""
        if self._in_transaction:
            raise RuntimeError("transactions do not nest")
        if self.before_write:
            self.before_write()
        with self.locked():
            self._recover()
            self._in_transaction = True
            tx = Transaction(self)
            try:
                yield tx
                if self.before_commit:
                    self.before_commit(tx.paths())
                tx.commit()
            except BaseException:
                tx.discard()
                raise
            finally:
                self._in_transaction = False
            try:
                if tx.written:
                    self.changes.append(
                        Change(tx.written, tx.summary or tx.default_summary(), tx.record_ids())
                    )
                if self.after_commit:
                    self.after_commit()
            finally:
                tx.close()

    def spool(self) -> Spool:
        """A new temporary spool (see store/spool.py) in `.crmctl/tmp/`, else in the system's
        temporary folder when `.crmctl/` is not crmctl's own or cannot be written; the caller
        closes it."""
        if self.state_doubt is None:
            with contextlib.suppress(OSError):
                return Spool(self.state_dir / TMP)
        return Spool(None)

    @contextlib.contextmanager
    def locked(self):
        """Hold the write lock: no other crmctl writes meanwhile (a commit of written files needs
        that)."""
        if self.state_doubt:
            raise CrmError(
                f"refusing to write: {self.state_doubt}, where crmctl keeps its lock; "
                f"remove it (it holds only local state) and try again"
            )
        with lock.exclusive(self.state_dir / "lock", self.lock_timeout):
            yield

    def reindex(self, kinds_by_path: Iterable[tuple[Path, Kind]]) -> None:
        """Bring the index up to date for files just written or removed, without rescanning the
        rest; a bulk write's paths a slice at a time."""
        by_kind: dict[Kind, list[str]] = defaultdict(list)
        try:
            for path, kind in kinds_by_path:
                by_kind[kind].append(self.relative(path))
                if len(by_kind[kind]) >= REINDEX_SLICE:
                    self.index.update(kind, by_kind.pop(kind))
            for kind, relpaths in by_kind.items():
                self.index.update(kind, relpaths)
        except (sqlite3.Error, OSError):
            pass  # the files are written; the next query sees their new stamps and reads them

    def _recover(self) -> None:
        self.left_alone = journal.recover(self.root, self.state_dir)

    def state_problems(self) -> list[Problem]:
        """What is wrong with `.crmctl/`: not crmctl's own, tracked by git, journals left alone; and
        symbolic links under `records/`, which crmctl neither reads nor writes through."""
        links = [
            Problem(
                path,
                None,
                "",
                f"{path} is a symbolic link (to {target}): crmctl skips it and writes nothing "
                "through it; put the files themselves here",
            )
            for path, target in links_under(self.root, "records")
        ]
        return [*journal.state_problems(self.root, self.state_dir), *self.left_alone, *links]
