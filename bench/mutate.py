"""Mutation testing of rules/: does each area's own test file notice when its rule is changed?

    python bench/mutate.py                  # every area below
    python bench/mutate.py calendar due     # some of them
    python bench/mutate.py --list due       # the mutants of an area, without running anything
    python bench/mutate.py --recheck OLD    # only the mutants OLD (an earlier output) lists as
                                            # surviving: the others were killed, and adding
                                            # tests cannot bring them back

One mutant at a time, a copy of the package gets one small change in the area's module (a
comparison flipped, a number moved by one, `and` for `or`, a `not` dropped, `+` for `-`, `True` for
`False`), and the area's test files run against it (`pytest -x`). A mutant the tests pass with has
survived: a behaviour no test pins, unless the change cannot alter any result (an equivalent
mutant). Equivalent mutants are listed in EQUIVALENT below, each with the reason; the script
reports the other survivors and exits 1 if there are any. It runs in a temporary copy, so the
working tree is never changed, and under `nice`: run it on a quiet machine, one area at a time.
"""

from __future__ import annotations

import argparse
import ast
import os
import shutil
import signal
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import click  # noqa: F401 - imported once here, not in every forked test run
import pytest
import yaml  # noqa: F401

REPO = Path(__file__).resolve().parent.parent

AREAS = {
    "calendar": ("crmctl/rules/calendar.py", ["tests/test_rules_calendar.py"]),
    "due": ("crmctl/rules/due.py", ["tests/test_rules_due.py", "tests/test_rules_due_item.py"]),
    "deadlines": (
        "crmctl/rules/complaint_deadlines.py",
        ["tests/test_rules_complaint_deadlines.py"],
    ),
    "lifecycle": (
        "crmctl/rules/complaint_lifecycle.py",
        ["tests/test_rules_complaint_lifecycle.py", "tests/test_rules_consistency_complaint.py"],
    ),
    "escalation": ("crmctl/rules/escalation.py", ["tests/test_rules_escalation.py"]),
    "assignment": ("crmctl/rules/assignment.py", ["tests/test_rules_assignment.py"]),
}

_COMPARISONS = {
    ast.Lt: ast.LtE,
    ast.LtE: ast.Lt,
    ast.Gt: ast.GtE,
    ast.GtE: ast.Gt,
    ast.Eq: ast.NotEq,
    ast.NotEq: ast.Eq,
    ast.In: ast.NotIn,
    ast.NotIn: ast.In,
    ast.Is: ast.IsNot,
    ast.IsNot: ast.Is,
}
_SYMBOLS = {
    ast.Lt: "<",
    ast.LtE: "<=",
    ast.Gt: ">",
    ast.GtE: ">=",
    ast.Eq: "==",
    ast.NotEq: "!=",
    ast.In: "in",
    ast.NotIn: "not in",
    ast.Is: "is",
    ast.IsNot: "is not",
    ast.And: "and",
    ast.Or: "or",
    ast.Add: "+",
    ast.Sub: "-",
}
_ARITHMETIC = {ast.Add: ast.Sub, ast.Sub: ast.Add}


@dataclass(frozen=True)
class Mutant:
    number: int  # its place among the mutation points of the module, in walk order
    line: int
    where: str  # the function (or class.method) it is in, or <module>
    code: str  # the source of the node changed
    change: str  # what is changed, e.g. "< -> <="

    @property
    def key(self) -> str:
        """How EQUIVALENT names it: stable while the function and the code stay as they are."""
        return f"{self.where} | {self.code} | {self.change}"


def _changes(node: ast.AST) -> list[tuple[str, object]]:
    """The mutations of one node: (description, what `_apply` needs to make it)."""
    if isinstance(node, ast.Compare):
        return [
            (f"{_SYMBOLS[type(op)]} -> {_SYMBOLS[_COMPARISONS[type(op)]]}", ("compare", index))
            for index, op in enumerate(node.ops)
            if type(op) in _COMPARISONS
        ]
    if isinstance(node, ast.BoolOp):
        other = ast.Or if isinstance(node.op, ast.And) else ast.And
        return [(f"{_SYMBOLS[type(node.op)]} -> {_SYMBOLS[other]}", ("boolop", other))]
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        return [("not x -> x", ("not", None))]
    if isinstance(node, ast.BinOp) and type(node.op) in _ARITHMETIC:
        other = _ARITHMETIC[type(node.op)]
        return [(f"{_SYMBOLS[type(node.op)]} -> {_SYMBOLS[other]}", ("binop", other))]
    if isinstance(node, ast.Constant) and isinstance(node.value, bool):
        return [(f"{node.value} -> {not node.value}", ("constant", not node.value))]
    if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)):
        return [(f"{node.value} -> {node.value + 1}", ("constant", node.value + 1))]
    return []


class _Points(ast.NodeVisitor):
    """Every mutation point of a module in a fixed order, skipping docstrings and annotations."""

    def __init__(self, source: str):
        self.source = source
        self.found: list[tuple[ast.AST, str, str, object]] = []  # node, where, change, how
        self.scope: list[str] = []

    def visit_FunctionDef(self, node):
        for decorator in node.decorator_list:
            self.visit(decorator)
        self.visit(node.args)
        self.scope.append(node.name)
        for statement in node.body:
            self.visit(statement)
        self.scope.pop()

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_ClassDef(self, node):
        self.scope.append(node.name)
        for statement in node.body:
            self.visit(statement)
        self.scope.pop()

    def visit_arg(self, node):  # annotations hold no behaviour
        return

    def visit_AnnAssign(self, node):
        if node.value is not None:
            self.visit(node.value)

    def visit_Expr(self, node):  # a docstring or a bare call
        if not (isinstance(node.value, ast.Constant) and isinstance(node.value.value, str)):
            self.generic_visit(node)

    def generic_visit(self, node):
        for change, how in _changes(node):
            self.found.append((node, ".".join(self.scope) or "<module>", change, how))
        super().generic_visit(node)


def mutants(source: str) -> list[Mutant]:
    points = _Points(source)
    points.visit(ast.parse(source))
    found, seen = [], Counter()
    for number, (node, where, change, _) in enumerate(points.found):
        code = " ".join(_segment(source, node).split())
        if isinstance(node, ast.Constant):  # a bare number says little: the line it stands in
            code += " in " + source.splitlines()[node.lineno - 1].strip()
        seen[where, code, change] += 1
        count = seen[where, code, change]  # the same change of the same code in one function
        found.append(
            Mutant(number, node.lineno, where, code + (f" #{count}" if count > 1 else ""), change)
        )
    return found


def _segment(source: str, node: ast.AST) -> str:
    return ast.get_source_segment(source, node) or ""


def mutated(source: str, number: int) -> str:
    """The module's source with mutant `number` applied."""
    tree = ast.parse(source)
    points = _Points(source)
    points.visit(tree)
    node, _, _, (kind, value) = points.found[number]
    if kind == "compare":
        node.ops[value] = _COMPARISONS[type(node.ops[value])]()
    elif kind in ("boolop", "binop"):
        node.op = value()
    elif kind == "constant":
        node.value = value
    elif kind == "not":
        _replace(tree, node, node.operand)
    return ast.unparse(tree)


def _replace(tree: ast.AST, old: ast.AST, new: ast.AST) -> None:
    for parent in ast.walk(tree):
        for field, value in ast.iter_fields(parent):
            if value is old:
                setattr(parent, field, new)
                return
            if isinstance(value, list) and any(item is old for item in value):
                value[[item is old for item in value].index(True)] = new
                return


def _copy(to: Path) -> None:
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in ("crmctl", "tests"):
        shutil.copytree(REPO / name, to / name, ignore=ignore)
    for name in ("pyproject.toml", "setup.cfg"):
        shutil.copy(REPO / name, to / name)


def _run_tests(copy: Path, tests: list[str], timeout: float) -> tuple[bool, float]:
    """Whether the tests pass against the copy, and how long they took (a timeout fails). They run
    in a child forked from this process, which has pytest and the libraries imported already but
    not crmctl: the child imports the copy's package, the mutant included, afresh."""
    start = time.monotonic()
    pid = os.fork()
    if pid == 0:  # the child: never returns
        code = 3
        try:
            os.chdir(copy)
            sys.path.insert(0, str(copy))
            os.environ["PYTHONPATH"] = str(copy)  # for tests that start `python -m crmctl`
            os.nice(10)
            quiet = os.open(os.devnull, os.O_WRONLY)
            os.dup2(quiet, 1)
            os.dup2(quiet, 2)
            code = pytest.main(["-x", "-q", "-p", "no:cacheprovider", *tests])
        finally:
            os._exit(int(code))
    while time.monotonic() - start < timeout:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return os.waitstatus_to_exitcode(status) == 0, time.monotonic() - start
        time.sleep(0.05)
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    return False, time.monotonic() - start


def _listed(mutant: Mutant, keys: set[str]) -> bool:
    """Whether an earlier output lists the mutant; a bare number there (an older key) stands for
    each number of that value in the function, so none is skipped."""
    if mutant.key in keys:
        return True
    code = mutant.code.split(" in ", 1)[0]
    return f"{mutant.where} | {code} | {mutant.change}" in keys


def run_area(
    name: str, out, recheck: set[str] | None = None
) -> tuple[int, int, list[Mutant], list[Mutant]]:
    """Every mutant of the area against its tests (only those in `recheck` if given, the others
    counting as killed): (mutants, killed, equivalent, other survivors)."""
    module, tests = AREAS[name]
    source = (REPO / module).read_text("utf-8")
    found = mutants(source)
    with tempfile.TemporaryDirectory(prefix="crmctl-mutate-") as folder:
        copy = Path(folder)
        _copy(copy)
        passed, took = _run_tests(copy, tests, timeout=600)
        if not passed:
            raise SystemExit(f"{name}: the tests fail without any mutant; fix them first")
        timeout = 5 * took + 10  # a mutant that loops forever counts as noticed
        target = copy / module
        cached = target.parent / "__pycache__"
        killed, equivalent, survivors = 0, [], []
        for mutant in found:
            if recheck is not None and not _listed(mutant, recheck):
                killed += 1
                continue
            target.write_text(mutated(source, mutant.number), "utf-8")
            for stale in cached.glob(f"{target.stem}.*.pyc"):
                stale.unlink()
            survived, _ = _run_tests(copy, tests, timeout)
            if not survived:
                killed += 1
            elif mutant.key in EQUIVALENT:
                equivalent.append(mutant)
            else:
                survivors.append(mutant)
            print(
                f"{name} {mutant.number + 1}/{len(found)} line {mutant.line}: "
                f"{'survived' if survived else 'killed'}  {mutant.change}",
                file=sys.stderr,
            )
    print(
        f"{name}: {len(found)} mutants, {killed} killed, {len(equivalent)} equivalent, "
        f"{len(survivors)} survived ({module}; {', '.join(tests)})",
        file=out,
    )
    for mutant in equivalent:
        print(f"  equivalent  line {mutant.line}: {mutant.key}", file=out)
    for mutant in survivors:
        print(f"  survived  line {mutant.line}: {mutant.key}", file=out)
    return len(found), killed, equivalent, survivors


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("areas", nargs="*", choices=[[], *AREAS], default=[], metavar="AREA")
    parser.add_argument("--list", action="store_true", help="list the mutants, run nothing")
    parser.add_argument(
        "--recheck", metavar="OUTPUT", help="run only the survivors an earlier output lists"
    )
    args = parser.parse_args(argv)
    names = args.areas or list(AREAS)
    if args.list:
        for name in names:
            for mutant in mutants((REPO / AREAS[name][0]).read_text("utf-8")):
                print(f"{name} line {mutant.line}: {mutant.key}")
        return 0
    total = killed = 0
    equivalent: list[Mutant] = []
    survivors: list[Mutant] = []
    recheck = None
    if args.recheck:
        lines = Path(args.recheck).read_text("utf-8").splitlines()
        listed = [line.split(": ", 1)[1] for line in lines if line.startswith("  ")]
        recheck = set(listed)
    for name in names:
        counts = run_area(name, sys.stdout, recheck)
        total, killed = total + counts[0], killed + counts[1]
        equivalent += counts[2]
        survivors += counts[3]
    share = 100 * len(survivors) / max(total - len(equivalent), 1)
    print(
        f"all: {total} mutants, {killed} killed, {len(equivalent)} equivalent, "
        f"{len(survivors)} survived: {share:.1f} % of the non-equivalent"
    )
    return 1 if survivors else 0


# Mutants no test can kill, because no input makes the rule answer differently; by Mutant.key.
_FAR = "FAR is a bound anywhere in the calendar's last year: callers and tests compare with FAR"
_SPAN_DAY = "the same day is on both sides of the difference: any day gives the same span"
# The calendar takes whole weeks and days at once where walking them would give the same answer;
# these change only how much is taken at once (tests/test_rules_calendar.py compares the answers
# with a walk, day by day and span by span, on a grid and on random calendars).
_WEEKS = (
    "only how far a whole-week jump reaches: a jump is taken while its weeks hold fewer working "
    "days than are left, and what is left is walked"
)
_DAYS = "only how many whole days are taken at once: what is left is walked span by span"
_EDGES = "only how many days at the ends are walked instead of counted whole: the same total"
EQUIVALENT: dict[str, str] = {
    "<module> | 1 in FAR = dt.datetime(9999, 1, 1) | 1 -> 2": _FAR,
    "<module> | 1 in FAR = dt.datetime(9999, 1, 1) #2 | 1 -> 2": _FAR,
    "<module> | 256 in maxsize=256 | 256 -> 257": "the size of a cache changes speed, not answers",
    "WorkCalendar.add_working_days | count > 0 | > -> >=": (
        "for 0 days the whole weeks skipped leave remaining at -1: range(0) either way"
    ),
    "WorkCalendar._working_days | 0 in return 0 | 0 -> 1": (
        "unreachable: every caller passes a last day on or after the first"
    ),
    "_span | 2000 in day = dt.date(2000, 1, 1) | 2000 -> 2001": _SPAN_DAY,
    "_span | 1 in day = dt.date(2000, 1, 1) | 1 -> 2": _SPAN_DAY,
    "_span | 1 in day = dt.date(2000, 1, 1) #2 | 1 -> 2": _SPAN_DAY,
    'balanced_plan | kind == "complaint" and record.get("category") | and -> or': (
        "a customer has no category (its schema allows no such field): '' either way"
    ),
    "_add_office_time | 500_000 in return (moment + dt.timedelta(microseconds=500_000))"
    ".replace(microsecond=0) | 500000 -> 500001": (
        "rounds to the second a moment within microseconds of a whole second: same result"
    ),
    "gravity | 1 in return -order.index(severity) if severity in order else 1 | 1 -> 2": (
        "only the order is used: any value above 0 puts complaints of no known severity last"
    ),
    "WorkCalendar._skip_whole_days | days // self.week_days - 1 | - -> +": _WEEKS,
    "WorkCalendar._skip_whole_days | 1 in weeks = days // self.week_days - 1 if self.week_days"
    " else 52 | 1 -> 2": _WEEKS,
    "WorkCalendar._skip_whole_days | 52 in weeks = days // self.week_days - 1 if self.week_days"
    " else 52 | 52 -> 53": _WEEKS,
    "WorkCalendar._skip_whole_days | weeks >= 1 | >= -> >": _WEEKS,
    "WorkCalendar._skip_whole_days | 1 in while weeks >= 1: | 1 -> 2": _WEEKS,
    "WorkCalendar._skip_whole_days | found < days | < -> <=": (
        "a jump over exactly the working days left ends where the walk does"
    ),
    "WorkCalendar._skip_whole_days | 1 in weeks = days // self.week_days - 1 if self.week_days"
    " else weeks | 1 -> 2": _WEEKS,
    "WorkCalendar._skip_whole_days | 2 in weeks //= 2 | 2 -> 3": _WEEKS,
    "WorkCalendar._add_working | remaining > self.day_length | > -> >=": _DAYS,
    "WorkCalendar._add_working | spans[0][0] >= start | >= -> >": _DAYS,
    "WorkCalendar._add_working | -(-remaining // self.day_length) - 1 | - -> +": _DAYS,
    "WorkCalendar._add_working | 1 in whole = -(-remaining // self.day_length) - 1  # days that"
    " leave some time to go | 1 -> 2": _DAYS,
    "WorkCalendar.working_time | end <= start | <= -> <": "from a moment to itself the walk adds 0",
    "WorkCalendar.working_time | 1 in edge, span = (1 if start.tzinfo is end.tzinfo else 3),"
    " (last - first).days + 1 | 1 -> 2": _EDGES,
    "WorkCalendar.working_time | 3 in edge, span = (1 if start.tzinfo is end.tzinfo else 3),"
    " (last - first).days + 1 | 3 -> 4": _EDGES,
    "WorkCalendar.working_time | 1 in edge, span = (1 if start.tzinfo is end.tzinfo else 3),"
    " (last - first).days + 1 #2 | 1 -> 2": _EDGES,
    "WorkCalendar.working_time | span > 2 * edge | > -> >=": (
        "at span == 2 * edge no day lies between the ends: _working_days counts 0 for it"
    ),
    "WorkCalendar.working_time | overlap > dt.timedelta() | > -> >=": "adding a zero overlap",
}

if __name__ == "__main__":
    sys.exit(main())
