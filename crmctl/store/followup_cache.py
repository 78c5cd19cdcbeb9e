"""Each customer's follow-ups as the due rules computed them, kept in the index database.

The due rules are pure functions of one customer, its visits, the config and the day; running them
over 100,000 customers costs seconds, so their answer is kept per customer beside the rows it was
computed from, under the config's digest. Triggers on the index's `files` table drop a customer's
entry in the very statement that inserts, replaces, changes or deletes the row of its file or of one
of its visits (a visit moved to another customer drops both), so no entry outlives what it was
computed from; and an entry holds only for the days on which the rules give the same answer (an
occasion moves on a year once it has passed). Deleting it is always safe.
"""
from __future__ import annotations

import json
import sqlite3
from typing import Callable

from .kinds import KINDS

SHAPE = 3  # bump when the tables below change: they are rebuilt, the rest of the index is kept
_TABLES = ("followup_memo", "followup_items")
# The customer whose entry a row of `files` feeds: a customer file its own, a visit its customer's.
_CUSTOMER = ("CASE {row}.kind WHEN 'customer' THEN {row}.id WHEN 'visit' THEN json_extract({row}.body, '$.customer')"
             " END")


def _drop(row: str) -> str:
    return "".join(f" DELETE FROM {table} WHERE customer = {_CUSTOMER.format(row=row)};" for table in _TABLES)


_FEEDS = "{row}.kind IN ('customer', 'visit')"
SCHEMA = (
    "CREATE TABLE IF NOT EXISTS followup_memo (customer TEXT PRIMARY KEY, valid_from TEXT, valid_until TEXT)"
    " WITHOUT ROWID",
    "CREATE TABLE IF NOT EXISTS followup_items (customer TEXT, due TEXT, owner TEXT, item TEXT)",
    "CREATE INDEX IF NOT EXISTS followup_by_due ON followup_items (due)",
    "CREATE INDEX IF NOT EXISTS followup_by_customer ON followup_items (customer)",
    # INSERT OR REPLACE removes the old row without a delete trigger: the customer it fed is dropped first.
    f"CREATE TRIGGER IF NOT EXISTS followup_replaced BEFORE INSERT ON files WHEN {_FEEDS.format(row='new')} BEGIN"
    + "".join(f" DELETE FROM {table} WHERE customer IN (SELECT {_CUSTOMER.format(row='files')} FROM files"
              " WHERE kind = new.kind AND path = new.path);" for table in _TABLES) + " END",
    f"CREATE TRIGGER IF NOT EXISTS followup_inserted AFTER INSERT ON files WHEN {_FEEDS.format(row='new')} BEGIN"
    + _drop("new") + " END",
    f"CREATE TRIGGER IF NOT EXISTS followup_updated AFTER UPDATE ON files WHEN {_FEEDS.format(row='old')}"
    f" OR {_FEEDS.format(row='new')} BEGIN" + _drop("old") + _drop("new") + " END",
    f"CREATE TRIGGER IF NOT EXISTS followup_deleted AFTER DELETE ON files WHEN {_FEEDS.format(row='old')} BEGIN"
    + _drop("old") + " END",
)
BATCH = 5000  # customers computed at a time: memory holds one batch (all 100,000 at once took 900 MB)

# compute(customers, visits of those customers) -> [(customer id, last day the answer holds + 1, items)]
Compute = Callable[[list[dict], list[dict]], list[tuple[str, str, list[dict]]]]


def create(db: sqlite3.Connection, afresh: bool = False) -> None:
    """The tables and the triggers on `files` (which must exist); `afresh` drops what was kept."""
    if afresh:
        for table in _TABLES:
            db.execute(f"DROP TABLE IF EXISTS {table}")
    for statement in SCHEMA:
        db.execute(statement)


class FollowupCache:
    def __init__(self, index):
        self.index = index

    def items(self, config_digest: str, today: str, compute: Compute, last_day: str | None,
              owners: list[str] | None = None) -> list[dict]:
        """Every kept follow-up due by `last_day` (all if None) and owned by one of `owners` (anyone's
        if None), computing those of customers whose entry is missing, stale or not valid `today` first."""
        index = self.index
        for kind in ("customer", "visit"):
            index.ensure_fresh(KINDS[kind])
        db = index.db
        # One write transaction from choosing the stale customers to reading the answer: no other
        # process can replace a row in between, so nothing is kept from rows already gone.
        with index.writing():
            key = f"{SHAPE}/{config_digest}"
            if index.meta("followups") != key:
                create(db, afresh=True)
                db.execute("INSERT OR REPLACE INTO meta VALUES ('followups', ?)", (key,))
            stale = [customer for (customer,) in db.execute(
                "SELECT id FROM files WHERE kind = 'customer' AND body IS NOT NULL AND id NOT IN"
                " (SELECT customer FROM followup_memo WHERE valid_from <= ?1 AND valid_until > ?1)", (today,))]
            for start in range(0, len(stale), BATCH):
                self._keep(today, compute(*self._inputs(stale[start:start + BATCH])))
            conditions, args = ["1"], []
            if last_day:
                conditions.append("due <= ?"), args.append(last_day)
            if owners is not None:
                conditions.append("owner IN (SELECT value FROM json_each(?))"), args.append(json.dumps(owners))
            found = "[" + ",".join(item for (item,) in db.execute(
                f"SELECT item FROM followup_items WHERE {' AND '.join(conditions)}", args)) + "]"
        return json.loads(found)  # one parse: the decoder shares each key string among all items

    def _inputs(self, customers: list[str]) -> tuple[list[dict], list[dict]]:
        """These customers' records and their visits (looked up in SQLite by id and by customer)."""
        wanted = set(customers)
        found = self.index.rows(KINDS["customer"], {"id": customers}, fresh=True)
        visits = self.index.rows(KINDS["visit"], {"customer": customers}, fresh=True)
        return ([record for _, record, _ in found if record is not None and record["id"] in wanted],
                [record for _, record, _ in visits if record is not None and record["customer"] in wanted])

    def _keep(self, today: str, entries: list[tuple[str, str, list[dict]]]) -> None:
        db = self.index.db
        customers = json.dumps([customer for customer, _, _ in entries])
        for table in _TABLES:
            db.execute(f"DELETE FROM {table} WHERE customer IN (SELECT value FROM json_each(?))", (customers,))
        db.executemany("INSERT INTO followup_memo VALUES (?, ?, ?)",
                       [(customer, today, until) for customer, until, _ in entries])
        db.executemany("INSERT INTO followup_items VALUES (?, ?, ?, ?)",
                       [(customer, item["due"], item["owner"], json.dumps(item, ensure_ascii=False))
                        for customer, _, items in entries for item in items])
