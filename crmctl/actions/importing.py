"""`crmctl import`: the rows of a file become records, all or nothing, in one store transaction.

The pipeline is the same for every record kind (see io_kinds.py): read the table, map columns to
fields, read each cell, match rows to existing records by `--key`, build and validate each record,
report every problem at once, then stage every write in one transaction.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import re
from collections.abc import Callable, Iterable, Iterator, Sized
from dataclasses import dataclass
from pathlib import Path

from ..archive import ids
from ..archive.kinds import KINDS
from ..archive.schemas import validate
from ..errors import Invalid, UsageError
from ..messages import _
from ..progress import watching
from ..rules import history
from ..rules.consistency import RULES
from ..rules.duplicates import normalised
from ..store.spool import Spool
from ..timeutil import iso
from ..transfer.table_read import Table, read_table, read_value_file
from .import_columns import (
    RECORD_ID,
    ColumnPlan,
    column_targets,
    header_score,
    parse_map,
    parse_values,
    with_constants,
)
from .import_duplicates import DIGEST, Duplicates
from .import_rows import Problems, Row, RowProblem, read_rows, told_where
from .import_values import ValueReader, is_blank
from .io_kinds import IoKind
from .session import Session


@dataclass
class Outcome:
    row: Row
    action: str  # create, update or unchanged
    record: dict
    before: dict | None = None

    def sets(self, field_name: str) -> bool:
        """Whether this row gives the record this field's value (a new record, or a changed
        field)."""
        return self.action == "create" or (
            self.before is not None and self.before.get(field_name) != self.record.get(field_name)
        )

    def planned(self, title_field: str) -> tuple:
        """What the spool keeps of this row (see Planned)."""
        changed = sorted(history.changes(self.before, self.record)) if self.before else []
        title = json.dumps(self.record.get(title_field), ensure_ascii=False)
        return self.row.where, self.action, self.record["id"], title, json.dumps(changed)


@dataclass(slots=True)
class Planned:
    """What a row does, as kept for the whole file in a spool on disk (not its record, and not
    in memory: a big file is not held)."""

    where: str
    action: str  # create, update or unchanged
    id: str
    title: object
    changes: list[str]

    def summary(self, title_field: str = "name") -> dict:
        return {
            "row": self.where,
            "action": self.action,
            "id": self.id,
            title_field: self.title,
            "changes": self.changes,
        }


PLANNED = "planned"  # the spool's table of what each row does, in the file's order


@dataclass
class ImportResult:
    """What the import did or would do; its rows are read from a spool on disk, which closing the
    result (or leaving its `with` block) removes."""

    spool: Spool
    table: Table
    plans: list[ColumnPlan]  # which field each column fills, and why
    notes: Problems  # what was read in a way to check, though not wrong

    def planned(self) -> Iterator[Planned]:
        for where, action, record_id, title, changes in self.spool.rows(PLANNED):
            yield Planned(where, action, record_id, json.loads(title), json.loads(changes))

    def count(self, action: str) -> int:
        return self.spool.count(PLANNED, 1, action)

    def __enter__(self) -> ImportResult:
        return self

    def __exit__(self, *exc) -> None:
        self.spool.close()


def _no_progress(items, label):
    return contextlib.nullcontext(items)


def import_file(
    session: Session,
    io_kind: IoKind,
    path: Path,
    *,
    encoding: str | None = None,
    sheet: str | None = None,
    header_row: int | None = None,
    mapping=(),
    constants=(),
    values=(),
    value_file: Path | None = None,
    keep_extra: bool = False,
    key: str | None = None,
    dry_run: bool = False,
    allow_duplicate: bool = False,
    all_errors: bool = False,
    progress=_no_progress,
    source=lambda table: None,
    told_plan=lambda plans: None,
) -> ImportResult:
    """Import every row of `path` or none. `progress(items, label)` may wrap the row loop (a
    bar). Rows are read one at a time and each record staged as soon as it is checked, so a big
    file is never held whole; a problem anywhere discards everything staged. What is kept of
    each row goes to a spool on disk, removed when the result is closed (or on a refusal)."""
    with contextlib.ExitStack() as on_refusal:
        spool = on_refusal.enter_context(session.store.spool())
        mapped = parse_map(mapping, io_kind)
        table = read_table(
            path,
            encoding,
            sheet=sheet,
            header_row=header_row,
            header_score=header_score(io_kind, mapped),
        )
        source(table)  # how the file was read, told before any refusal
        table, set_columns = with_constants(table, constants, io_kind)
        plans, header_problems = _columns(table, io_kind, {**mapped, **set_columns}, keep_extra)
        targets = [plan.target for plan in plans]
        told_plan(plans)
        key = _key(key, targets, path)
        readers = {name: make(session) for name, make in io_kind.readers.items() if name in targets}
        codes = parse_values(
            values, read_value_file(value_file) if value_file else {}, table.columns
        )
        problems, notes = Problems(all_errors), Problems(all_errors)
        for problem in header_problems:
            problems.add(RowProblem("header", 0, "", None, problem))
        reader = ValueReader(io_kind, session.config, session.tz, readers)
        rows = _Rows(read_rows(table, targets, reader, codes, problems, notes), table)
        planner = _Planner(session, io_kind, key, f"imported from {path.name}", spool)
        if dry_run:
            planner.plan(rows, problems, allow_duplicate, progress)
        else:
            with session.store.transaction() as tx:
                planner.plan(
                    rows,
                    problems,
                    allow_duplicate,
                    progress,
                    # the planner validated every record
                    stage=lambda record: tx.put(io_kind.kind, record, validated=True),
                )
        on_refusal.pop_all()  # the spool now goes with the result
    return ImportResult(spool, table, plans, notes)


_REQUIRED = re.compile(r"'(\w+)' is a required property")  # a schema's word for an empty cell
CREATED = "created"  # imported on a new record only: an update keeps when crmctl created it


class _Rows:
    """The rows read as they come; how many there are (one more pass over the file) only when
    asked, by a progress bar a person watches."""

    def __init__(self, rows: Iterable[Row], table: Table):
        self._rows, self._table = rows, table

    def __iter__(self):
        return iter(self._rows)

    def __len__(self) -> int:
        return sum(1 for _ in self._table.rows)


def _columns(table: Table, io_kind: IoKind, mapped: dict, keep_extra: bool):
    return column_targets(table.columns, _filled(table), io_kind, mapped, keep_extra)


def _filled(table: Table) -> list[bool]:
    """Which columns hold a value in some row: one pass over the file, ended as soon as every
    column has one (only a file with an empty column is read to its end)."""
    filled, empty = [False] * len(table.columns), len(table.columns)
    for _number, values in table.rows if empty else ():
        for i, value in enumerate(values[: len(filled)]):
            if not filled[i] and not is_blank(value):
                filled[i], empty = True, empty - 1
        if not empty:
            break
    return filled


def _key(key: str | None, targets: list, path: Path) -> str | None:
    """The field rows are matched by: --key, else the id when a column fills it."""
    key = key or (RECORD_ID if RECORD_ID in targets else None)
    if key is not None and key not in targets:
        raise UsageError(
            _(
                "--key {key}: no column of {name} fills {key} (columns fill: {items})",
                key=key,
                name=path.name,
                items=", ".join(t for t in targets if t),
            )
        )
    return key


def _created(record: dict, session: Session, note: str, claimed: str | None) -> dict:
    """A new record as imported now; created when the file says, that claim told in its history."""
    if claimed is None:
        return history.created(record, session.now, session.user.id, "import", note)
    note = f"{note} (created {claimed} by the file)"
    return {
        **history.created(record, session.now, session.user.id, "import", note),
        CREATED: claimed,
    }


def _key_value(fields: dict, key: str):
    if "." in key:
        parent, _dot, name = key.partition(".")
        return (fields.get(parent) or {}).get(name)
    return fields.get(key)


def _comparable(key: str, value) -> str:
    return normalised(key, str(value)) if key != RECORD_ID else str(value)


class _Known:
    """The ids of a kind: the archive's, and those of the records this import creates (spooled)."""

    def __init__(self, existing: Iterable[str], spool: Spool):
        self.existing, self.spool = set(existing), spool

    def __contains__(self, record_id) -> bool:
        return record_id in self.existing or self.spool.holder(NEW_IDS, record_id) is not None

    def add(self, record_id: str) -> None:
        if record_id not in self.existing:
            self.spool.claim(NEW_IDS, record_id, 1)


NEW_IDS, KEYS = "new_ids", "keys"  # the spool's tables of created ids, and of --key digests


class _Planner:
    """Decides, row by row, what the import does; refuses the whole file if any row is wrong."""

    def __init__(self, session: Session, io_kind: IoKind, key, note: str, spool: Spool):
        self.session, self.io_kind, self.key, self.note = session, io_kind, key, note
        self.spool = spool
        self.kind = io_kind.kind
        self.defaults = io_kind.defaults(session)

    def plan(
        self,
        rows: Iterable[Row],
        problems: Problems,
        allow_duplicate: bool,
        progress,
        stage: Callable[[dict], object] | None = None,
    ) -> None:
        """What each row does, into the spool; `stage` takes each record to write while no
        problem is found."""
        existing = self.session.store.records(self.kind)
        self.by_id = {record["id"]: record for record in existing}
        self.by_key = self._by_key(existing)
        self.known_ids = {
            kind.name: _Known(self.session.store.ids(kind), self.spool) for kind in KINDS.values()
        }
        duplicates = None if allow_duplicate else Duplicates(self.io_kind, existing, self.spool)
        with progress(rows, self._label(rows)) as bar:
            for row in bar:
                outcome = self._outcome(row, problems)
                if outcome is None:
                    continue
                self.known_ids[self.kind.name].add(outcome.record["id"])
                self.spool.append(PLANNED, outcome.planned(self.io_kind.title_field))
                if duplicates is not None:
                    self._duplicates(duplicates, outcome, problems)
                if stage is not None and not problems and outcome.action != "unchanged":
                    stage(outcome.record)
        if problems:
            lines = problems.lines()
            every = problems.every or len(lines) == problems.count
            raise Invalid(
                _("nothing was imported: {count} problem(s)", count=f"{problems.count:,}")
                + ("" if every else _(" (--all-errors: each)")),
                lines,
            )

    def _by_key(self, existing: list[dict]) -> dict[str, list[dict]]:
        """The records holding each comparable value of --key (empty without one)."""
        by_key: dict[str, list[dict]] = {}
        for record in existing if self.key else ():
            value = _key_value(record, self.key)
            if value is not None:
                by_key.setdefault(_comparable(self.key, value), []).append(record)
        return by_key

    def _label(self, rows) -> str:
        """What a progress bar says: the rows' number only for a person watching (it takes one
        more pass over the file)."""
        if not watching() or not isinstance(rows, Sized):
            return _("checking {kind} rows", kind=_(self.kind.name))
        plural = _(self.io_kind.plural)
        return _("checking {count} {plural}", count=f"{len(rows):,}", plural=plural)

    def _outcome(self, row: Row, problems: Problems) -> Outcome | None:
        fields = dict(row.fields)
        record_id = fields.pop(RECORD_ID, None)
        steps = {name: fields.pop(name) for name in self.io_kind.steps if name in fields}
        claimed = fields.pop(CREATED, None)  # a new record's creation time, as the file says
        before, found = self._match(row, problems)
        step_entries = self._step_entries(row, problems, steps, before)
        future = self._refused_future(row, problems, steps)
        if not found or step_entries is None or future:
            return None
        clash = self._id_clash(record_id, before)
        if clash:
            return self._refuse(row, problems, RECORD_ID, clash)
        if before is None:
            after = self._created_record(row, record_id, fields, claimed, step_entries)
        else:
            after = self._updated_record(row, before, fields)
            if after is before:
                return Outcome(row, "unchanged", before, before)
        denied = self.io_kind.may_write(self.session.user, before, after)
        if denied:
            return self._refuse(row, problems, None, denied)
        if self._refused_invalid(row, problems, after):
            return None
        return Outcome(row, "create" if before is None else "update", after, before)

    def _why(self, row: Row) -> str:
        """The note of the history entry an imported row writes."""
        return f"{self.note} {row.where}"

    def _refused_future(self, row: Row, problems: Problems, steps: dict) -> list[str]:
        """The row's times after now, each refused: records tell what happened, so a contact or a
        step logged ahead would be made up."""
        future = [
            name
            for name in (*self.io_kind.past_fields, *steps, CREATED)
            if name in row.fields and dt.datetime.fromisoformat(row.fields[name]) > self.session.now
        ]
        for name in future:
            now = iso(self.session.now)
            self._refuse(row, problems, name, _("in the future (now is {now})", now=now))
        return future

    def _id_clash(self, record_id: str | None, before: dict | None) -> str | None:
        """Why the row's id cannot go with the record it creates or updates (None: it can)."""
        if before is None and record_id in self.by_id:
            return _("{id} already exists; import with --key id to update it", id=record_id)
        if before is not None and record_id not in (None, before["id"]):
            return _("--key {key} found {id}, not this id", key=self.key, id=before["id"])
        return None

    def _created_record(
        self, row: Row, record_id: str | None, fields: dict, claimed, step_entries: list
    ) -> dict:
        """A new record from the row's fields, its history starting with the steps taken before."""
        record = self.io_kind.completed(
            {
                "id": record_id or ids.new_id(self.kind.letter, self.session.now),
                **self.defaults,
                **fields,
            }
        )
        after = _created(record, self.session, self._why(row), claimed)
        after["history"][:0] = step_entries
        return after

    def _updated_record(self, row: Row, before: dict, fields: dict) -> dict:
        """`before` with the row's fields and a history entry, or `before` itself if nothing
        changes."""
        after = {**before, **fields}
        for name, value in fields.items():  # a mapping's keys the file leaves out are kept
            if isinstance(value, dict):
                after[name] = {**before.get(name, {}), **value}
        if after == before:
            return before
        return history.with_change(
            before, after, self.session.now, self.session.user.id, "import", self._why(row)
        )

    def _refused_invalid(self, row: Row, problems: Problems, after: dict) -> bool:
        """Whether the record fails its schema or its kind's rule; each failure is refused unless
        the cell it comes from is reported as unreadable already."""
        body = {k: v for k, v in after.items() if k != RECORD_ID}
        issues = [(issue.path, issue.message) for issue in validate(self.kind.schema, body)]
        rule = RULES.get(self.kind.name)
        if rule and not issues:
            issues += rule(after, self.session.config, self.known_ids)
        for path, message in issues:
            nested = ".".join(map(str, path[:2]))
            target = nested if nested in row.cells else (path or ("",))[0]
            required = _REQUIRED.fullmatch(message)
            if required and required.group(1) in row.unreadable:
                continue  # the cell's problem is reported already
            if target not in row.unreadable:
                said = _("{field} is required", field=required.group(1)) if required else message
                self._refuse(row, problems, target, said)
        return bool(issues)

    def _step_entries(
        self, row: Row, problems: Problems, steps: dict, before: dict | None
    ) -> list | None:
        """History entries for steps taken before crmctl, in time order (None: the row is refused).
        A record's history is append-only: an existing record only confirms the steps it has."""
        refused = False
        entries = [
            {
                "at": at,
                "by": self.session.user.id,
                "action": self.io_kind.steps[name],
                "note": f"{self.note} {row.where} ({name})",
            }
            for name, at in steps.items()
        ]
        done = {(e["action"], e["at"]) for e in (before or {}).get("history", ())}
        for name, entry in zip(steps, entries, strict=False):
            recorded = (entry["action"], entry["at"]) in done
            if before is not None and not recorded:
                refused = True
                reason = _(
                    "no {action} step at this time in {id}'s history; steps are imported only "
                    "with a new {kind}",
                    action=entry["action"],
                    id=before["id"],
                    kind=_(self.kind.name),
                )
                self._refuse(row, problems, name, reason)
        return (
            None
            if refused
            else sorted(entries, key=lambda entry: dt.datetime.fromisoformat(entry["at"]))
        )

    def _match(self, row: Row, problems) -> tuple[dict | None, bool]:
        """The existing record this row updates (None: a new one), and whether the row may go on."""
        if self.key is None:
            return None, True
        value = _key_value(row.fields, self.key)
        if value is None and self.key == RECORD_ID and self.key not in row.unreadable:
            return None, True  # a row added to an export, without an id yet: a new record
        if value is None:
            if self.key not in row.unreadable:
                self._refuse(row, problems, self.key, _("the key ({key}) is empty", key=self.key))
            return None, False
        comparable = _comparable(self.key, value)
        digest = hashlib.blake2b(comparable.encode(), digest_size=DIGEST).digest()
        earlier_row = self.spool.claim(KEYS, digest, row.number)
        if earlier_row is not None:
            earlier = told_where(f"{row.where.split()[0]} {earlier_row}")
            reason = _("same {field} as {holder}", field=self.key, holder=earlier)
            self._refuse(row, problems, self.key, reason)
            return None, False
        if self.key == RECORD_ID:
            return self.by_id.get(comparable), True
        matches = self.by_key.get(comparable, [])
        if len(matches) > 1:
            self._refuse(
                row,
                problems,
                self.key,
                _(
                    "matches {count} records: {ids}",
                    count=len(matches),
                    ids=", ".join(r["id"] for r in matches),
                ),
            )
            return None, False
        return (matches[0] if matches else None), True

    @staticmethod
    def _refuse(row: Row, problems: Problems, target: str | None, reason: str) -> None:
        column, value = row.cells.get(target, ("", None)) if target else ("", None)
        problems.add(RowProblem(row.where, row.number, column, value, reason))

    @staticmethod
    def _duplicates(duplicates: Duplicates, outcome: Outcome, problems: Problems) -> None:
        """Only what this import adds or changes: duplicates already in the archive are `check`'s
        business."""
        row, record = outcome.row, outcome.record
        for field_name, holder in duplicates.found(record, row.where, row.number, outcome.sets):
            column, value = row.cells.get(field_name, ("", record.get(field_name)))
            problems.add(
                RowProblem(
                    row.where,
                    row.number,
                    column,
                    value,
                    _(
                        "same {field} as {holder}: a duplicate? (--key FIELD updates existing "
                        "records; --allow-duplicate imports anyway)",
                        field=field_name,
                        holder=told_where(holder),
                    ),
                )
            )
