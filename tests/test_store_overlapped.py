"""A query may run while its freshness stat runs in a forked child (`Store.settled_read`,
`Index.overlapped`): its answer must stand only when it is what it would have been after the
stat."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import time

import pytest

from bench.generate import generate
from crmctl.actions.due import due_items
from crmctl.actions.session import Session
from crmctl.store import index
from crmctl.store.customer_memo import CustomerMemo
from crmctl.store.kinds import KINDS
from crmctl.store.records import Store
from tests.conftest import NOW, Crm

CUSTOMER = KINDS["customer"]


@pytest.fixture
def root(tmp_path, monkeypatch):
    """A generated archive, every kind indexed, on which every settled read overlaps its stat."""
    monkeypatch.setattr(index, "FORK_MIN_FILES", 1)
    generate(tmp_path / "crm", customers=60, seed=5, workers=1)
    store = Store(tmp_path / "crm")
    store.settled_read(lambda: [store.records(kind) for kind in KINDS.values()])
    return tmp_path / "crm"


@pytest.fixture
def forks(monkeypatch):
    """Counts the children forked to stat while a read runs."""
    counted = []
    real = index._forked

    def counting(work):
        counted.append(work)
        return real(work)

    monkeypatch.setattr(index, "_forked", counting)
    return counted


def truth(root) -> list[dict]:
    return Store(root, use_index=False).records(CUSTOMER)


def counted_read(store: Store, calls: list):
    def read():
        calls.append(len(store.problems))
        return store.records(CUSTOMER)

    return read


def edit_by_hand(path, notes: str) -> None:
    path.write_bytes(
        path.read_bytes().replace(b"status: ", f"notes: {notes}\nstatus: ".encode(), 1)
    )


def first_customer(root):
    return sorted((root / "records" / "customers").iterdir())[0]


def test_an_answer_stands_while_the_files_are_as_the_index_holds_them(root, forks):
    store, calls = Store(root), []
    assert store.settled_read(counted_read(store, calls)) == truth(root)
    assert len(calls) == 1 and len(forks) == 1


def test_a_file_edited_by_hand_makes_the_read_run_again_on_the_file(root, forks):
    edit_by_hand(first_customer(root), "by hand")
    store, calls = Store(root), []
    records = store.settled_read(counted_read(store, calls))
    assert records == truth(root) and len(calls) == 2 and len(forks) == 1
    assert next(r for r in records if r["id"] == first_customer(root).stem)["notes"] == "by hand"


def test_a_file_deleted_by_hand_is_not_answered_from_its_row(root, forks):
    first_customer(root).unlink()
    store, calls = Store(root), []
    assert store.settled_read(counted_read(store, calls)) == truth(root)
    assert len(calls) == 2


def test_a_write_by_another_process_while_the_read_runs_is_seen(root, forks):
    """The writer brings the index up to date with its file, so the stat alone may find nothing
    changed: the index's own change since the read began must throw the answer away."""
    path = first_customer(root)
    store, calls = Store(root), []

    def read():
        calls.append(None)
        records = store.records(CUSTOMER)
        if len(calls) == 1:
            other = Store(root)
            record = other.load(CUSTOMER, path.stem)
            with other.transaction() as tx:
                tx.put(CUSTOMER, {**record, "notes": "written meanwhile"})
        return records

    records = store.settled_read(read)
    assert len(calls) == 2 and records == truth(root)
    assert next(r for r in records if r["id"] == path.stem)["notes"] == "written meanwhile"


def test_any_commit_to_the_index_by_another_connection_makes_the_read_run_again(root, forks):
    store, calls = Store(root), []

    def read():
        calls.append(None)
        if len(calls) == 1:
            with sqlite3.connect(root / ".crmctl" / index.FILE_NAME) as other:
                other.execute("INSERT OR REPLACE INTO meta VALUES ('a test', 'meanwhile')")
        return store.records(CUSTOMER)

    assert store.settled_read(read) == truth(root) and len(calls) == 2


def test_a_broken_file_is_reported_once_when_the_read_runs_again(root):
    broken = sorted((root / "records" / "customers").iterdir())[1]
    broken.write_text("name: [unclosed\n", encoding="utf-8")
    Store(root).records(CUSTOMER)  # its row now holds its problems
    edit_by_hand(first_customer(root), "by hand")
    store, calls = Store(root), []
    store.settled_read(counted_read(store, calls))
    assert calls == [0, 0]  # the second run starts with none of the first one's problems
    assert [problem.path for problem in store.problems] == [broken.relative_to(root).as_posix()]


def test_a_child_that_fails_leaves_the_answer_to_a_stat_of_its_own(root, monkeypatch):
    parent, real = os.getpid(), index._stamped

    def failing_in_the_child(listed, halves):
        if os.getpid() != parent:
            raise OSError("cannot stat")
        return real(listed, halves)

    monkeypatch.setattr(index, "_stamped", failing_in_the_child)
    edit_by_hand(first_customer(root), "by hand")
    store = Store(root)
    records = store.settled_read(counted_read(store, []))
    assert (
        records == truth(root)
        and next(r for r in records if r["id"] == first_customer(root).stem)["notes"] == "by hand"
    )


def test_a_new_index_is_built_before_the_read_runs(tmp_path, monkeypatch):
    monkeypatch.setattr(index, "FORK_MIN_FILES", 1)
    generate(tmp_path / "crm", customers=20, seed=5, workers=1)
    store, calls = Store(tmp_path / "crm"), []
    assert store.settled_read(counted_read(store, calls)) == truth(tmp_path / "crm")
    assert len(calls) == 1  # an answer from an empty index would be thrown away


@pytest.mark.parametrize(
    "command", [("due",), ("due", "--format", "json"), ("report", "monthly"), ("report", "ledger")]
)
def test_commands_see_every_change_made_by_hand_between_them(root, command):
    """Edited, deleted and added files between two commands: the second one answers as a command
    that builds its index anew from the files."""
    crm = Crm(root)
    before = crm.ok(*command, user="wang")
    customers = sorted((root / "records" / "customers").iterdir())
    visits = sorted((root / "records" / "visits").glob("2026/*/*.yaml"))
    complaints = sorted((root / "records" / "complaints").iterdir())
    customers[0].write_bytes(customers[0].read_bytes().replace(b"name: ", "name: 改名".encode(), 1))
    for path in (*visits[-5:], *complaints[-3:]):
        path.unlink()
    shutil.copy(customers[1], customers[1].with_name("C" + "1" * 15 + ".yaml"))
    after = crm.ok(*command, user="wang")
    shutil.rmtree(root / ".crmctl")
    assert after == crm.ok(*command, user="wang") != before


def test_a_read_that_fails_stops_its_stat_child(root, forks):
    store = Store(root)

    def read():
        raise LookupError("no such thing")

    with pytest.raises(LookupError):
        store.settled_read(read)
    assert len(forks) == 1
    with pytest.raises(ChildProcessError):  # reaped: no child is left behind, running or a zombie
        os.waitpid(-1, os.WNOHANG)


def test_ctrl_c_while_waiting_for_the_stat_stops_the_command_and_its_child(root, monkeypatch):
    parent, real = os.getpid(), index._stamped

    def slow_in_the_child(listed, halves):
        if os.getpid() != parent:
            time.sleep(1.5)
        return real(listed, halves)

    def interrupt(*_):
        raise KeyboardInterrupt

    monkeypatch.setattr(index, "_stamped", slow_in_the_child)
    store, calls = Store(root), []

    def read():
        calls.append(None)
        signal.setitimer(
            signal.ITIMER_REAL, 0.3
        )  # Ctrl-C lands while the parent waits for the child
        return store.records(CUSTOMER)

    previous = signal.signal(signal.SIGALRM, interrupt)
    try:
        with pytest.raises(KeyboardInterrupt):
            store.settled_read(read)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    assert len(calls) == 1  # not run again as if the index were unusable
    with pytest.raises(ChildProcessError):  # killed and reaped
        os.waitpid(-1, os.WNOHANG)


@pytest.mark.parametrize("overlapped", [True, False])
def test_an_index_found_damaged_during_a_settled_read_is_not_answered_from_empty(
    root, monkeypatch, overlapped
):
    """The damaged index is deleted; what is read after that comes from a new one, built from the
    files, not from an empty one taken as fresh."""
    if not overlapped:
        monkeypatch.setattr(index, "FORK_MIN_FILES", 10**9)
    expected = [item.as_json() for item in due_items(Session(root, now=NOW))]
    real, calls = CustomerMemo.answers, []

    def damaged_once(self, *args, **kwargs):
        calls.append(None)
        if len(calls) == 1:
            exc = sqlite3.DatabaseError("database disk image is malformed")
            exc.sqlite_errorcode = sqlite3.SQLITE_CORRUPT
            raise exc
        return real(self, *args, **kwargs)

    monkeypatch.setattr(CustomerMemo, "answers", damaged_once)
    assert expected and [item.as_json() for item in due_items(Session(root, now=NOW))] == expected


def test_the_ledger_stats_only_the_kinds_it_reads(root, monkeypatch):
    """It reads complaints and customers: 200,000 visits at 100,000 customers are not its to
    stat."""
    listed, real = [], index.Index._listed
    monkeypatch.setattr(
        index.Index, "_listed", lambda self, kind: listed.append(kind.name) or real(self, kind)
    )
    Crm(root).ok("report", "ledger", user="wang")
    assert sorted(listed) == ["complaint", "customer"]
