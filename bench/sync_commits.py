"""How long `crmctl sync` takes to check and push C commits on an archive of N customers.

    python -m bench.sync_commits [N] [C]     (defaults: 1,000 customers, 20 commits)

Builds a bare remote and a clone of an archive of N customers, makes C `--commit` edits of
different customers in the clone, and prints the wall-clock seconds of `crmctl sync`, which checks
each of the C commits, audits them and checks the archive they leave. Then repeats it with the
remote moved on meanwhile by one commit of a colleague, so the sync also merges. Fails unless
every commit reached the remote.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from bench.merge_pull import crmctl, run, team_archive


def edits(root: Path, count: int, grade: str, env: dict, last: bool = False) -> None:
    ids = sorted(path.stem for path in (root / "records" / "customers").glob("*.yaml"))
    for n, customer in enumerate(ids[-count:] if last else ids[:count]):
        crmctl(root, "--commit", "customer", "edit", customer, "--set", f"grade={grade}", env=env)
        if n == 0:
            crmctl(root, "check", env=env)  # the index is warm, as in a clone in daily use


def timed_sync(root: Path, env: dict) -> float:
    start = time.perf_counter()
    crmctl(root, "sync", env=env)
    return time.perf_counter() - start


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000
    commits = int(sys.argv[2]) if len(sys.argv) > 2 else 20  # noqa: PLR2004 - documented default
    with tempfile.TemporaryDirectory() as folder:
        top = Path(folder)
        env, a, b = team_archive(top, count)
        edits(a, commits, "C", env)
        alone = timed_sync(a, env)
        run(b, "git", "pull", "-q", env=env)
        edits(b, 1, "C", env, last=True)
        crmctl(b, "sync", env=env)
        edits(a, commits, "B2", env)
        merging = timed_sync(a, env)
        print(
            f"crmctl sync of {commits} commits on {count} customers: {alone:.2f} s; "
            f"with a pull to merge: {merging:.2f} s"
        )
        pushed = run(top / "origin.git", "git", "rev-list", "--count", "HEAD", env=env)
        if int(pushed) != 2 * commits + 3:  # seed, init, b's edit, a's commits and the merge
            sys.exit(f"the remote holds {pushed.strip()} commits")


if __name__ == "__main__":
    main()
