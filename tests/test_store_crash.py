"""Crash safety: a writer killed at any moment leaves every record whole and every reported write in
place.

Two attacks. The first kills a write at each step of its commit in turn (every file written,
flushed, renamed), so each step is certain to be hit once. The second SIGKILLs real worker processes
running the writers of `tests/writers.py` at random moments, two at a time, as a power cut would.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from crmctl.archive.kinds import KINDS
from crmctl.store import records, transaction
from tests import writers
from tests.conftest import REPO

WORKER = Path(writers.__file__)


def _kill_at_step(step: int, run) -> bool:
    """Run `run()` in a forked child that SIGKILLs itself at the `step`-th file operation of the
    store.

    A staged write killed there has written half its bytes. Returns False once `step` is past the
    last operation (the write completed).
    """
    pid = os.fork()
    if pid == 0:  # the child never returns into pytest
        try:
            count = 0

            def die_at_step():
                nonlocal count
                count += 1
                if count > step:
                    os.kill(os.getpid(), signal.SIGKILL)

            def wrap(function):
                def wrapped(*args, **kwargs):
                    die_at_step()
                    return function(*args, **kwargs)

                return wrapped

            def torn_write(path, data, sync):
                data = data if isinstance(data, bytes) else b"".join(data)  # a journal's slices
                if count + 1 > step:
                    Path(path).write_bytes(data[: len(data) // 2])
                die_at_step()
                real_write(path, data, sync)

            real_write = transaction._write_file
            transaction._write_file = torn_write
            for name in ("replace", "fsync", "sync", "unlink"):
                setattr(os, name, wrap(getattr(os, name)))
            run()
            os._exit(0)
        except BaseException:
            os._exit(3)
    _, status = os.waitpid(pid, 0)
    if os.WIFEXITED(status):
        assert os.WEXITSTATUS(status) == 0, "the write failed before any kill"
        return False
    assert os.WTERMSIG(status) == signal.SIGKILL
    return True


RECORDS_PER_WRITE = {
    "batch of customers": writers.BATCH_SIZE,
    "import customers": writers.BATCH_SIZE,
    "visit log --complaint": 2,
}


def _outcome(root: Path, name: str, job: writers.Job) -> str:
    """'none' or 'all' of the write landed (after the next reader ran recovery); anything else is a
    bug."""
    store = records.Store(root)  # opening the store recovers an interrupted commit
    assert writers.leftovers(root) == []
    found = [
        r
        for kind in KINDS.values()
        for r in store.records(kind)
        if writers.WRITERS[name].expect(job) in str(r)
    ]
    assert store.problems == []
    expected = RECORDS_PER_WRITE.get(name, 1)
    assert len(found) in (0, expected), f"{name} torn: {len(found)} of {expected} records"
    return "all" if found else "none"


@pytest.mark.parametrize(
    "name", ["customer edit", "batch of customers", "import customers", "visit log --complaint"]
)
def test_a_kill_at_any_step_of_a_commit_leaves_all_or_nothing(crm, name):
    shared = crm.ok("customer", "add", "共享客户").strip()
    outcomes = []
    for step in range(200):
        job = writers.Job(step + 1, 0, shared)
        killed = _kill_at_step(step, lambda job=job: writers.WRITERS[name].run(crm.root, job))
        outcomes.append(_outcome(crm.root, name, job))
        if not killed:
            break
    assert not killed, "the write never completed"
    # One commit point: every kill before it leaves nothing, every kill after it everything.
    commit = outcomes.index("all")
    assert commit > 0 and outcomes == ["none"] * commit + ["all"] * (len(outcomes) - commit), (
        outcomes
    )
    assert crm("check").exit_code == 0


ROUNDS = 7


def test_sigkill_at_random_moments_loses_no_reported_write(tmp_path, crm):
    seed = int(os.environ.get("CRMCTL_CRASH_SEED", time.time_ns() % 10**6))
    rng = random.Random(seed)
    shared = crm.ok("customer", "add", "共享客户").strip()
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    interrupted = 0
    for round_ in range(ROUNDS):
        root = tmp_path / f"round{round_}"
        shutil.copytree(crm.root, root)
        names = list(writers.WRITERS)
        workers = [
            subprocess.Popen(
                [
                    sys.executable,
                    str(WORKER),
                    str(root),
                    str(1000 * (2 * round_ + w)),
                    "999",
                    shared,
                    str(w),
                    *rng.sample(names, len(names)),
                ],
                stdout=subprocess.PIPE,
                text=True,
                env=env,
            )
            for w in range(2)
        ]
        start = time.monotonic()
        for delay, worker in sorted(
            ((rng.uniform(0.3, 1.5), w) for w in workers), key=lambda pair: pair[0]
        ):
            time.sleep(max(0.0, start + delay - time.monotonic()))
            worker.kill()
        done, failed = [], []
        for worker in workers:
            found, errors = writers.parse_report(worker.communicate()[0])
            done += found
            failed += errors
        interrupted += bool(writers.leftovers(root))
        assert failed == [], f"seed {seed}"
        assert writers.archive_problems(root, done) == [], (
            f"seed {seed} (set CRMCTL_CRASH_SEED to replay)"
        )
    print(f"{ROUNDS * 2} kills, {interrupted} round(s) left a commit half done for recovery")
