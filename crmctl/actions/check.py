"""`crmctl check`: every problem in the config and the records, each with its file and line."""

from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path

from ..archive.kinds import KINDS
from ..config import Config
from ..index.findings import Derive
from ..problems import Problem, field_name
from ..rules import coverage, history
from ..rules.consistency import RULES, Missing
from ..rules.duplicates import described, grouped, keys_of
from ..store import git, git_driver
from ..store.config_file import read_config
from ..store.records import Store
from .receivables import credit_problems

# The rules run as if no record existed, so every reference a record makes comes out as a `Missing`
# problem in its place; the store reports it only while its target is missing. What the rules say of
# a record then depends on the record and the config alone, and the index can keep it.
NOTHING_KNOWN: dict[str, frozenset[str]] = {kind: frozenset() for kind in KINDS}


def check_archive(root: Path, store: Store, clock: dt.datetime) -> list[Problem]:
    """Every problem; `clock` is the machine's (not --now): history entries after it are
    reported."""
    config, problems = read_config(root)
    problems.extend(store.state_problems())
    found = store.findings(config.digest if config else "", _derive(config))
    for kind in KINDS:
        problems.extend(found.own[kind])
        for record_id, paths in found.twins[kind]:
            problems.extend(
                Problem(path, None, "", f"duplicate id: {record_id} is also {paths[0]}")
                for path in paths[1:]
            )
    for kind in KINDS:
        problems.extend(found.derived[kind])
    path_of = {record_id: path for record_id, path, _, _ in found.shared}
    for field, value, ids in grouped(
        (record_id, (field, value, None)) for record_id, _, field, value in found.shared
    ):
        for record_id in ids[1:]:
            problems.append(
                Problem(
                    path_of[record_id],
                    None,
                    field,
                    f"same {described(field, value)} as {ids[0]}: a duplicate customer?",
                    "warning",
                )
            )
    problems.extend(_future_entries(store, clock))
    if config is not None:
        problems.extend(credit_problems(store, config))
        problems.extend(_coverage_problems(store, config))
    if git.toplevel(root) is not None:
        problems.extend(_git_problems(root, found.any_record))
    return problems


def _coverage_problems(store: Store, config: Config) -> list[Problem]:
    """Warnings of customers no follow-up reaches (rules/coverage.py)."""
    out = []
    customer = KINDS["customer"]
    for record in store.records(customer, fields=coverage.FIELDS):
        for path, message in coverage.coverage_warnings(record, config):
            where, line = store.located(customer, record["id"], path)
            out.append(Problem(where, line, field_name(path), message, "warning"))
    return out


def _future_entries(store: Store, now: dt.datetime) -> list[Problem]:
    """History entries dated after `now`: the index picks the few records holding one."""
    out = []
    for kind in KINDS.values():
        for record in store.records(kind, since=(now + history.FUTURE_SLACK).timestamp()):
            for path, message in history.in_future(record, now):
                where, line = store.located(kind, record["id"], path)
                out.append(Problem(where, line, field_name(path), message))
    return out


def _git_problems(root: Path, any_record: bool) -> list[Problem]:
    """A merge left half done, and a merge driver git would not (or could not) run."""
    files = git.unmerged(root)
    problems = [Problem(name, None, "", git.unmerged_message(root, [name])) for name in files]
    if git_driver.refresh_driver(root):
        problems.append(
            Problem(
                ".git/config",
                None,
                "",
                "the crmctl merge driver was registered for an installation that moved or was "
                "replaced; it is registered again for this one",
                "warning",
            )
        )
    elif any_record and not git_driver.driver_registered(root):
        problems.append(
            Problem(
                ".gitattributes",
                None,
                "",
                "the crmctl merge driver is not registered in this "
                "repository, so git merges record files line by line and stops at neighbouring "
                "changes; run 'crmctl init --git'",
                "warning",
            )
        )
    return problems


def _derive(config: Config | None) -> Derive:
    """What `check` reports of one record: its consistency problems (none without a valid config)
    and, for a valid customer, the keys a duplicate would share."""
    return functools.partial(_derived, config)


def _derived(config: Config | None, kind: str, record: dict, reported: set[str] | None):
    keys = (
        [(field, value) for field, values in keys_of(record).items() for value in values]
        if kind == "customer" and reported is None
        else []
    )
    rule = RULES.get(kind) if config is not None else None
    if rule is None:
        return [], keys
    try:
        issues = [*rule(record, config, NOTHING_KNOWN), *history.out_of_order(record)]
    except (TypeError, AttributeError, KeyError, ValueError):
        if reported is None:
            raise
        return (
            [],
            keys,
        )  # the rules assume schema-valid values; this record's schema problems say why
    kept = [issue for issue in issues if reported is None or field_name(issue[0]) not in reported]
    return [
        (*issue, (issue.kind, issue.target) if isinstance(issue, Missing) else None)
        for issue in kept
    ], keys
