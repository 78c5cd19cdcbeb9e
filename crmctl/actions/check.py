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
    records: dict[str, list[tuple[Path, dict]]] = {}
    # Every file's id, readable or not: a broken customer file is reported once, on its own, and not
    # again as a missing customer on each of its visits.
    known_ids: dict[str, set[str]] = {}
    for kind in KINDS.values():
        by_id = defaultdict(list)
        records[kind.name] = []
        for path in store.files(kind):
            by_id[path.stem].append(path)
            record, found = store.read_file(kind, path)
            problems.extend(found)
            if record is not None:
                records[kind.name].append((path, record))
        known_ids[kind.name] = set(by_id)
        for record_id, paths in by_id.items():
            for path in paths[1:]:
                problems.append(Problem(store.relative(path), None, "", f"duplicate id: {record_id} is also "
                                        f"{store.relative(paths[0])}"))
    if config is not None:
        for name, found in records.items():
            rule = RULES.get(name)
            for path, record in found if rule else ():
                issues = rule(record, config, known_ids)
                if issues:
                    data = path.read_bytes()
                    problems.extend(Problem(store.relative(path), yamlio.line_of(data, field_path),
                                            field_name(field_path), message) for field_path, message in issues)
    paths = {record["id"]: path for path, record in records["customer"]}
    for field, value, found in duplicate_groups([record for _, record in records["customer"]]):
        for record_id in found[1:]:
            problems.append(Problem(store.relative(paths[record_id]), None, field,
                                    f"same {described(field, value)} as {found[0]}: a duplicate customer?", "warning"))
    if any(records.values()) and git.toplevel(root) is not None and not git.driver_registered(root):
        problems.append(Problem(".gitattributes", None, "", "the crmctl merge driver is not registered in this "
                                "repository, so git merges record files line by line and stops at neighbouring "
                                "changes; run 'crmctl init --git'", "warning"))
    return problems
