"""The monthly HTML report printed in headless Chromium, as a manager would print it.

    python bench/report_pdf.py [--month 2026-11] [--now 2026-11-23T09:30] [--out /tmp/report]

For zh and en: writes the page, prints it to PDF (A4, the page's print CSS) and takes a
screenshot of it, then prints the number of pages of each PDF. Needs Debian's `chromium`; the
screenshot and the PDF (pdftoppm renders its pages) are for looking at.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

CHECKOUT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--month", default="2026-11")
    parser.add_argument("--now", default="2026-11-23T09:30")
    parser.add_argument("--root", default=str(CHECKOUT), help="data root (default: the demo)")
    parser.add_argument("--out", default="/tmp/crmctl-report", type=Path)
    args = parser.parse_args()
    browser = shutil.which("chromium") or sys.exit("chromium is not installed")
    args.out.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "PYTHONPATH": str(CHECKOUT), "CRMCTL_ROOT": args.root}
    for lang in ("zh", "en"):
        page, pdf, png = (
            args.out / f"monthly-{lang}.{ending}" for ending in ("html", "pdf", "png")
        )
        subprocess.run(
            [sys.executable, "-m", "crmctl", "--lang", lang, "--now", args.now, "--as", "wang",
             "report", "monthly", "--month", args.month, "--html", str(page)],
            check=True, env=env,
        )  # fmt: skip
        chromium = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars"]
        for option in (f"--print-to-pdf={pdf}", f"--screenshot={png}"):
            subprocess.run(
                [*chromium, "--no-pdf-header-footer", "--window-size=1100,2600", option,
                 page.as_uri()],
                check=True, capture_output=True,
            )  # fmt: skip
        pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf.read_bytes()))
        print(f"{lang}: {pages} A4 page(s): {pdf}, screenshot {png}")


if __name__ == "__main__":
    main()
