"""Reading `crmctl.yaml`: parsed, validated against its schema, and checked for consistency."""

from __future__ import annotations

import contextlib
import hashlib
import os
from pathlib import Path

from ..archive import yamlio
from ..archive.root import CONFIG_NAME, STATE_DIR, state_doubt
from ..archive.schemas import schema_files, validate
from ..config import Config
from ..errors import CrmError
from ..problems import Problem, field_name

CACHE_NAME = "config-valid"


class _ValidCache:
    """Remembers, in the state dir, the digest of the last config (and schemas) that passed schema
    validation: most commands then skip loading jsonschema, about a tenth of a second each."""

    def __init__(self, root: Path, data: bytes):
        self.path = root / STATE_DIR / CACHE_NAME
        self.usable = state_doubt(self.path.parent) is None
        digest = hashlib.sha256(data)
        for name, schema in sorted(schema_files().items()):
            digest.update(b"\0" + name.encode() + b"\0" + schema)
        self.digest = digest.hexdigest()

    def hit(self) -> bool:
        if not self.usable:
            return False
        try:
            return self.path.read_text() == self.digest
        except OSError:
            return False

    def remember(self) -> None:
        if not self.usable:
            return
        staged = self.path.with_name(f".{CACHE_NAME}.{os.getpid()}.tmp")
        try:
            self.path.parent.mkdir(exist_ok=True)
            staged.write_text(self.digest)
            os.replace(staged, self.path)
        except OSError:  # a read-only root or a full disk validates every time, nothing worse
            with contextlib.suppress(OSError):
                staged.unlink()


MAX_CONFIG_BYTES = 1 << 20  # a real config is a few kilobytes; a giant one is refused unparsed


class BadConfig(CrmError):
    def __init__(self, problems: list[Problem]):
        super().__init__(f"{CONFIG_NAME} is not valid:\n" + "\n".join(f"  {p}" for p in problems))
        self.problems = problems


def read_config(root: Path) -> tuple[Config | None, list[Problem]]:
    path = root / CONFIG_NAME
    try:
        size = path.stat().st_size
        if size > MAX_CONFIG_BYTES:
            return None, [
                Problem(
                    CONFIG_NAME,
                    None,
                    "",
                    f"file is {size} bytes, over the {MAX_CONFIG_BYTES}-byte limit",
                )
            ]
        data = path.read_bytes()
    except OSError as exc:
        return None, [Problem(CONFIG_NAME, None, "", f"cannot read: {exc.strerror}")]
    try:
        body = yamlio.loads(data)
    except yamlio.YamlError as exc:
        return None, [Problem(CONFIG_NAME, exc.line, "", exc.message)]
    if not isinstance(body, dict):
        return None, [
            Problem(CONFIG_NAME, 1, "", "the configuration must be a mapping of settings")
        ]
    cache = _ValidCache(root, data)
    issues = (
        [] if cache.hit() else [(issue.path, issue.message) for issue in validate("config", body)]
    )
    config = None
    if not issues:
        config = Config(body)
        issues = config.problems()
    problems = [
        Problem(CONFIG_NAME, yamlio.line_of(data, path), field_name(path), message)
        for path, message in issues
    ]
    if not problems:
        cache.remember()
    return (None if problems else config), problems


def load_config(root: Path) -> Config:
    config, problems = read_config(root)
    if config is None:
        raise BadConfig(problems)
    return config
