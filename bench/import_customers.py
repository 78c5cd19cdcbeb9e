"""How long `crmctl import customers` takes for N rows (default 10,000) into a fresh data root.

    python bench/import_customers.py [N] [NOTE_CHARS]

Writes a GBK CSV with Chinese headers (the slowest path: detection, header mapping, value reading,
schema and rule checks, duplicate search, one transaction) and prints the wall-clock seconds of the
import as a user runs it (a new `crmctl` process) with its peak memory, then the same of importing
the file again with --key mobile, which changes nothing. Targets: 10,000 rows in <= 15 s (issue 5);
20,000 rows in <= 20 s and <= 300 MB, the no-op re-import in <= 4 s (issue 24). NOTE_CHARS makes
each row's 备注 that many characters long (a wide file: 95,000 rows of 450 make ~100 MB).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OWNERS = ("刘洋", "陈静", "杨帆", "周敏", "黄涛")


def write_rows(path: Path, count: int, note_chars: int = 0) -> None:
    padding = ("客户要求每月对账一次并提供发票" * (note_chars // 15 + 1))[:note_chars]
    with open(path, "w", encoding="gbk", newline="") as out:
        out.write("客户名称,联系人,手机,邮箱,地址,等级,负责人,生日,年用量(万元),标签,备注\r\n")
        for n in range(count):
            out.write(
                f"测试客户{n:05d}有限公司,联系人{n},139{n:08d},c{n}@example.com,"
                f"浙江省杭州市西湖区文三路{n}号,B{1 + n % 2},{OWNERS[n % len(OWNERS)]},"
                f"{1960 + n % 40}年{1 + n % 12}月{1 + n % 28}日,{2 + n % 15},会员、经销商,"
                f"第{n}行备注{padding}\r\n"
            )


def run(command: list[str], env: dict) -> tuple[float, float, subprocess.CompletedProcess]:
    """Seconds and peak memory (MB) of one crmctl process, as a user runs it; its CPU seconds
    (user + system, steadier than the wall clock on shared cores) on the first line of stderr."""
    script = (
        "import resource, subprocess, sys, time; t = time.perf_counter(); "
        "r = subprocess.run(sys.argv[1:], capture_output=True, text=True); "
        "s = time.perf_counter() - t; u = resource.getrusage(resource.RUSAGE_CHILDREN); "
        "m = u.ru_maxrss / 1024; "
        "print(f'{s} {m}'); sys.stderr.write(f'{u.ru_utime + u.ru_stime:.1f}\\n' + r.stderr); "
        "sys.exit(r.returncode)"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, sys.executable, "-m", "crmctl", *command],
        check=False,
        env=env,
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        sys.exit(result.stderr[-2000:])
    seconds, megabytes = map(float, result.stdout.split())
    return seconds, megabytes, result


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    note_chars = int(sys.argv[2]) if len(sys.argv) > 2 else 0
    env = {
        **os.environ,
        "PYTHONPATH": str(REPO),
        "CRMCTL_USER": "lina",
        "CRMCTL_NOW": "2026-11-23T09:30:00+08:00",
    }
    with tempfile.TemporaryDirectory() as folder:
        root, data = Path(folder) / "crm", Path(folder) / "customers.csv"
        subprocess.run(
            [sys.executable, "-m", "crmctl", "init", str(root)],
            env=env,
            check=True,
            capture_output=True,
        )
        write_rows(data, count, note_chars)
        print(f"{data.stat().st_size / 1e6:.0f} MB file of {count} rows")
        importing = ["--root", str(root), "import", "customers", str(data)]
        seconds, megabytes, result = run(importing, env)
        written = len(list((root / "records" / "customers").glob("*.yaml")))
        print(
            f"imported {written} of {count} customer rows in {seconds:.1f} s "
            f"({_cpu(result)} s CPU), peak {megabytes:.0f} MB "
            f"({result.stderr.strip().splitlines()[-1]})"
        )
        seconds, megabytes, result = run([*importing, "--key", "mobile"], env)
        print(
            f"imported the same file again in {seconds:.1f} s ({_cpu(result)} s CPU), "
            f"peak {megabytes:.0f} MB ({result.stderr.strip().splitlines()[-1]})"
        )
        print(f"load average {os.getloadavg()[0]:.1f}")


def _cpu(result: subprocess.CompletedProcess) -> str:
    return result.stderr.split("\n", 1)[0]


if __name__ == "__main__":
    main()
