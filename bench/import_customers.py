"""How long `crmctl import customers` takes for N rows (default 10,000) into a fresh data root.

    python bench/import_customers.py [N]

Writes a GBK CSV with Chinese headers (the slowest path: detection, header mapping, value reading,
schema and rule checks, duplicate search, one transaction) and prints the wall-clock seconds of the
import as a user runs it: a new `crmctl` process. Target (issue 5): 10,000 rows in <= 15 s.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OWNERS = ("刘洋", "陈静", "杨帆", "周敏", "黄涛")


def write_rows(path: Path, count: int) -> None:
    lines = ["客户名称,联系人,手机,邮箱,地址,等级,负责人,生日,年用量(万元),标签,备注"]
    for n in range(count):
        lines.append(
            f"测试客户{n:05d}有限公司,联系人{n},139{n:08d},c{n}@example.com,浙江省杭州市西湖区文三路{n}号,"
            f"B{1 + n % 2},{OWNERS[n % len(OWNERS)]},{1960 + n % 40}年{1 + n % 12}月{1 + n % 28}日,"
            f"{2 + n % 15},会员、经销商,第{n}行备注"
        )
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("gbk"))


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
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
        write_rows(data, count)
        started = time.perf_counter()
        result = subprocess.run(
            [sys.executable, "-m", "crmctl", "--root", str(root), "import", "customers", str(data)],
            env=env,
            capture_output=True,
            text=True,
        )
        seconds = time.perf_counter() - started
        if result.returncode != 0:
            sys.exit(result.stderr[:2000])
        written = len(list((root / "records" / "customers").glob("*.yaml")))
        print(
            f"imported {written} of {count} customer rows in {seconds:.1f} s ({result.stderr.strip()})"
        )


if __name__ == "__main__":
    main()
