"""How long a `git pull` takes that merges N record files changed on both sides (default 1,000).

    python bench/merge_pull.py [N]

Builds a bare remote and two clones of an archive of N customers (`crmctl init --git` in each),
changes a different field of every customer in each clone through `crmctl import --key`, pushes
one side, and prints the wall-clock seconds of `git pull` in the other: git runs the crmctl merge
driver once per file. Target (issue 19): 1,000 files in <= 10 s. Checks that both sides' fields
survived, so a fast but lossy driver cannot pass.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
NOW = "2026-11-23T09:30:00+08:00"


def run(cwd: Path, *args: str, env: dict) -> str:
    result = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    if result.returncode:
        sys.exit(f"{' '.join(args)} failed:\n{result.stdout}{result.stderr}")
    return result.stdout


def crmctl(root: Path, *args: str, env: dict) -> str:
    return run(root.parent, sys.executable, "-m", "crmctl", "--root", str(root), *args, env=env)


def edit_all(root: Path, column: str, value: str, env: dict, now: str) -> None:
    ids = [path.stem for path in (root / "records" / "customers").glob("*.yaml")]
    table = root.parent / f"{root.name}.csv"
    table.write_text(f"id,{column}\n" + "".join(f"{i},{value}\n" for i in ids), encoding="utf-8")
    crmctl(root, "--now", now, "import", "customers", str(table), "--key", "id", env=env)
    run(root, "git", "commit", "-qam", f"{column} of every customer", env=env)


def team_archive(top: Path, count: int) -> tuple[dict, Path, Path]:
    """The environment of a team member, and two clones of a bare remote holding an archive of
    `count` customers, each registered with `crmctl init --git`."""
    home = top / "home"
    home.mkdir()
    (home / ".gitconfig").write_text("[user]\n\tname = B\n\temail = b@example.com\n")
    env = {
        **os.environ,
        "HOME": str(home),
        "GIT_CONFIG_NOSYSTEM": "1",
        "PYTHONPATH": str(REPO),
        "CRMCTL_USER": "lina",
        "CRMCTL_NOW": NOW,
    }
    seed = top / "seed"
    crmctl(seed, "init", "--git", str(seed), env=env)
    rows = "".join(f"客户{n:05d},B1\n" for n in range(count))
    (top / "rows.csv").write_text("name,grade\n" + rows, encoding="utf-8")
    crmctl(seed, "import", "customers", str(top / "rows.csv"), env=env)
    run(seed, "git", "add", "-A", env=env)
    run(seed, "git", "commit", "-qm", "seed", env=env)
    run(top, "git", "clone", "-q", "--bare", str(seed), "origin.git", env=env)
    for name in ("a", "b"):
        run(top, "git", "clone", "-q", "origin.git", name, env=env)
        crmctl(top / name, "init", "--git", str(top / name), env=env)
    return env, top / "a", top / "b"


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000
    with tempfile.TemporaryDirectory() as folder:
        env, a, b = team_archive(Path(folder), count)
        edit_all(a, "region", "杭州", env, "2026-11-24T09:00:00+08:00")
        run(a, "git", "push", "-q", env=env)
        edit_all(b, "grade", "B2", env, "2026-11-24T10:00:00+08:00")
        start = time.perf_counter()
        run(b, "git", "pull", "-q", "--no-edit", env=env)
        seconds = time.perf_counter() - start
        merged = crmctl(b, "customer", "list", "--format", "csv", env=env)
        both = sum(1 for line in merged.splitlines() if "B2" in line and "杭州" in line)
        print(f"git pull merging {count} record files: {seconds:.2f} s ({both} kept both sides)")
        if both != count:
            sys.exit("some customers lost a side")


if __name__ == "__main__":
    main()
