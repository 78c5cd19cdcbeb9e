"""Start-up of the commands people type most, against `python3 -c pass` measured in the same run.

    python bench/startup.py [--runs 40] [--root DIR]

Each round runs every command once, in turn, so load from other work falls on all of them alike;
the table gives, per command, the wall time and the CPU time (user + system of the child) as the
median and the best of the runs, and the median's excess over `python3 -c pass`. The target of
issue 22 is an excess of at most 80 ms. Runs are warm: the index and the user's cache are filled
by one run of each command before timing.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

CHECKOUT = Path(__file__).resolve().parent.parent


def commands(customer: str) -> dict[str, list[str]]:
    crmctl = [sys.executable, "-m", "crmctl"]
    return {
        "python3 -c pass": [sys.executable, "-c", "pass"],
        "crmctl --help": [*crmctl, "--help"],
        "crmctl --lang zh --help": [*crmctl, "--lang", "zh", "--help"],
        "crmctl due --help": [*crmctl, "due", "--help"],
        "crmctl customer --help": [*crmctl, "customer", "--help"],
        "crmctl customer show REF": [*crmctl, "customer", "show", customer],
    }


def timed(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU seconds of one run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--root", default=str(CHECKOUT), help="data root (default: the demo)")
    parser.add_argument("--customer", default="吴海涛先生", help="what `customer show` is given")
    args = parser.parse_args()
    env = {**os.environ, "CRMCTL_ROOT": args.root, "PYTHONPATH": str(CHECKOUT)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # users have bytecode caches
    runs = commands(args.customer)
    for argv in runs.values():
        timed(argv, env)
    walls: dict[str, list[float]] = {label: [] for label in runs}
    cpus: dict[str, list[float]] = {label: [] for label in runs}
    for _ in range(args.runs):
        for label, argv in runs.items():
            wall, cpu = timed(argv, env)
            walls[label].append(wall * 1000)
            cpus[label].append(cpu * 1000)
    base_wall = statistics.median(walls["python3 -c pass"])
    base_cpu = statistics.median(cpus["python3 -c pass"])
    print(f"{args.runs} runs each, load average {os.getloadavg()[0]:.1f}")
    print(f"{'':26} {'wall ms (med/min)':>18} {'excess':>7} {'cpu ms (med/min)':>18} {'excess':>7}")
    for label in runs:
        wall, cpu = statistics.median(walls[label]), statistics.median(cpus[label])
        print(
            f"{label:26} {wall:8.1f} /{min(walls[label]):7.1f} {wall - base_wall:+7.1f} "
            f"{cpu:8.1f} /{min(cpus[label]):7.1f} {cpu - base_cpu:+7.1f}"
        )


if __name__ == "__main__":
    main()
