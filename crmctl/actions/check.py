"""`crmctl check`: every problem in the config and the records, each with its file and line."""
from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from ..problems import Problem, field_name
from ..rules.consistency import RULES
from ..rules.duplicates import described, duplicate_groups
from ..store import git, yamlio
from ..store.config_file import read_config
from ..store.kinds import KINDS
from ..store.records import Store


def check_archive(root: Path, store: Store) -> list[Problem]:
    config, problems = read_config(root)
    records: dict[str, list[tuple[str, dict]]] = {}  # by type: (path from the root, record)
    invalid: dict[str, list[tuple[str, dict, set]]] = defaultdict(list)  # parsed, but failed the schema
    # Every file's id, readable or not: a broken customer file is reported once, on its own, and not
    # again as a missing customer on each of its visits.
    known_ids: dict[str, set[str]] = {}
    for kind in KINDS.values():
        by_id = defaultdict(list)
        records[kind.name] = []
        for entry in store.entries(kind):
            by_id[entry.id].append(entry.path)
            problems.extend(entry.problems)
            if entry.record is not None:
                records[kind.name].append((entry.path, entry.record))
            elif entry.problems and all(p.field for p in entry.problems):
                # Every problem names a field, so the file parsed and only its schema failed (never a
                # refused FIFO, link or oversized file, whose problems name no field): its references
                # can still be checked, and `check` reports every problem at once, not the first kind.
                body = _body(root / entry.path)
                if body is not None:
                    invalid[kind.name].append((entry.path, {"id": entry.id, **body}, {p.field for p in entry.problems}))
        known_ids[kind.name] = set(by_id)
        for record_id, paths in by_id.items():
            for path in paths[1:]:
                problems.append(Problem(path, None, "", f"duplicate id: {record_id} is also {paths[0]}"))
    if config is not None:
        for name, found in records.items():
            rule = RULES.get(name)
            for path, record in found if rule else ():
                problems.extend(_located(root, path, rule(record, config, known_ids)))
            for path, record, reported in invalid[name] if rule else ():
                try:
                    issues = rule(record, config, known_ids)
                except (TypeError, AttributeError, KeyError, ValueError):
                    continue  # the rules assume schema-valid values; this record's schema problems say why
                problems.extend(p for p in _located(root, path, issues) if p.field not in reported)
    paths = {record["id"]: path for path, record in records["customer"]}
    for field, value, found in duplicate_groups([record for _, record in records["customer"]]):
        for record_id in found[1:]:
            problems.append(Problem(paths[record_id], None, field,
                                    f"same {described(field, value)} as {found[0]}: a duplicate customer?", "warning"))
    if any(records.values()) and git.toplevel(root) is not None and not git.driver_registered(root):
        problems.append(Problem(".gitattributes", None, "", "the crmctl merge driver is not registered in this "
                                "repository, so git merges record files line by line and stops at neighbouring "
                                "changes; run 'crmctl init --git'", "warning"))
    return problems


def _body(path: Path) -> dict | None:
    try:
        body = yamlio.loads(path.read_bytes())
    except (OSError, yamlio.YamlError):
        return None
    return body if isinstance(body, dict) else None


def _located(root: Path, path: str, issues) -> list[Problem]:
    if not issues:
        return []
    data = (root / path).read_bytes()
    return [Problem(path, yamlio.line_of(data, field_path), field_name(field_path), message)
            for field_path, message in issues]
