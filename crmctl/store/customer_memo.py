"""What the rules answer for each customer, kept in the index database between commands.

Some rules are pure functions of one customer, its visits, the config and a moment (the follow-ups
`due` shows, a customer's share of the monthly report); running them over 100,000 customers costs
seconds, so their answer is kept per customer beside the rows it was computed from, under a key
naming everything else it depends on (the config's digest, the report's period). Triggers on the
index's `files` table drop a customer's entries in the very statement that inserts, replaces,
changes or deletes the row of its file or of one of its visits (a visit moved to another customer
drops both), so no entry outlives what it was computed from; and an entry holds only for the span
(days, or moments) in which the rules give the same answer. Deleting it is always safe.

An answer's listed fields (`Memo.listed`: the follow-ups' due date, owner, rule, customer...) are
also kept in columns of their own, with the columns each text takes on a screen beyond its length,
so a listing of 130,000 follow-ups is chosen, sorted and drawn in SQLite (`listing`) without
decoding one.

Answers that are added up (a customer's share of the monthly report) are also kept summed per group
of customers (by the last two characters of the id: ~1,000 groups), so a report reads ~1,000 sums
instead of 100,000 shares. Triggers on `customer_memo` drop a group's sum whenever an entry of one
of its customers is kept or dropped, so a sum is never older than the entries it adds up.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TypeVar

from .. import screen
from . import collector, pool
from .kinds import KINDS
from .listing import Below, Condition, order_sql, where_sql

# Bump when the tables below or the shape of an answer change: they are made anew, the rest of the
# index is kept.
SHAPE = 11
_TABLES = ("customer_memo", "customer_answers", "answer_texts")
_EVENTS = ("replaced", "inserted", "updated", "deleted")
# A customer's group: ids end in random characters, so groups are even.
_GROUP = "substr({row}.customer, -2)"
MAX_LISTED = 10  # fields of an answer kept in columns of their own
_RESERVED = (
    "customer",
    "n",
    "answer",
    "first",
    "shown",
    "extra",
)  # columns of a listing that are no field
# The columns an answer is listed by (see `Memo.listed`), of the kept answers and of a listing's
# extra ones.
_LISTED_COLUMNS = ", ".join(
    [
        "customer TEXT",
        "n INTEGER",
        "first TEXT NOT NULL",
        "shown INTEGER",
        *(f"f{i} TEXT" for i in range(MAX_LISTED)),
        *(f"x{i} INTEGER" for i in range(MAX_LISTED)),
    ]
)
_LISTED_VALUES = ", ".join("?" * (5 + 2 * MAX_LISTED))  # a row of them with its memo's name
# Shape 3 kept only follow-ups, in these tables with these triggers on `files`.
_OLD = [
    ("TABLE", "followup_memo"),
    ("TABLE", "followup_items"),
    *(("TRIGGER", f"followup_{e}") for e in _EVENTS),
]


# No memo's entries are known complete (see `_complete`) once one of them is dropped.
_INCOMPLETE = " DELETE FROM meta WHERE key LIKE 'memo:%:complete';"


def _drop(row: str) -> str:
    """Statements dropping the entries of the customer a row of `files` belongs to (its
    `customer`)."""
    return (
        "".join(f" DELETE FROM {table} WHERE customer = {row}.customer;" for table in _TABLES)
        + _INCOMPLETE
    )


# A row of these kinds feeds entries; while no entry is kept at all (a new index being built) there
# is nothing to drop, and the triggers' statements, ~28 µs a row, are skipped (cold builds insert
# 300,000 rows).
_FEEDS = "({row}.kind IN ('customer', 'visit') AND EXISTS (SELECT 1 FROM customer_memo))"
# The stale customers are chosen by this index of `files`; a bulk reread drops it meanwhile (see
# index.py).
BY_CUSTOMER = (
    "CREATE INDEX IF NOT EXISTS by_customer ON files (customer, kind) WHERE customer IS NOT NULL"
)
SCHEMA = (
    "CREATE TABLE IF NOT EXISTS customer_memo (customer TEXT, name TEXT, valid_from, valid_until,"
    " PRIMARY KEY (customer, name)) WITHOUT ROWID",
    # Listed answers are kept in the order of their first listed field (`first`, '' for none), so a
    # listing bounded by it reads only the answers below the bound: `due` within its horizon reads
    # 125,000 of 313,000 follow-ups. Their JSON is kept apart, in the order it is read (by
    # customer): a listing reads none of it, and each row it scans is a third as long. `shown`,
    # f0... and x0... are explained at `Memo.listed`.
    f"CREATE TABLE IF NOT EXISTS customer_answers (name TEXT, {_LISTED_COLUMNS},"
    " PRIMARY KEY (name, first, customer, n)) WITHOUT ROWID",
    "CREATE INDEX IF NOT EXISTS answers_by_customer ON customer_answers (customer)",
    "CREATE TABLE IF NOT EXISTS answer_texts (customer TEXT, name TEXT, n INTEGER, answer TEXT,"
    " PRIMARY KEY (customer, name, n)) WITHOUT ROWID",
    # INSERT OR REPLACE removes the old row without a delete trigger: the customer it fed is dropped
    # first.
    f"CREATE TRIGGER IF NOT EXISTS memo_replaced BEFORE INSERT ON files WHEN "
    f"{_FEEDS.format(row='new')} BEGIN"
    + "".join(
        f" DELETE FROM {table} WHERE customer IN (SELECT customer FROM files"
        " WHERE kind = new.kind AND path = new.path);"
        for table in _TABLES
    )
    + _INCOMPLETE
    + " END",
    f"CREATE TRIGGER IF NOT EXISTS memo_inserted AFTER INSERT ON files WHEN "
    f"{_FEEDS.format(row='new')} BEGIN" + _drop("new") + " END",
    f"CREATE TRIGGER IF NOT EXISTS memo_updated AFTER UPDATE ON files WHEN "
    f"{_FEEDS.format(row='old')}"
    f" OR {_FEEDS.format(row='new')} BEGIN" + _drop("old") + _drop("new") + " END",
    f"CREATE TRIGGER IF NOT EXISTS memo_deleted AFTER DELETE ON files WHEN "
    f"{_FEEDS.format(row='old')} BEGIN" + _drop("old") + " END",
    "CREATE TABLE IF NOT EXISTS group_sums (name TEXT, grp TEXT, answer TEXT, PRIMARY KEY (name, "
    "grp)) WITHOUT ROWID",
    # Entries are only ever inserted or deleted (a recomputed one is deleted first): both end their
    # group's sum. While no sum is kept (100,000 entries kept at once on a cold index) there is
    # nothing to end.
    *(
        f"CREATE TRIGGER IF NOT EXISTS sum_{event} AFTER {event.upper()} ON customer_memo"
        " WHEN EXISTS (SELECT 1 FROM group_sums) BEGIN"
        f" DELETE FROM group_sums WHERE name = {row}.name AND grp = {_GROUP.format(row=row)}; END"
        for event, row in (("insert", "new"), ("delete", "old"))
    ),
)
# Customers computed at a time: memory holds a few batches (all 100,000 at once took 900 MB).
BATCH = 5000
POOL_MIN_BATCHES = 4  # fewer are computed in this process: starting the workers would cost more
# Fewer customers than POOL_MIN_BATCHES full batches are cut into smaller ones, down to this size,
# so that 10,000 customers (1.8 s on one core) are computed on every core too.
MIN_BATCH = 1000


@dataclass(frozen=True)
class Memo:
    """One kind of answer: `name`, kept under `key` (what else it depends on: a new key drops every
    entry of the name), asked for `at` (a day or a moment: entries hold where valid_from <= at <
    valid_until).

    `listed`: fields of each answer (texts, or missing) kept in columns of their own, to be chosen,
    sorted and drawn in SQLite: field i in f<i>, the columns its text takes on a screen beyond its
    length in x<i>, and in `shown` whether a table shows every listed text as it is."""

    name: str
    key: str
    at: str | float
    listed: tuple[str, ...] = ()

    def __post_init__(self):
        if len(self.listed) > MAX_LISTED or not all(
            field.isidentifier() and field not in _RESERVED for field in self.listed
        ):
            raise ValueError(
                f"not up to {MAX_LISTED} field names other than {_RESERVED}: {self.listed!r}"
            )


# compute(customers, visits of those customers) -> [(customer id, valid_from, valid_until,
# answers)], an entry for every customer and every other customer id the visits name (its file
# missing or broken); picklable (a module's function, or a partial of one), as batches may be
# computed on a process pool.
Compute = Callable[[list[dict], list[dict]], list[tuple[str, object, object, list[dict]]]]


def outdated(db: sqlite3.Connection) -> bool:
    """Whether the tables are missing or kept in another shape (see `create`)."""
    return db.execute("SELECT value FROM meta WHERE key = 'memo_shape'").fetchone() != (str(SHAPE),)


def create(db: sqlite3.Connection) -> None:
    """The tables and their triggers on `files` (which must exist), empty; within a write
    transaction."""
    for what, name in [
        *_OLD,
        *(("TRIGGER", f"memo_{event}") for event in _EVENTS),
        *(("TABLE", t) for t in (*_TABLES, "group_sums")),
    ]:
        db.execute(
            f"DROP {what} IF EXISTS {name}"
        )  # triggers are on `files`: dropping a table leaves them
    db.execute("DELETE FROM meta WHERE key LIKE 'memo:%'")
    for statement in SCHEMA:
        db.execute(statement)
    db.execute("INSERT OR REPLACE INTO meta VALUES ('memo_shape', ?)", (str(SHAPE),))


def batches(customers: list[str]) -> list[list[str]]:
    """The customers cut into the batches computed at a time: BATCH each, or, for fewer than
    POOL_MIN_BATCHES full batches, POOL_MIN_BATCHES of at least MIN_BATCH."""
    size = min(BATCH, max(MIN_BATCH, -(-len(customers) // POOL_MIN_BATCHES)))
    return [customers[start : start + size] for start in range(0, len(customers), size)]


def _parsed(texts: list[str]) -> Iterator[dict]:
    """The answers, parsed a batch at a time: one parse per batch shares each key string among its
    answers, and the caller drops each batch's dicts as it goes (all 130,000 follow-ups of 100,000
    customers at once held ~150 MB more)."""
    with collector.paused():  # ~0.2 s of the 0.4 s 100,000 monthly parts took to decode
        for start in range(0, len(texts), BATCH):
            yield from json.loads("[" + ",".join(texts[start : start + BATCH]) + "]")


def _answered(
    compute: Compute, listed: tuple[str, ...], customers: list[str], visits: list[str]
) -> list[tuple[str, object, object, list[tuple]]]:
    """`compute` of the records in these JSON texts, with each answer as the row it is kept in (see
    `listed_row`). Run where the batch is computed, mostly a worker process, so decoding records and
    encoding answers (300,000 follow-ups at 100,000 customers) is spread over every core."""
    with collector.paused():
        entries = compute(
            *(json.loads("[" + ",".join(texts) + "]") for texts in (customers, visits))
        )
    return [
        (
            customer,
            since,
            until,
            [
                (json.dumps(answer, ensure_ascii=False), listed_row(answer, listed))
                for answer in answers
            ],
        )
        for customer, since, until, answers in entries
    ]


def listed_row(answer: dict, listed: tuple[str, ...]) -> tuple:
    """An answer's columns after its customer and n (see `Memo`): `first`, `shown`, its listed
    fields and their extra widths, padded with NULLs to MAX_LISTED of each."""
    values = [answer.get(field) for field in listed]
    if not all(value is None or isinstance(value, str) for value in values):
        raise TypeError(f"listed fields must be texts: {dict(zip(listed, values, strict=False))!r}")
    shown = all(value is None or screen.shown_as_is(value) for value in values)
    extras = [screen.extra_width(value) if shown and value else 0 for value in values]
    padding = [None] * (MAX_LISTED - len(listed))
    return ((values or [None])[0] or "", shown, *values, *padding, *extras, *padding)


def _kept(memo: Memo, table: str = "customer_answers", answer: bool = False) -> str:
    """The answers of `memo` (a parameter: its name) in `table`, their listed fields named as
    fields; with their JSON if `answer` (a listing needs none: SQLite copies what a subquery
    selects)."""
    named = "".join(f", f{i} AS {field}, x{i} AS {field}_x" for i, field in enumerate(memo.listed))
    source = f"{table} JOIN answer_texts USING (name, customer, n)" if answer else table
    answered = "answer, " if answer else ""
    return f"SELECT customer, n, {answered}first, shown{named} FROM {source} WHERE name = ?"


def _where(memo: Memo, where: list[Condition]) -> tuple[str, list]:
    """`where_sql` of the conditions, a bound on the first listed field said of `first` too: answers
    are kept in its order, so SQLite then reads only those below the bound. `first` is that field,
    or '' where it is missing, which the field's own condition already refuses."""
    bounds = [
        Below("first", condition.bound, condition.inclusive)
        for condition in where
        if isinstance(condition, Below) and memo.listed[:1] == (condition.field,)
    ]
    return where_sql([*where, *bounds])


T = TypeVar("T")


class CustomerMemo:
    def __init__(self, index):
        self.index = index

    def answers(self, memo: Memo, compute: Compute, where: list[Condition] = ()) -> Iterator[dict]:
        """Every kept answer of `memo` whose listed fields meet `where`, by customer; those of
        customers whose entry is missing, stale or does not hold `memo.at` are computed first."""
        condition, args = _where(memo, list(where))
        with self._current(memo, compute) as db:
            found = [
                answer
                for (answer,) in db.execute(
                    f"SELECT answer FROM ({_kept(memo, answer=True)}) WHERE {condition} ORDER BY "
                    f"customer, n",
                    [memo.name, *args],
                )
            ]
        return _parsed(found)

    def listing(
        self,
        memo: Memo,
        compute: Compute,
        extra: list[dict],
        where: list[Condition],
        order: tuple[str, ...],
        draw: Callable[[Callable, list, str], T],
    ) -> T:
        """`draw(query, arms, order)` of the kept answers of `memo` (computed first as in `answers`)
        and the `extra` answers (of the same shape, computed by the caller) whose listed fields meet
        `where`: `arms` are two SELECTs, each with its parameters, of those answers' listed fields
        (field `f` in column `f`, its extra width in `f_x`) and `shown`; `order` an ORDER BY list of
        their union, by the listed fields `order` and then kept answers by customer before the extra
        ones in their order. `query(sql, args)` runs SQL in the transaction in which the answers
        hold."""
        condition, args = _where(memo, list(where))
        with self._current(memo, compute) as db:
            db.execute(
                f"CREATE TEMP TABLE IF NOT EXISTS extra_answers (name TEXT, {_LISTED_COLUMNS})"
            )
            db.execute("DELETE FROM temp.extra_answers")
            db.executemany(
                f"INSERT INTO temp.extra_answers VALUES ({_LISTED_VALUES})",
                [
                    (memo.name, "", n, *listed_row(answer, memo.listed))
                    for n, answer in enumerate(extra)
                ],
            )
            arms = [
                (
                    f"SELECT {extra} AS extra, * FROM ({_kept(memo, table)}) WHERE {condition}",
                    [memo.name, *args],
                )
                for extra, table in enumerate(("customer_answers", "temp.extra_answers"))
            ]
            return draw(
                db.execute,
                arms,
                f"{order_sql(order)}, extra, customer, n",
            )

    def sums(
        self, memo: Memo, compute: Compute, combine: Callable[[list[dict]], dict]
    ) -> list[dict]:
        """`combine` of every kept answer of `memo` (computed first as in `answers`), as the sums of
        groups of customers: a group's sum is kept until an entry of one of its customers changes.
        `combine` must add up sums as it adds up answers: the caller combines the groups' sums."""
        with self._current(memo, compute) as db:
            kept = dict(
                db.execute("SELECT grp, answer FROM group_sums WHERE name = ?", (memo.name,))
            )
            missing = {
                grp: []
                for (grp,) in db.execute(
                    f"SELECT DISTINCT {_GROUP.format(row='customer_memo')} FROM customer_memo "
                    f"WHERE name = ?",
                    (memo.name,),
                )
                if grp not in kept
            }
            if missing:
                for grp, text in db.execute(
                    f"SELECT {_GROUP.format(row='answer_texts')}, answer FROM answer_texts WHERE "
                    f"name = ?"
                    f" AND {_GROUP.format(row='answer_texts')} IN (SELECT value FROM json_each(?))"
                    " ORDER BY customer, n",
                    (memo.name, json.dumps(list(missing))),
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
    def _current(self, memo: Memo, compute: Compute):
        """The index's database in one write transaction, in which every entry of `memo` holds
        `memo.at`: from choosing the stale customers to reading the answers no other process can
        replace a row, so nothing is kept from rows already gone."""
        index = self.index
        for kind in ("customer", "visit"):
            index.ensure_fresh(KINDS[kind])
        db = index.db
        with index.writing():
            if index.meta(f"memo:{memo.name}") != memo.key:
                for table in (*_TABLES, "group_sums"):
                    db.execute(f"DELETE FROM {table} WHERE name = ?", (memo.name,))
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
        # broken: the visit still counts for its staff member). Scanning them costs ~0.15 s at
        # 100,000 customers.
        db.execute(BY_CUSTOMER)  # made anew if a bulk reread was cut off before it made it
        stale = [
            customer
            for (customer,) in db.execute(
                "SELECT DISTINCT customer FROM files INDEXED BY by_customer"
                " WHERE customer IS NOT NULL AND kind IN ('customer', 'visit')"
                " EXCEPT SELECT customer FROM customer_memo WHERE name = ?1 AND valid_from <= ?2 "
                "AND valid_until > ?2",
                (memo.name, memo.at),
            )
        ]
        for entries in self._computed(compute, memo.listed, batches(stale)):
            self._keep(memo.name, entries)
        since, until = db.execute(
            "SELECT max(valid_from), min(valid_until) FROM customer_memo WHERE name = ?",
            (memo.name,),
        ).fetchone()
        if since is not None:
            db.execute(
                "INSERT OR REPLACE INTO meta VALUES (?, ?)",
                (f"memo:{memo.name}:complete", json.dumps([since, until])),
            )

    def _computed(self, compute: Compute, listed: tuple[str, ...], batches: list[list[str]]):
        """Each batch's entries, in order: on a pool of every core when there are many (a cold
        index, a config change), with a few batches in flight while this process reads the next
        one's records."""
        with pool.workers(len(batches) >= POOL_MIN_BATCHES) as executor:
            yield from pool.in_order(
                _answered, ((compute, listed, *self._inputs(batch)) for batch in batches), executor
            )

    def _inputs(self, customers: list[str]) -> tuple[list[str], list[str]]:
        """The JSON texts of these customers' records and of their visits, in id order, by the
        customer each row belongs to (`by_customer`). Texts, not records: whoever computes the batch
        decodes them, and sending texts to a worker costs a copy instead of pickling every
        record."""
        texts: dict[str, list[str]] = {"customer": [], "visit": []}
        for kind, body in self.index.db.execute(
            "SELECT kind, body FROM files INDEXED BY by_customer WHERE customer IN (SELECT value "
            "FROM json_each(?))"
            " AND kind IN ('customer', 'visit') AND body IS NOT NULL ORDER BY id, path",
            (json.dumps(customers),),
        ):
            texts[kind].append(body)
        return texts["customer"], texts["visit"]

    def _keep(self, name: str, entries: list[tuple[str, object, object, list[tuple]]]) -> None:
        db = self.index.db
        customers = json.dumps([customer for customer, _, _, _ in entries])
        for table in _TABLES:
            db.execute(
                f"DELETE FROM {table} WHERE name = ? AND customer IN (SELECT value FROM "
                f"json_each(?))",
                (name, customers),
            )
        db.executemany(
            "INSERT INTO customer_memo VALUES (?, ?, ?, ?)",
            [(customer, name, since, until) for customer, since, until, _ in entries],
        )
        rows = [
            (customer, n, text, listed)
            for customer, _, _, answers in entries
            for n, (text, listed) in enumerate(answers)
        ]
        db.executemany(
            "INSERT INTO answer_texts VALUES (?, ?, ?, ?)",
            [(customer, name, n, text) for customer, n, text, _ in rows],
        )
        db.executemany(
            f"INSERT INTO customer_answers VALUES ({_LISTED_VALUES})",
            [(name, customer, n, *listed) for customer, n, _, listed in rows],
        )
