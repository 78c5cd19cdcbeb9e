"""Creating a new data root (`crmctl init`)."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

from ..archive.kinds import KINDS
from ..archive.root import CONFIG_NAME
from ..archive.schemas import schema_files
from ..errors import CrmError
from . import git_driver

GITIGNORE = ".crmctl/\n"
GITATTRIBUTES = f"*.yaml text eol=lf\n{git_driver.DRIVER_ATTRIBUTE}\n"


def _editor_settings(kinds) -> dict:
    """VS Code (YAML extension) settings that attach each schema to its files."""
    mapping = {"./schemas/config.schema.json": [CONFIG_NAME]}
    for kind in kinds:
        pattern = (
            f"records/{kind.folder}/**/*.yaml"
            if kind.month_field
            else f"records/{kind.folder}/*.yaml"
        )
        mapping[f"./schemas/{kind.schema}.schema.json"] = [pattern]
    return {"yaml.schemas": mapping, "files.eol": "\n", "files.encoding": "utf8"}


def create_root(target: Path) -> list[Path]:
    """Write a new data root into `target` (created if missing); refuses to touch an existing
    one."""
    if (target / CONFIG_NAME).exists():
        raise CrmError(f"{target} already holds a {CONFIG_NAME}; nothing was changed")
    if target.exists() and not target.is_dir():
        raise CrmError(f"{target} exists and is not a directory")
    files = {
        CONFIG_NAME: resources.files("crmctl.templates").joinpath("crmctl.yaml").read_bytes(),
        ".gitignore": GITIGNORE.encode(),
        ".gitattributes": GITATTRIBUTES.encode(),
        ".vscode/settings.json": (
            json.dumps(_editor_settings(KINDS.values()), indent=2) + "\n"
        ).encode(),
        **{f"schemas/{name}": data for name, data in schema_files().items()},
    }
    existing = [name for name in files if (target / name).exists()]
    if existing:
        raise CrmError(f"{target} already has {', '.join(existing)}; nothing was changed")
    written = []
    for name, data in files.items():
        path = target / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        written.append(path)
    for kind in KINDS.values():
        (target / "records" / kind.folder).mkdir(parents=True, exist_ok=True)
    return written


def register_merge_driver(root: Path) -> list[Path]:
    """Route record files through the crmctl merge driver: the `.gitattributes` line (returned when
    it had to be added) and the repository's config, which git never copies into clones."""
    attributes = root / ".gitattributes"
    text = attributes.read_text(encoding="utf-8") if attributes.exists() else ""
    written = []
    if git_driver.DRIVER_ATTRIBUTE not in text.splitlines():
        attributes.write_text(
            text
            + ("" if text.endswith("\n") or not text else "\n")
            + git_driver.DRIVER_ATTRIBUTE
            + "\n",
            encoding="utf-8",
        )
        written.append(attributes)
    git_driver.register_driver(root)
    return written
