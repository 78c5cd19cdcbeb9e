"""The JSON Schemas in `schemas/`: validation, and the key order and date fields of canonical
files."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import importlib.util
import json
import marshal
import os
import re
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from types import CodeType

# The package's own folder, read as plain files: importlib.resources costs a read-only command
# several milliseconds of imports, and crmctl is never run from a zip.
SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schemas"
MAX_DEPTH = 12  # schemas nest less deeply; deeper is a reference cycle


def schema_files() -> dict[str, bytes]:
    """Every shipped schema file by name, for `crmctl init` to copy next to the data."""
    return {item.name: item.read_bytes() for item in SCHEMA_DIR.glob("*.schema.json")}


@functools.cache
def _raw(name: str) -> dict:
    return json.loads((SCHEMA_DIR / f"{name}.schema.json").read_bytes())


def _is_datetime(value) -> bool:
    if not isinstance(value, str) or "T" not in value:
        return False
    try:
        return dt.datetime.fromisoformat(value).tzinfo is not None
    except ValueError:
        return False


def _is_date(value) -> bool:
    if not isinstance(value, str) or len(value) != len("YYYY-MM-DD"):
        return False
    try:
        dt.date.fromisoformat(value)
        return True
    except ValueError:
        return False


def _target(ref: str, name: str) -> tuple[dict, str]:
    """The schema node a `$ref` points to, and the file it is in."""
    target, _, pointer = ref.partition("#")
    if target:
        name = target.removesuffix(".schema.json")
    node = _raw(name)
    for part in pointer.strip("/").split("/") if pointer else []:
        node = node[part]
    return node, name


_ANNOTATIONS = ("description", "title", "$comment")


def _inlined(node, name: str, depth: int = 0):
    """The schema with every `$ref` replaced by what it points to. Looking references up is most of
    jsonschema's time on our schemas; inlined, a bulk import or a cold index build validates several
    times faster. The shipped schemas have no recursive references; the depth guard keeps a bad edit
    finite (jsonschema's registry still resolves whatever is left)."""
    if isinstance(node, list):
        return [_inlined(item, name, depth) for item in node]
    if not isinstance(node, dict) or depth > MAX_DEPTH:
        return node
    if "$ref" not in node:
        return {key: _inlined(value, name, depth) for key, value in node.items()}
    found, source = _target(node["$ref"], name)
    found = _inlined(found, source, depth + 1)
    rest = {key: _inlined(value, name, depth) for key, value in node.items() if key != "$ref"}
    if set(rest) - set(_ANNOTATIONS) & set(
        found
    ):  # siblings that would override: keep both, side by side
        return {**rest, "allOf": [*rest.get("allOf", []), found]}
    return {**found, **rest}


@functools.cache
def _validator(name: str):
    # jsonschema is imported here, not at module load: read-only commands never pay for it.
    import jsonschema
    from referencing import Registry, Resource

    registry = Registry().with_resources(
        (f"{other}.schema.json", Resource.from_contents(_raw(other))) for other in ("common", name)
    )
    checker = jsonschema.FormatChecker(formats=())
    checker.checks("date-time")(lambda value: not isinstance(value, str) or _is_datetime(value))
    checker.checks("date")(lambda value: not isinstance(value, str) or _is_date(value))
    checker.checks("email")(_is_email)
    cls = jsonschema.validators.validator_for(_raw(name))
    return cls(_inlined(_raw(name), name), registry=registry, format_checker=checker)


def _is_email(value) -> bool:
    """Some text, one @, some text: no space or line break (`a@b.c\nowner: lina` is two lines)."""
    return not isinstance(value, str) or _EMAIL.fullmatch(value) is not None


_EMAIL = re.compile(r"[^\s@]+@[^\s@]+")


@functools.cache
def _accepts(name: str):
    """A compiled yes/no check of `<name>.schema.json`, about twenty times faster than jsonschema.
    It only decides that a record is valid; whenever it refuses, jsonschema decides and explains, so
    the two can differ only in speed (tests hold them to the same verdicts)."""
    entry, code = _check_code(name)
    namespace: dict = dict.fromkeys(_RAISED, Refused)
    exec(code, namespace)
    check = namespace[entry]
    refused = tuple(
        namespace[raised] for raised in _RAISED
    )  # fastjsonschema's, if it imported them

    def accepts(data) -> bool:
        try:
            check(data, custom_formats=FORMATS)
            return True
        except refused:
            return False

    return accepts


class Refused(Exception):
    """What a kept check raises for data it refuses, in place of fastjsonschema's exceptions: a
    read then runs the check without importing fastjsonschema (and urllib, and its drafts)."""

    def __init__(self, message: str = "", **details):
        super().__init__(message)


_RAISED = ("JsonSchemaValueException", "JsonSchemaValuesException")
_IMPORT = f"from fastjsonschema import {', '.join(_RAISED)}"


FORMATS = {"date": _is_date, "date-time": _is_datetime, "email": _is_email}


def _check_code(name: str) -> tuple[str, CodeType]:
    """The check's compiled code and the name of its function, kept in the user's cache under a
    hash of what they are made from: generating and compiling them anew was most of a read-only
    command's start-up."""
    made_from = hashlib.sha256(f"{name} {sys.version}".encode())
    made_from.update(_generator_version())
    for _file, data in sorted(schema_files().items()):  # a reference may lead to any of them
        made_from.update(data)
    path = cache_dir() / f"check-{name}-{made_from.hexdigest()[:32]}"
    try:
        entry, code = marshal.loads(path.read_bytes())
        if isinstance(entry, str) and isinstance(code, CodeType):
            return entry, code
    except (OSError, ValueError, EOFError, TypeError):
        pass
    import fastjsonschema

    schema = {key: value for key, value in _inlined(_raw(name), name).items() if key != "$schema"}
    source = fastjsonschema.compile_to_code(schema, formats=FORMATS, use_default=False)
    source = source.replace(_IMPORT, "", 1)
    entry = _FIRST_FUNCTION.search(source)[1]  # type: ignore[index]
    code = compile(source, f"<{name}.schema.json check>", "exec")
    _keep(path, marshal.dumps((entry, code)))
    return entry, code


def _generator_version() -> bytes:
    """fastjsonschema's version file, read without importing the package."""
    spec = importlib.util.find_spec("fastjsonschema")
    if spec is None or spec.origin is None:
        return b""
    try:
        return (Path(spec.origin).parent / "version.py").read_bytes()
    except OSError:
        return spec.origin.encode()


# fastjsonschema writes the schema's own function first (named after its $id, if any).
_FIRST_FUNCTION = re.compile(r"^def (\w+)\(", re.M)


def cache_dir() -> Path:
    """crmctl's folder of the user's cache (XDG_CACHE_HOME, else ~/.cache): never the data root,
    which a clone fills, since what is kept here is run."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "crmctl"


def _keep(path: Path, data: bytes) -> None:
    """Write a cache file whole (a temporary file renamed); a cache that cannot be written is
    skipped."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    except OSError:
        return
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        os.replace(temporary, path)
    except OSError:
        Path(temporary).unlink(missing_ok=True)


@dataclass
class Issue:
    """One schema violation: where (keys and indexes) and what."""

    path: tuple
    message: str


def validate(name: str, data) -> list[Issue]:
    """All schema violations of `data` against `<name>.schema.json`, in document order."""
    if _accepts(name)(data):
        return []
    issues = []
    for error in _validator(name).iter_errors(data):
        path = tuple(error.absolute_path)
        if error.validator == "additionalProperties" and isinstance(error.instance, dict):
            allowed = error.schema.get("properties", {})
            for key in error.instance:
                if key not in allowed:
                    known = ", ".join(allowed) if allowed else "none"
                    issues.append(
                        Issue(path + (key,), f"unknown field '{key}' (known fields: {known})")
                    )
            continue
        issues.append(Issue(path, _message(error)))
    return sorted(issues, key=lambda issue: [str(step) for step in issue.path])


def _message(error) -> str:
    shown = _shown(error.instance)
    if error.validator == "format":
        return f"{shown} is not a valid {error.validator_value}" + (
            " with offset (YYYY-MM-DDTHH:MM:SS+08:00)"
            if error.validator_value == "date-time"
            else " (YYYY-MM-DD)"
            if error.validator_value == "date"
            else ""
        )
    if error.validator == "pattern":
        odd = _UNSEEN.search(error.instance) if isinstance(error.instance, str) else None
        if odd:
            return (
                f"{shown} holds the control character U+{ord(odd.group()):04X} at character "
                f"{odd.start() + 1}: remove it"
            )
        return f"{shown} is not in the expected form"
    if error.validator == "type":
        return f"{shown} should be {error.validator_value}" + (
            " (quote it to keep it as text)" if error.validator_value == "string" else ""
        )
    if error.validator == "maxLength":
        return f"{shown} is longer than {error.validator_value} characters"
    return error.message if len(error.message) <= MAX_SHOWN * 2 else f"{shown}: {error.validator}"


MAX_SHOWN = 60  # characters of a refused value echoed back: a 100 KB name is not repeated whole
# What the text patterns of common.schema.json refuse: control characters but tab and line break,
# and the bidirectional overrides that make a name read otherwise than it is stored.
_UNSEEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _shown(value) -> str:
    text = repr(value)
    if len(text) <= MAX_SHOWN:
        return text
    length = len(value) if isinstance(value, str) else len(text)
    return f"{text[: MAX_SHOWN - 1]}… ({length} characters)"


@dataclass
class Layout:
    """What canonical writing needs from a schema: key order, and which strings are dates."""

    keys: dict = field(default_factory=dict)  # key -> Layout of its value
    items: Layout | None = None
    values: Layout | None = None  # for maps with free keys (additionalProperties)
    timestamp: bool = False


def _resolve(node: dict, name: str) -> tuple[dict, str]:
    """Follow `$ref`s (and merge `allOf`) to the schema that describes a value, and the file it is
    in."""
    while "$ref" in node:
        node, name = _target(node["$ref"], name)
    if "allOf" in node:
        merged = {k: v for k, v in node.items() if k != "allOf"}
        for part in node["allOf"]:
            merged = {**_resolve(part, name)[0], **merged}
        return merged, name
    return node, name


def _layout(node: dict, name: str, depth: int = 0) -> Layout:
    node, name = _resolve(node, name)
    if depth > MAX_DEPTH:
        return Layout()
    layout = Layout(timestamp=node.get("format") in ("date", "date-time"))
    for key, sub in node.get("properties", {}).items():
        layout.keys[key] = _layout(sub, name, depth + 1)
    if isinstance(node.get("items"), dict):
        layout.items = _layout(node["items"], name, depth + 1)
    if isinstance(node.get("additionalProperties"), dict):
        layout.values = _layout(node["additionalProperties"], name, depth + 1)
    return layout


@functools.cache
def layout(name: str) -> Layout:
    return _layout(_raw(name), name)


@functools.cache
def field_schemas(name: str, parent: str | None = None) -> dict[str, dict]:
    """Top-level fields of a record type (or the keys of its mapping field `parent`), each with its
    schema (references followed)."""
    node, file = (
        (_raw(name), name) if parent is None else _resolve(_raw(name)["properties"][parent], name)
    )
    return {key: _resolve(sub, file)[0] for key, sub in node.get("properties", {}).items()}


@functools.cache
def personal_fields(name: str) -> dict[str, str]:
    """Top-level fields of a record type that hold personal data, with what they hold (`x-personal`:
    phone, email, address, qq, wechat): what `--redact` masks whole."""
    return {
        key: sub["x-personal"]
        for key, sub in _raw(name).get("properties", {}).items()
        if "x-personal" in sub
    }


@functools.cache
def stamp_fields(name: str) -> tuple[str, ...]:
    """Top-level timestamp fields of a record type (format date-time)."""
    return tuple(
        key for key, sub in field_schemas(name).items() if sub.get("format") == "date-time"
    )


@functools.cache
def field_types(name: str) -> dict[str, str]:
    """Top-level fields of a record type and their JSON types (`string` when only an enum is
    given)."""
    return {key: sub.get("type", "string") for key, sub in field_schemas(name).items()}
