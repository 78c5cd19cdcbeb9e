"""English left under `--lang zh`: every command's help, the read commands, writes and the error
paths one can provoke, run on a copy of the demo archive and scanned for English words.

    python bench/zh_scan.py [--show 3] [--only WORD]

A word is four or more Latin letters outside what stays as typed: ids, option names, metavars
(CUSTOMER, YYYY-MM), command lines of examples and `quoted` commands, paths and file names, e-mail
addresses, staff ids, codes of crmctl.yaml and the schemas' field names that are meant to be
typed (`--set grade=A1`), units (7d, 2wd) and the words of the issue's own English (git, JSON,
CSV…). Prints, per command, how many such words its output holds and the first lines holding
them; the last line is the total (the target is 0).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

CHECKOUT = Path(__file__).resolve().parent.parent
NOW = "2026-11-23T09:30"
CUSTOMER, COMPLAINT, VISIT = "C1K94ADGY0EX3SDX", "T1M3JWZQ4091JDPM", "V1M4YMM8C0EA6R9M"
READS = [
    [],
    ["due"],
    ["due", "--mine"],
    ["due", "--overdue", "--owner", "liuyang"],
    ["customer", "list", "--grade", "A"],
    ["customer", "show", CUSTOMER],
    ["customer", "grade"],
    ["visit", "list", "--since", "2026-11-01"],
    ["complaint", "list"],
    ["complaint", "show", COMPLAINT],
    ["history", CUSTOMER],
    ["history", COMPLAINT],
    ["receivable", "list"],
    ["plan", "list"],
    ["report", "ledger", "--month", "2026-11"],
    ["report", "weekly"],
    ["report", "monthly", "--month", "2026-11"],
    ["report", "quarterly"],
    ["report", "customers"],
    ["report", "aging"],
    ["report", "plan"],
    ["check"],
    ["assign", "--auto", "--dry-run"],
    ["escalate", "--auto", "--dry-run"],
    ["handover", "liuyang", "--auto", "--dry-run"],
    ["export", "customers", "--grade", "A"],
]
WRITES = [
    [
        "customer",
        "add",
        "扫描测试客户",
        "--grade",
        "B1",
        "--owner",
        "liuyang",
        "--phone",
        "0571-88880000",
    ],
    ["visit", "log", CUSTOMER, "--channel", "phone", "--reached", "--summary", "确认订单"],
    ["complaint", "log", CUSTOMER, "--summary", "送货延误", "--category", "delivery"],
    ["customer", "edit", CUSTOMER, "--set", "grade=A2", "--note", "升级"],
    ["customer", "lose", "扫描测试客户", "--reason", "价格原因"],
]
ERRORS = [
    ["customer", "show", "nobody"],
    ["customer", "show", "C1"],
    ["customer", "edit", CUSTOMER, "--set", "grade"],
    ["customer", "edit", CUSTOMER, "--set", "nofield=1"],
    ["customer", "edit", CUSTOMER, "--set", "annual_volume=abc"],
    ["customer", "add", "x", "--grade", "Z9"],
    ["customer", "lose", CUSTOMER],
    ["visit", "log", CUSTOMER, "--channel", "phone", "--summary", "x"],
    ["visit", "log", CUSTOMER, "--channel", "pigeon", "--reached", "--summary", "x"],
    ["visit", "log", CUSTOMER, "--channel", "phone", "--reached"],
    [
        "visit",
        "log",
        CUSTOMER,
        "--channel",
        "phone",
        "--reached",
        "--summary",
        "x",
        "--at",
        "2030-01-01",
    ],
    ["visit", "show", "V0"],
    ["complaint", "log", CUSTOMER],
    ["complaint", "judge", COMPLAINT, "--valid", "--reason", "x"],
    ["complaint", "show", "T9"],
    ["due", "--within", "soon"],
    ["due", "--kind", "nothing"],
    ["report", "monthly", "--month", "2026-13"],
    ["report", "weekly", "--week", "2026-W60"],
    ["assign", CUSTOMER, "--to", "nobody"],
    ["assign", CUSTOMER],
    ["escalate", COMPLAINT],
    ["handover", "liuyang"],
    ["history", "nothing"],
    ["import", "customers", "/nonexistent.csv"],
    ["export", "customers", "--format", "pdf"],
    ["nosuchcommand"],
    ["customer", "list", "--nosuchoption"],
    ["--format", "json", "report", "monthly", "--section", "nothing"],
    ["--as", "nobody", "customer", "add", "x"],
    ["--now", "yesterday-ish", "due"],
    ["receivable", "pay", "R0", "--amount", "-5"],
    ["plan", "show", "P0"],
]
# What stays as typed under zh (see the module's docstring).
KEPT = [
    r"\b[A-Z][0-9A-Z]{5,15}\b",  # ids and their prefixes
    r"--?[a-z][\w-]*(?:[=/][^\s,;)]*)?",  # options, with their value
    r"\$?\b[A-Z][A-Z_]{2,}\b(?:\.\.\.)?",  # metavars, environment variables
    r"`[^`]*`",  # a command quoted
    r"'[^']*'",  # a value quoted
    r"\S+@\S+",  # e-mail
    r"(?:\S*/)+\S*",  # paths, urls, code/label pairs
    r"\S+\.(?:yaml|csv|xlsx|xls|json|jsonl|html|md|ics|py|sh)\b",  # file names
    r"\b[a-z]+(?:[._][a-z0-9]+)+\b",  # config keys and dotted or snake_case fields
    r"\b\d+(?:wd|wh|[dhwm])\b",  # durations
    r"\[[^\]]*\|[^\]]*\]",  # click's choices [a|b|c]
    r"-> \w+",  # a column's field in the help of import
    r"(?:字段|fields): [^)]*",  # field names, as --set takes them
]
WORDS_KEPT = {
    "crmctl", "git", "json", "csv", "yaml", "xlsx", "html", "markdown", "pinyin", "utf", "gbk",
    "excel", "lines", "email", "wechat", "qq", "sms", "visual", "editor", "bash", "fish",
    "true", "false", "iso", "null", "table", "ids", "auto", "always", "never", "none", "lang",
    "jsonl", "office", "chromium", "huafeng", "hfjc", "friday", "monday", "tomorrow", "yesterday",
    "next", "today",
}  # fmt: skip
# Lines that are command lines: examples, and the usage line (the command's words and metavars).
_EXAMPLE = re.compile(r"^\s*(?:crmctl|[A-Z_]+=\S+ crmctl|用法:|Usage:)\s.*$")
_COMMAND_ROW = re.compile(r"^  [a-z][\w-]*(?=\s{2,}|$)")  # a command in the list of commands
_WORD = re.compile(r"[A-Za-z]{4,}")


def kept_words(root: Path) -> set[str]:
    """Staff ids and the codes of crmctl.yaml, typed as they are."""
    import yaml

    config = yaml.safe_load((root / "crmctl.yaml").read_text(encoding="utf-8"))
    words = set()

    def walk(node):
        if isinstance(node, dict):
            for key, value in node.items():
                words.add(str(key).lower())
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)
        elif isinstance(node, str) and re.fullmatch(r"[a-z_]+", node):
            words.add(node)

    walk(config)
    return words


def english(text: str, kept: set[str]) -> list[tuple[str, list[str]]]:
    """The lines of `text` holding English words, with those words."""
    found = []
    for line in text.splitlines():
        if _EXAMPLE.match(line):
            continue
        rest = _COMMAND_ROW.sub(" ", line)
        for pattern in KEPT:
            rest = re.sub(pattern, " ", rest)
        words = [w for w in _WORD.findall(rest) if w.lower() not in WORDS_KEPT | kept]
        if words:
            found.append((line.strip(), words))
    return found


def every_help(env) -> list[list[str]]:
    """`--help` of every command and subcommand."""
    listing = subprocess.run(
        [sys.executable, "-c", LIST_COMMANDS], capture_output=True, text=True, env=env, check=True
    )
    return [[*line.split(), "--help"] for line in listing.stdout.splitlines()]


LIST_COMMANDS = """
import click
from crmctl.cli import COMMANDS, cli
stack = [((name,), cli.get_command(None, name)) for name in COMMANDS]
while stack:
    path, command = stack.pop()
    if not command.hidden:
        print(" ".join(path))
    if isinstance(command, click.Group):
        stack.extend(((*path, n), c) for n, c in command.commands.items())
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--show", type=int, default=3, help="lines shown per command")
    parser.add_argument("--only", help="only commands whose words hold this")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="crmctl-zh-scan-"))
    try:
        shutil.copy(CHECKOUT / "crmctl.yaml", work / "crmctl.yaml")
        shutil.copytree(CHECKOUT / "records", work / "records")
        env = {
            **os.environ,
            "PYTHONPATH": str(CHECKOUT),
            "CRMCTL_ROOT": str(work),
            "CRMCTL_NOW": NOW,
            "CRMCTL_USER": "wang",
            "CRMCTL_LANG": "zh",
            "COLUMNS": "120",
        }
        kept = kept_words(work)
        total = 0
        for argv in [*every_help(env), *READS, *WRITES, *ERRORS]:
            if args.only and args.only not in " ".join(argv):
                continue
            result = subprocess.run(
                [sys.executable, "-m", "crmctl", *argv],
                capture_output=True, text=True, env=env, cwd=work, check=False,
            )  # fmt: skip
            if "Traceback" in result.stderr:
                print(f"crmctl {' '.join(argv)}: TRACEBACK {result.stderr.splitlines()[-1]}")
            # what export writes is data, as the files it reads back
            shown = result.stderr if argv[:1] == ["export"] else result.stdout + result.stderr
            found = english(shown, kept)
            count = sum(len(words) for _, words in found)
            total += count
            if found:
                print(f"crmctl {' '.join(argv)}: {count} English word(s)")
                for line, words in found[: args.show]:
                    print(f"    {line[:150]}    <- {' '.join(words[:6])}")
        print(f"total: {total} English word(s) under --lang zh")
    finally:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
