"""Time crmctl commands at scale against the floors of the same machine, in one run.

    python -m bench.run --sizes 1000 10000 100000 [--work /tmp/crmctl-bench]

For each size it generates (once, then reuses) an archive, then measures, each as a fresh process
as a user would run it: the floors (stat every record file; read every record file's bytes; parse
every file with libyaml's C loader, single-threaded), then every command cold (no `.crmctl/` index)
and warm (index built by an earlier command). Timings are wall-clock seconds; cold runs still have
the files in the page cache, like a second `git pull` does. Peak memory is the largest resident set
of the command's process (and of any worker it waited for).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from crmctl.archive.kinds import KINDS
from crmctl.store.customer_refs import spelling

from .generate import generate
from .import_customers import write_rows

REPO = Path(__file__).resolve().parent.parent
NOW = "2026-11-23T09:30:00+08:00"
WARM_RUNS = 3

# Record folders as the floors see them: every kind, month subfolders included.
_FOLDERS = f"""
import os, sys
root = sys.argv[1]
folders = []
for folder, monthly in {[(k.folder, bool(k.month_field)) for k in KINDS.values()]!r}:
    base = os.path.join(root, "records", folder)
    if monthly:
        for y in sorted(os.listdir(base)):
            folders += [os.path.join(base, y, m) for m in sorted(os.listdir(os.path.join(base, y)))]
    else:
        folders.append(base)
names = [
    (f, n) for f in folders for n in os.listdir(f) if n.endswith(".yaml") and not n.startswith(".")
]
"""
FLOORS = {
    "stat": _FOLDERS
    + """
for folder in folders:
    fd = os.open(folder, os.O_RDONLY)
    for n in os.listdir(fd):
        os.stat(n, dir_fd=fd)
    os.close(fd)
""",
    "read": _FOLDERS
    + """
for f, n in names:
    with open(os.path.join(f, n), "rb") as handle:
        handle.read()
""",
    "parse": _FOLDERS
    + """
import yaml
for f, n in names:
    with open(os.path.join(f, n), "rb") as handle:
        yaml.load(handle.read(), Loader=yaml.CSafeLoader)
""",
}

IMPORT_ROWS = 20_000  # issue 20: peak memory of a 20,000-row import

# (label, arguments, what the target compares against), run as wang (a manager) at NOW. Writes
# ("write", "import") are undone after each run (the files they created are deleted), so every
# run, and the next benchmark, sees the same archive.
COMMANDS = [
    ("check", ["check"], "check"),
    ("customer list --grade A", ["customer", "list", "--grade", "A"], "query"),
    (
        "customer list --grade A --format ids",
        ["customer", "list", "--grade", "A", "--format", "ids"],
        "query",
    ),
    ("due", ["due"], "query"),
    ("due --mine", ["due", "--mine"], "query"),
    # Issue 20's targets: what people run, each warm within 1.5x the stat floor.
    ("due --overdue --mine", ["due", "--overdue", "--mine"], "query"),
    ("due --summary", ["due", "--summary"], "query"),
    ("customer list TEXT", ["customer", "list", "{substring}"], "query"),
    ("complaint list --open --mine", ["complaint", "list", "--open", "--mine"], "query"),
    ("report monthly", ["report", "monthly"], "query"),
    ("assign --auto --dry-run", ["assign", "--auto", "--dry-run"], "query"),
    ("customer show NAME (lookup)", ["customer", "show", "{name}"], "query"),
    # A customer as people name one (issue 21): each within 0.1 s of the command by id.
    ("customer show ID", ["customer", "show", "{some_id}"], "query"),
    ("customer show SUBSTRING", ["customer", "show", "{substring}"], "query"),
    ("customer show PINYIN", ["customer", "show", "{pinyin}"], "query"),
    ("customer show INITIALS", ["customer", "show", "{initials}"], "query"),
    (
        "visit log ID",
        [
            "visit",
            "log",
            "{some_id}",
            "--channel",
            "phone",
            "--reached",
            "--summary",
            "基准测试回访",
        ],
        "write",
    ),
    ("complaint log ID", ["complaint", "log", "{some_id}", "--summary", "基准测试投诉"], "write"),
    (
        "customer add (duplicate check)",
        ["customer", "add", "{new_name}", "--mobile", "{new_mobile}"],
        "write",
    ),
    (
        "customer add --allow-duplicate",
        ["customer", "add", "{new_name}", "--mobile", "{new_mobile}", "--allow-duplicate"],
        "write",
    ),
    (
        "customer edit ID",
        ["customer", "edit", "{some_id}", "--set", "notes=bench {counter}"],
        "write",
    ),
    (
        f"import customers ({IMPORT_ROWS:,} rows)",
        ["import", "customers", "{import_file}"],
        "import",
    ),
]
RUNS = {"import": 1}  # warm runs where three cost too much


def _run(argv: list[str]) -> tuple[float, float, int]:
    """Wall seconds, peak resident MB and exit status of one process."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    started = time.perf_counter()
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    return elapsed, usage.ru_maxrss / 1024, process.returncode


def _archive(work: Path, size: int) -> Path:
    root = work / f"n{size}"
    if not (root / "records").is_dir() or not (root / ".generated").exists():
        shutil.rmtree(root, ignore_errors=True)
        started = time.perf_counter()
        counts = generate(root, size)
        (root / ".generated").write_text(repr(counts))
        print(f"generated {counts} in {time.perf_counter() - started:.1f}s", file=sys.stderr)
    return root


def _sample(root: Path) -> tuple[str, str]:
    """The id and name of a generated customer, to edit by id and look up by name."""
    sample = sorted((root / "records" / "customers").iterdir())[
        len(os.listdir(root / "records" / "customers")) // 2
    ]
    line = next(
        line
        for line in sample.read_text(encoding="utf-8").splitlines()
        if line.startswith("name: ")
    )
    return sample.stem, line.removeprefix("name: ").strip("'\"")


def _record_files(root: Path) -> set[str]:
    return {
        os.path.join(folder, name)
        for folder, _, names in os.walk(root / "records")
        for name in names
    }


def _undone(run, root: Path, target: str):
    """`run()`, and for a write, the record files it created deleted again afterwards."""
    if target not in ("write", "import"):
        return run()
    before = _record_files(root)
    result = run()
    for created in _record_files(root) - before:
        os.unlink(created)
    return result


def measure(
    root: Path, counter: list[int], only: list[str] | None = None, warm_only: bool = False
) -> dict:
    floors = {
        name: min(_run([sys.executable, "-c", script, str(root)])[0] for _ in range(2))
        for name, script in FLOORS.items()
    }
    results = []
    crmctl = [sys.executable, "-m", "crmctl", "--root", str(root), "--as", "wang", "--now", NOW]
    some_id, name = _sample(root)
    spelled = spelling(name)
    import_file = root.parent / f"import-{IMPORT_ROWS}.csv"
    if not import_file.exists():
        write_rows(import_file, IMPORT_ROWS)
    for label, args, target in COMMANDS:
        if only and not any(word in label for word in only):
            continue

        def argv(args=args):
            counter[0] += 1
            fill = {
                "name": name,
                "substring": name[1:],
                "pinyin": spelled.spelled[int(spelled.starts.split(",")[2] or 0) :],
                "initials": spelled.initials,
                "some_id": some_id,
                "counter": counter[0],
                "import_file": import_file,
                "new_name": f"基准测试客户{counter[0]:06d}",
                "new_mobile": f"199{counter[0]:08d}",
            }
            return crmctl + [arg.format(**fill) for arg in args]

        if warm_only:  # an archive others use: its index is left as it is, not rebuilt
            cold, cold_mb, status = float("nan"), 0.0, 0
        else:
            shutil.rmtree(root / ".crmctl", ignore_errors=True)
            cold, cold_mb, status = _undone(lambda: _run(argv()), root, target)
        warm_runs = [
            _undone(lambda: _run(argv()), root, target) for _ in range(RUNS.get(target, WARM_RUNS))
        ]
        warm = min(run[0] for run in warm_runs)
        peak = max([cold_mb, *(run[1] for run in warm_runs)])
        results.append(
            {
                "command": label,
                "target": target,
                "cold": cold,
                "warm": warm,
                "peak_mb": peak,
                "status": {status, *(run[2] for run in warm_runs)},
            }
        )
    return {"floors": floors, "results": results}


def report(size: int, files: int, measured: dict) -> str:
    floors = measured["floors"]
    lines = [
        f"### N = {size:,} customers ({files:,} record files; load average "
        f"{os.getloadavg()[0]:.1f} at the end)",
        "",
        f"Floors: stat every file {floors['stat']:.2f} s; read every file {floors['read']:.2f} s; "
        f"parse every file with libyaml, one core {floors['parse']:.2f} s.",
        "",
        "| command | cold s | cold / parse floor | warm s | warm / stat floor | peak MB | exit |",
        "|---|---:|---:|---:|---:|---:|---|",
    ]
    for row in measured["results"]:
        lines.append(
            f"| `{row['command']}` | {row['cold']:.2f} | {row['cold'] / floors['parse']:.2f} | "
            f"{row['warm']:.2f} | {row['warm'] / floors['stat']:.2f} | {row['peak_mb']:.0f} | "
            f"{'/'.join(map(str, sorted(row['status'])))} |"
        )
    return "\n".join(lines) + "\n"


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument(
        "--work",
        type=Path,
        default=Path("/tmp/crmctl-bench"),
        help="where generated archives are kept between runs",
    )
    parser.add_argument(
        "--root",
        type=Path,
        help="measure this archive made by bench/generate.py (one size) instead of generating one",
    )
    parser.add_argument(
        "--only",
        nargs="+",
        help="measure only the commands whose label contains one of these words",
    )
    parser.add_argument(
        "--warm-only",
        action="store_true",
        help="no cold runs: the archive's index is not deleted (an archive others use)",
    )
    args = parser.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    counter = [
        int(time.time()) % 100000 * 100
    ]  # fresh names and mobiles for every write, run after run
    print(
        f"{os.cpu_count()} cores, Python {sys.version.split()[0]}, load average "
        f"{os.getloadavg()[0]:.1f} at start\n"
    )
    roots = [args.root] if args.root else [_archive(args.work, size) for size in args.sizes]
    for root in roots:
        files = sum(len(files) for _, _, files in os.walk(root / "records"))
        size = len(os.listdir(root / "records" / "customers"))
        measured = measure(root, counter, args.only, args.warm_only)
        print(report(size, files, measured), flush=True)


if __name__ == "__main__":
    main()
