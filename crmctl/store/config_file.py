"""Reading `crmctl.yaml`: parsed, validated against its schema, and checked for consistency."""
from __future__ import annotations

from pathlib import Path

from ..config import Config
from ..errors import CrmError
from ..problems import Problem, field_name
from . import yamlio
from .root import CONFIG_NAME
from .schemas import validate

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
            return None, [Problem(CONFIG_NAME, None, "", f"file is {size} bytes, over the {MAX_CONFIG_BYTES}-byte limit")]
        data = path.read_bytes()
    except OSError as exc:
        return None, [Problem(CONFIG_NAME, None, "", f"cannot read: {exc.strerror}")]
    try:
        body = yamlio.loads(data)
    except yamlio.YamlError as exc:
        return None, [Problem(CONFIG_NAME, exc.line, "", exc.message)]
    if not isinstance(body, dict):
        return None, [Problem(CONFIG_NAME, 1, "", "the configuration must be a mapping of settings")]
    issues = [(issue.path, issue.message) for issue in validate("config", body)]
    config = None
    if not issues:
        config = Config(body)
        issues = config.problems()
    problems = [Problem(CONFIG_NAME, yamlio.line_of(data, path), field_name(path), message) for path, message in issues]
    return (None if problems else config), problems


def load_config(root: Path) -> Config:
    config, problems = read_config(root)
    if problems:
        raise BadConfig(problems)
    return config
