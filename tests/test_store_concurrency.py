"""Concurrent writers: 8 processes x 50 writes at once lose nothing, and a stuck lock gives a clear
error."""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from crmctl.archive.kinds import KINDS
from crmctl.store.records import Store
from tests import writers
from tests.conftest import REPO, Crm, run_crmctl

WORKERS = 8
WRITES = 50
# The editors spread over a few shared customers: every edit re-reads and re-validates the whole
# history, so a single customer with 350 entries would measure that cost instead of the locking.
SHARED = 10
# What each worker runs, in turn: five edit different fields of the same customers while others
# log visits and complaints on those customers, add customers, regrade them and assign them.
# (Adding, regrading and assigning read all customers under the lock, so more of them would time
# that scan rather than the locking.)
MIX = [["customer edit"]] * 5 + [
    ["visit log", "visit log --complaint"],
    ["complaint log", "assign --auto"],
    ["customer grade --apply", "customer add"],
]


@pytest.fixture
def memory_crm(crm):
    """The `crm` root on tmpfs when there is one: each commit's fsyncs cost some 40 ms on a disk,
    and 400 of them in a row would time the disk rather than the locking (test_store_crash covers
    the flushing)."""
    shm = Path("/dev/shm")
    if not shm.is_dir():
        yield crm
        return
    root = Path(tempfile.mkdtemp(dir=shm)) / "crm"
    shutil.copytree(crm.root, root)
    yield Crm(root)
    shutil.rmtree(root.parent)


def test_eight_writers_at_once_lose_no_update(memory_crm, tmp_path):
    crm = memory_crm
    shared = [crm.ok("customer", "add", f"共享客户 {n}").strip() for n in range(SHARED)]
    env = {**os.environ, "PYTHONPATH": str(REPO), "CRMCTL_LOCK_TIMEOUT": "120"}
    reports = [
        tmp_path / f"worker{w}.jsonl" for w in range(WORKERS)
    ]  # files, not pipes: nobody blocks
    started = time.monotonic()
    workers = []
    for w, report in enumerate(reports):
        with report.open("w") as out:
            workers.append(
                subprocess.Popen(
                    [
                        sys.executable,
                        str(Path(writers.__file__)),
                        str(crm.root),
                        str(1000 * (w + 1)),
                        str(WRITES),
                        ",".join(shared),
                        str(w),
                        *MIX[w % len(MIX)],
                    ],
                    stdout=out,
                    env=env,
                )
            )
    reads = 0
    while any(
        worker.poll() is None for worker in workers
    ):  # readers take no lock and see no torn file
        listing = crm("customer", "list", "--format", "ids", user=None, now=None)
        assert listing.exit_code == 0 and listing.stderr == ""
        reads += 1
        time.sleep(0.2)  # leave the CPUs to the writers
    elapsed = time.monotonic() - started
    done, failed = [], []
    for report in reports:
        found, errors = writers.parse_report(report.read_text(encoding="utf-8"))
        done += found
        failed += errors

    assert failed == []
    assert len(done) == WORKERS * WRITES
    assert writers.archive_problems(crm.root, done) == []
    # On each shared customer, each editor's last value is its field's value, and every edit is one
    # history entry (beside its creation and, perhaps, assign --auto giving it an owner).
    store = Store(crm.root)
    edits = [job for job, name, _ in done if name == "customer edit"]
    for customer_id in shared:
        customer = store.load(KINDS["customer"], customer_id)
        mine = [job for job in edits if job.shared == customer_id]
        for w in {job.worker for job in mine}:
            field = writers.EDIT_FIELDS[w % len(writers.EDIT_FIELDS)]
            last = max((job for job in mine if job.worker == w), key=lambda job: job.serial)
            assert last.token in str(customer[field])
        assert [entry["action"] for entry in customer["history"]].count("edit") == len(mine)
    print(
        f"{WORKERS * WRITES} writes by {WORKERS} processes in {elapsed:.1f}s, {reads} full "
        f"listings meanwhile"
    )


def test_a_writer_waiting_too_long_for_the_lock_fails_clearly_and_readers_do_not_wait(crm):
    crm.ok("customer", "add", "华丰建材")
    before = crm.files()
    lock_path = crm.root / ".crmctl" / "lock"
    lock_path.parent.mkdir(exist_ok=True)
    with open(lock_path, "w") as held:
        fcntl.flock(held, fcntl.LOCK_EX)  # another crmctl mid-write, as far as the writer can tell
        started = time.monotonic()
        result = run_crmctl(
            "--root",
            crm.root,
            "--as",
            "lina",
            "customer",
            "add",
            "新客户",
            env={"CRMCTL_LOCK_TIMEOUT": "0.5"},
            timeout=20,
        )
        waited = time.monotonic() - started
        listing = run_crmctl("--root", crm.root, "customer", "list", "--format", "ids", timeout=20)
    assert result.returncode == 1
    assert "crmctl: error: another crmctl command has held the archive lock" in result.stderr
    assert "CRMCTL_LOCK_TIMEOUT" in result.stderr and "Traceback" not in result.stderr
    assert waited < 5
    assert crm.files() == before
    assert listing.returncode == 0 and len(listing.stdout.split()) == 1


def test_readers_never_wait_for_a_live_writers_journal(crm):
    """A large import holds the lock with its intent in .crmctl/; `customer show` does not wait."""
    customer = crm.ok("customer", "add", "华丰建材").strip()
    state = crm.root / ".crmctl"
    intent = state / "tx-0123456789ab.intent"
    intent.write_text("[]")
    with open(state / "lock", "w") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        started = time.monotonic()
        shown = run_crmctl(
            "--root", crm.root, "customer", "show", customer, env={"CRMCTL_LOCK_TIMEOUT": "3"}
        )
        waited = time.monotonic() - started
        assert intent.exists()  # the live writer's, left to it
    assert shown.returncode == 0, shown.stderr
    assert "华丰建材" in shown.stdout and waited < 2.5
    crm.ok("customer", "list")  # no writer holds the lock now: the killed one's intent is finished
    assert not intent.exists()
