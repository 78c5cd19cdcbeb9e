"""What the rules answer for each customer, kept in the index database between commands.

Some rules are pure functions of one customer, its visits, the config and a moment (the follow-ups
`due` shows, a customer's share of the monthly report); running them over 100,000 customers costs
seconds, so their answers are kept per customer, under a key naming everything else they depend on
(the config's digest, the report's period), with the span (days, or moments) in which the rule gives
the same answer. Triggers on the index's `files` table drop a customer's entry in the very statement
that inserts, replaces, changes or deletes the row of its file or of one of its visits (a visit
moved to another customer drops both), and dropping an entry drops its answers, so no answer
outlives what it was computed from. Deleting any of it is always safe.

Each memo's answers live in a table of their own, `answers of <name>`, with the memo's listed fields
(`Memo.listed`: the follow-ups' due date, owner, rule, grade...) in columns of those names, so the
answers a command asks for (`due --mine`) are chosen in SQLite and only those are decoded.

Answers that are added up (a customer's share of the monthly report) are also kept summed per group
of customers (by the last two characters of the id: ~1,000 groups), so a report reads ~1,000 sums
instead of 100,000 shares; a group's sum is dropped whenever an entry of one of its customers is.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from ..archive.kinds import KINDS
from ..archive.listing import Condition, where_sql
from . import collector, pool

# Bump when the tables below or the shape of an answer change: they are made anew, the rest of the
# index is kept.
SHAPE = 14
_EVENTS = ("replaced", "inserted", "updated", "deleted")
# A customer's group: ids end in random characters, so groups are even.
_GROUP = "substr({row}.customer, -2)"
_RESERVED = ("customer", "n", "answer")  # columns of an answers table that are no listed field
# Tables and triggers of earlier shapes.
_OLD = [
    ("TABLE", "followup_memo"),
    ("TABLE", "followup_items"),
    ("TABLE", "customer_answers"),
    ("TABLE", "answer_texts"),
    ("TABLE", "customer_memo"),
    *(("TRIGGER", f"followup_{e}") for e in _EVENTS),
]

# No memo is known complete (see `_complete`) once one of its entries is dropped.
_INCOMPLETE = " DELETE FROM meta WHERE key LIKE 'memo:%:complete';"


def _drop(row: str) -> str:
    """Statements dropping the entries of the customer a row of `files` belongs to (its
    `customer`)."""
    return f" DELETE FROM entries WHERE customer = {row}.customer;" + _INCOMPLETE


# The kinds of records an answer may be computed from: a customer and the records that name it.
FEEDS = ("customer", "visit", "receivable")
# Whether a row of `files` is one entries are computed from, while any are kept (a new index being
# built keeps none, and its 300,000 inserted rows skip the triggers' statements).
_ROW_ANSWERED = f"({{row}}.kind IN {FEEDS!r} AND EXISTS (SELECT 1 FROM entries))"
# The stale customers are chosen by this index of `files`; a bulk reread drops it meanwhile (see
# index.py).
BY_CUSTOMER = (
    "CREATE INDEX IF NOT EXISTS by_customer ON files (customer, kind) WHERE customer IS NOT NULL"
)
SCHEMA = (
    "CREATE TABLE IF NOT EXISTS entries (customer TEXT, name TEXT, valid_from, valid_until,"
    " PRIMARY KEY (customer, name)) WITHOUT ROWID",
    # INSERT OR REPLACE removes the old row without a delete trigger: the customer it fed is dropped
    # first.
    f"CREATE TRIGGER IF NOT EXISTS memo_replaced BEFORE INSERT ON files WHEN "
    f"{_ROW_ANSWERED.format(row='new')} BEGIN"
    " DELETE FROM entries WHERE customer IN (SELECT customer FROM files"
    " WHERE kind = new.kind AND path = new.path);" + _INCOMPLETE + " END",
    f"CREATE TRIGGER IF NOT EXISTS memo_inserted AFTER INSERT ON files WHEN "
    f"{_ROW_ANSWERED.format(row='new')} BEGIN" + _drop("new") + " END",
    f"CREATE TRIGGER IF NOT EXISTS memo_updated AFTER UPDATE ON files WHEN "
    f"{_ROW_ANSWERED.format(row='old')}"
    f" OR {_ROW_ANSWERED.format(row='new')} BEGIN" + _drop("old") + _drop("new") + " END",
    f"CREATE TRIGGER IF NOT EXISTS memo_deleted AFTER DELETE ON files WHEN "
    f"{_ROW_ANSWERED.format(row='old')} BEGIN" + _drop("old") + " END",
    "CREATE TABLE IF NOT EXISTS group_sums (name TEXT, grp TEXT, answer TEXT, PRIMARY KEY (name, "
    "grp)) WITHOUT ROWID",
    # Entries are only ever inserted or deleted (a recomputed one is deleted first): both end their
    # group's sum. While no sum is kept (100,000 entries kept at once on a cold index) there is
    # nothing to end.
    *(
        f"CREATE TRIGGER IF NOT EXISTS sum_{event} AFTER {event.upper()} ON entries"
        " WHEN EXISTS (SELECT 1 FROM group_sums) BEGIN"
        f" DELETE FROM group_sums WHERE name = {row}.name AND grp = {_GROUP.format(row=row)}; END"
        for event, row in (("insert", "new"), ("delete", "old"))
    ),
)
# Customers computed at a time: memory holds a few batches (all 100,000 at once took 900 MB).
BATCH = 5000
POOL_MIN_BATCHES = 4  # fewer are computed in this process: starting the workers would cost more
# Fewer customers than POOL_MIN_BATCHES full batches are cut into smaller ones, down to this size,
# so that 10,000 customers are computed on every core too.
MIN_BATCH = 1000


@dataclass(frozen=True)
class Memo:
    """One kind of answer: `name`, kept under `key` (what else it depends on: a new key drops every
    entry of the name), asked for `at` (a day or a moment: entries hold where valid_from <= at <
    valid_until). `listed`: fields of each answer (texts, or missing) kept in columns of those
    names, which `where` conditions choose by. `reads`: the kinds of records naming the customer
    its answers are computed from (of FEEDS)."""

    name: str
    key: str
    at: str | float
    listed: tuple[str, ...] = ()
    reads: tuple[str, ...] = ("visit",)

    def __post_init__(self):
        if not self.name.isidentifier() or not all(
            field.isidentifier() and field not in _RESERVED for field in self.listed
        ):
            raise ValueError(f"not a name and field names other than {_RESERVED}: {self!r}")

    @property
    def table(self) -> str:
        return f'"answers of {self.name}"'


# compute(customer id, its record or None (file missing or broken), the records of each kind of
# `Memo.reads` that name it, in id order) -> (answers, valid_from, valid_until); picklable (a
# module's function, or a partial of one), as batches may be computed on a process pool.
Compute = Callable[..., tuple[list[dict], object, object]]
# An entry as computed: customer id, valid_from, valid_until, each answer's JSON and listed values.
Entry = tuple[str, object, object, list[tuple[str, list]]]


def outdated(db: sqlite3.Connection) -> bool:
    """Whether the tables are missing or kept in another shape (see `create`)."""
    return db.execute("SELECT value FROM meta WHERE key = 'memo_shape'").fetchone() != (str(SHAPE),)


def create(db: sqlite3.Connection) -> None:
    """The tables and their triggers on `files` (which must exist), empty; within a write
    transaction."""
    answers = [
        ("TABLE", f'"{name}"')
        for (name,) in db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'answers of %'"
        ).fetchall()
    ]
    for what, name in [
        *_OLD,
        *answers,
        *(("TRIGGER", f"memo_{event}") for event in _EVENTS),
        ("TABLE", "entries"),
        ("TABLE", "group_sums"),
    ]:
        db.execute(f"DROP {what} IF EXISTS {name}")  # triggers on `files` outlive their tables
    db.execute("DELETE FROM meta WHERE key LIKE 'memo:%'")
    for statement in SCHEMA:
        db.execute(statement)
    db.execute("INSERT OR REPLACE INTO meta VALUES ('memo_shape', ?)", (str(SHAPE),))


def _create_answers(db: sqlite3.Connection, memo: Memo) -> None:
    """The table of `memo`'s answers, emptied with their entries; within a write transaction."""
    listed = "".join(f", {field} TEXT" for field in memo.listed)
    db.execute(
        f"CREATE TABLE IF NOT EXISTS {memo.table} (customer TEXT, n INTEGER, answer TEXT{listed},"
        " PRIMARY KEY (customer, n)) WITHOUT ROWID"
    )
    if memo.listed:  # a choice bounded by the first listed field (due dates) reads only its answers
        db.execute(
            f'CREATE INDEX IF NOT EXISTS "{memo.name} by {memo.listed[0]}" ON {memo.table}'
            f" ({memo.listed[0]})"
        )
    db.execute(
        f'CREATE TRIGGER IF NOT EXISTS "{memo.name} dropped" AFTER DELETE ON entries'
        f" WHEN old.name = '{memo.name}' BEGIN"
        f" DELETE FROM {memo.table} WHERE customer = old.customer; END"
    )


def batches(customers: list[str]) -> list[list[str]]:
    """The customers cut into the batches computed at a time: BATCH each, or, for fewer than
    POOL_MIN_BATCHES full batches, POOL_MIN_BATCHES of at least MIN_BATCH."""
    size = min(BATCH, max(MIN_BATCH, -(-len(customers) // POOL_MIN_BATCHES)))
    return [customers[start : start + size] for start in range(0, len(customers), size)]


def _parsed(texts: list[str]) -> Iterator[dict]:
    """The answers, parsed a batch at a time: one parse per batch shares each key string among its
    answers, and the caller drops each batch's dicts as it goes."""
    with collector.paused():
        for start in range(0, len(texts), BATCH):
            yield from json.loads("[" + ",".join(texts[start : start + BATCH]) + "]")


def _answered(
    compute: Compute, listed: tuple[str, ...], customers: list[str], *related: list[str]
) -> list[Entry]:
    """`compute` of each customer in these JSON texts, given the records of each `related` kind
    that name it, and of each other customer those records name. Run where the batch is computed,
    mostly a worker process, so decoding records and encoding answers is spread over every core."""
    with collector.paused():
        records = json.loads("[" + ",".join(customers) + "]")
        named = [json.loads("[" + ",".join(texts) + "]") for texts in related]
    of_customer: list[dict[str, list[dict]]] = []
    for found in named:
        by_customer = defaultdict(list)
        for record in found:
            by_customer[record["customer"]].append(record)
        of_customer.append(by_customer)
    known = {customer["id"]: customer for customer in records}
    others = set().union(*of_customer) - known.keys()
    entries = []
    for customer_id in [*known, *sorted(others)]:
        answers, since, until = compute(
            customer_id, known.get(customer_id), *(found[customer_id] for found in of_customer)
        )
        entries.append((customer_id, since, until, [_row(answer, listed) for answer in answers]))
    return entries


def _row(answer: dict, listed: tuple[str, ...]) -> tuple[str, list]:
    """An answer's JSON and its listed fields."""
    values = [answer.get(field) for field in listed]
    if not all(value is None or isinstance(value, str) for value in values):
        raise TypeError(f"listed fields must be texts: {dict(zip(listed, values, strict=False))!r}")
    return json.dumps(answer, ensure_ascii=False), values


class CustomerMemo:
    def __init__(self, index):
        self.index = index

    def answers(
        self, memo: Memo, compute: Compute, where: Sequence[Condition] = ()
    ) -> Iterator[dict]:
        """Every kept answer of `memo` whose listed fields meet `where`, by customer; those of
        customers whose entry is missing, stale or does not hold `memo.at` are computed first."""
        condition, args = where_sql(list(where))
        with self._holding(memo, compute) as db:
            found = [
                answer
                for (answer,) in db.execute(
                    f"SELECT answer FROM {memo.table} WHERE {condition} ORDER BY customer, n", args
                )
            ]
        return _parsed(found)

    def counts(
        self, memo: Memo, compute: Compute, where: list[Condition], by: tuple[str, ...]
    ) -> list[tuple]:
        """How many kept answers of `memo` meet `where`, per value of the listed fields `by`: rows
        of those values and the count (computed first as in `answers`); no answer is decoded."""
        if not set(by) <= set(memo.listed):
            raise ValueError(f"not listed fields of {memo.name}: {by!r}")
        condition, args = where_sql(list(where))
        grouped = ", ".join(by)
        with self._holding(memo, compute) as db:
            return db.execute(
                f"SELECT {grouped}, count(*) FROM {memo.table} WHERE {condition}"
                f" GROUP BY {grouped}",
                args,
            ).fetchall()

    def sums(
        self, memo: Memo, compute: Compute, combine: Callable[[list[dict]], dict]
    ) -> list[dict]:
        """`combine` of every kept answer of `memo` (computed first as in `answers`), as the sums of
        groups of customers: a group's sum is kept until an entry of one of its customers changes.
        `combine` must add up sums as it adds up answers: the caller combines the groups' sums."""
        with self._holding(memo, compute) as db:
            kept = dict(
                db.execute("SELECT grp, answer FROM group_sums WHERE name = ?", (memo.name,))
            )
            missing = defaultdict(list)
            groups = [
                grp
                for (grp,) in db.execute(
                    f"SELECT DISTINCT {_GROUP.format(row='entries')} FROM entries WHERE name = ?",
                    (memo.name,),
                )
                if grp not in kept
            ]
            if groups:
                group = _GROUP.format(row=memo.table)
                for grp, text in db.execute(
                    f"SELECT {group}, answer FROM {memo.table} WHERE {group} IN"
                    " (SELECT value FROM json_each(?)) ORDER BY customer, n",
                    (json.dumps(groups),),
                ):
                    missing[grp].append(text)
            summed = {
                grp: json.dumps(combine(list(_parsed(texts))), ensure_ascii=False)
                for grp, texts in missing.items()
            }
            db.executemany(
                "INSERT INTO group_sums VALUES (?, ?, ?)",
                [(memo.name, grp, answer) for grp, answer in summed.items()],
            )
        kept |= summed
        return list(_parsed([kept[grp] for grp in sorted(kept)]))

    @contextlib.contextmanager
    def _holding(self, memo: Memo, compute: Compute):
        """The index's database in one write transaction, in which every entry of `memo` holds
        `memo.at`: from choosing the stale customers to reading the answers no other process can
        replace a row, so nothing is kept from rows already gone."""
        index = self.index
        for kind in FEEDS:
            index.ensure_fresh(KINDS[kind])
        db = index.db
        with index.writing():
            _create_answers(db, memo)
            if index.meta(f"memo:{memo.name}") != memo.key:
                db.execute(f"DELETE FROM {memo.table}")
                db.execute("DELETE FROM entries WHERE name = ?", (memo.name,))
                db.execute("DELETE FROM group_sums WHERE name = ?", (memo.name,))
                db.execute("DELETE FROM meta WHERE key = ?", (f"memo:{memo.name}:complete",))
                db.execute(
                    "INSERT OR REPLACE INTO meta VALUES (?, ?)", (f"memo:{memo.name}", memo.key)
                )
            if not self._complete(memo):
                self._renew(memo, compute)
            yield db

    def _complete(self, memo: Memo) -> bool:
        """Whether every customer has an entry of `memo` that holds `memo.at`, as the last renewal
        left them: it keeps the span all its entries hold in, and any dropped entry (triggers) ends
        that."""
        span = self.index.meta(f"memo:{memo.name}:complete")
        if span is None:
            return False
        since, until = json.loads(span)
        return since <= memo.at < until

    def _renew(self, memo: Memo, compute: Compute) -> None:
        """Compute the entries of every customer whose entry is missing or does not hold
        `memo.at`."""
        db = self.index.db
        # Every readable customer, and every customer a visit names (its file may be missing or
        # broken: the visit still counts for its staff member).
        db.execute(BY_CUSTOMER)  # made anew if a bulk reread was cut off before it made it
        stale = [
            customer
            for (customer,) in db.execute(
                "SELECT DISTINCT customer FROM files INDEXED BY by_customer"
                f" WHERE customer IS NOT NULL AND kind IN {FEEDS!r}"
                " EXCEPT SELECT customer FROM entries WHERE name = ?1 AND valid_from <= ?2 "
                "AND valid_until > ?2",
                (memo.name, memo.at),
            )
        ]
        for entries in self._computed(compute, memo, batches(stale)):
            self._keep(memo, entries)
        since, until = db.execute(
            "SELECT max(valid_from), min(valid_until) FROM entries WHERE name = ?", (memo.name,)
        ).fetchone()
        if since is not None:
            db.execute(
                "INSERT OR REPLACE INTO meta VALUES (?, ?)",
                (f"memo:{memo.name}:complete", json.dumps([since, until])),
            )

    def _computed(self, compute: Compute, memo: Memo, batches: list[list[str]]):
        """Each batch's entries, in order: on a pool of every core when there are many (a cold
        index, a config change), with a few batches in flight while this process reads the next
        one's records."""
        with pool.workers(len(batches) >= POOL_MIN_BATCHES) as executor:
            yield from pool.in_order(
                _answered,
                ((compute, memo.listed, *self._inputs(batch, memo.reads)) for batch in batches),
                executor,
            )

    def _inputs(self, customers: list[str], reads: tuple[str, ...]) -> list[list[str]]:
        """The JSON texts of these customers' records and of the records of the kinds `reads` that
        name them, in id order. Texts, not records: whoever computes the batch decodes them, and
        sending texts to a worker costs a copy instead of pickling every record."""
        texts: dict[str, list[str]] = {kind: [] for kind in ("customer", *reads)}
        for kind, body in self.index.db.execute(
            "SELECT kind, body FROM files INDEXED BY by_customer WHERE customer IN (SELECT value "
            "FROM json_each(?)) AND kind IN (SELECT value FROM json_each(?))"
            " AND body IS NOT NULL ORDER BY id, path",
            (json.dumps(customers), json.dumps(list(texts))),
        ):
            texts[kind].append(body)
        return list(texts.values())

    def _keep(self, memo: Memo, entries: list[Entry]) -> None:
        db = self.index.db
        db.execute(  # their answers go with them (trigger)
            "DELETE FROM entries WHERE name = ? AND customer IN (SELECT value FROM json_each(?))",
            (memo.name, json.dumps([customer for customer, _, _, _ in entries])),
        )
        db.executemany(
            "INSERT INTO entries VALUES (?, ?, ?, ?)",
            [(customer, memo.name, since, until) for customer, since, until, _ in entries],
        )
        marks = ", ".join("?" * (3 + len(memo.listed)))
        db.executemany(
            f"INSERT INTO {memo.table} VALUES ({marks})",
            [
                (customer, n, text, *listed)
                for customer, _, _, answers in entries
                for n, (text, listed) in enumerate(answers)
            ],
        )
