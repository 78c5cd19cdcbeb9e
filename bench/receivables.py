"""What receivables cost the commands people run: `python -m bench.receivables DIR`.

DIR is an archive of `bench.generate` (about two receivables per customer). Each command runs as
a user runs it (a new `crmctl` process), once cold, then warm (best of three, with its peak memory),
on DIR and on a copy of DIR without its receivables, and the table goes to standard output, with
the CPU seconds of the best warm run (user + system: on a shared machine they vary less than the
wall clock). The payment is undone after each run (the file's bytes put back), so every run sees
the same archive.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.run import NOW, REPO

WARM_RUNS = 3


def _open_receivable(root: Path) -> tuple[Path, str]:
    """An open receivable of the archive, and the owner of its customer."""
    for path in sorted((root / "records" / "receivables").iterdir()):
        text = path.read_text(encoding="utf-8")
        if "state: open" in text:
            customer = next(
                line.split()[1] for line in text.splitlines() if line.startswith("customer:")
            )
            owner = next(
                line.split()[1]
                for line in (root / "records" / "customers" / f"{customer}.yaml")
                .read_text(encoding="utf-8")
                .splitlines()
                if line.startswith("owner:")
            )
            return path, owner
    raise SystemExit(f"{root}: no open receivable")


def commands(root: Path) -> list[tuple[str, list[str], Path | None]]:
    """(label, crmctl arguments, file a write changes and the run puts back)."""
    path, owner = _open_receivable(root)
    customer = next(
        line.split()[1]
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.startswith("customer:")
    )
    return [
        (f"due --mine (as {owner})", ["--as", owner, "due", "--mine"], None),
        ("due", ["due"], None),
        ("report aging", ["report", "aging"], None),
        ("report monthly", ["report", "monthly"], None),
        ("receivable list --overdue", ["receivable", "list", "--overdue"], None),
        ("customer show ID", ["customer", "show", customer], None),
        ("receivable pay ID 1.00", ["receivable", "pay", path.stem, "1.00"], path),
    ]


def _run(argv: list[str]) -> tuple[float, float, float, int]:
    """Wall seconds, CPU seconds, peak resident MB and exit status of one process."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    started = time.perf_counter()
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    cpu = usage.ru_utime + usage.ru_stime
    return elapsed, cpu, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)


def measure(root: Path, label: str, args: list[str], changed: Path | None) -> tuple:
    crmctl = [sys.executable, "-m", "crmctl", "--root", str(root), "--as", "wang", "--now", NOW]

    def once():
        before = changed.read_bytes() if changed else None
        result = _run([*crmctl, *args])
        if changed:
            changed.write_bytes(before)
        return result

    cold = once()
    warm = min((once() for _ in range(WARM_RUNS)), key=lambda run: run[1])
    return label, cold[0], *warm


def main() -> None:
    root = Path(sys.argv[1]).resolve()
    rows = [("with receivables", *measure(root, *command)) for command in commands(root)]
    with tempfile.TemporaryDirectory(dir=root.parent) as folder:
        bare = Path(folder) / root.name
        shutil.copytree(root, bare, ignore=shutil.ignore_patterns(".crmctl"))
        shutil.rmtree(bare / "records" / "receivables")
        (bare / "records" / "receivables").mkdir()
        for label, args, changed in commands(root):
            if changed is None:
                rows.append(("without", *measure(bare, label, args, None)))
    print("| archive | command | cold s | warm s | warm CPU s | warm peak MB | exit |")
    print("|---|---|---|---|---|---|---|")
    for archive, label, cold, warm, cpu, megabytes, status in rows:
        print(
            f"| {archive} | `{label}` | {cold:.2f} | {warm:.2f} | {cpu:.2f} | {megabytes:.0f} "
            f"| {status} |"
        )


if __name__ == "__main__":
    main()
