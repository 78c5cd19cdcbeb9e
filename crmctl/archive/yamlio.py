"""Canonical YAML: how every record and the config are parsed and emitted.

Reading is strict and small on purpose. Only `true`/`false`, decimal integers without leading
zeros, plain decimals and `null` are typed; everything else (`no`, `on`, `0123`, `1e3`, `12:30`,
`2026-01-01`) stays the text the person wrote. Aliases, anchors, custom tags and duplicate keys
are refused with the line they stand on.

Writing quotes anything a YAML 1.1 reader (editors, yq, older tools) would mistype, writes
Chinese as-is, uses block style and literal blocks for multi-line text, and never wraps lines,
so a one-field change is a one-line diff.
"""

from __future__ import annotations

import decimal
import math
import re
from typing import Any

import yaml

from .conflict_markers import conflict_marker_line, conflict_message, conflicts

try:  # libyaml when present: several times faster for both directions
    from yaml import CSafeDumper as _BaseDumper
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    # The pure-Python classes stand in for libyaml's: another type to mypy, the same interface.
    _BaseDumper = None  # type: ignore[assignment,misc]  # set below: the pure-Python dumper
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]

# libyaml composes nested collections recursively in C: some ten thousand levels overflow the stack
# and kill the process. Real files nest a few levels; a text shorter than SCAN_ABOVE characters
# cannot nest deep enough to matter (each level costs at least one character), so only longer ones
# are scanned for their depth.
MAX_DEPTH = 64
SCAN_ABOVE = 4096
LIBYAML_DEPTH_PROBLEM = "exceeded maximum nesting depth"
MAX_DIGITS = (
    100  # of an integer: far past any real amount, where Python refuses 4,300 and slows before
)


class YamlError(ValueError):
    """A file that is not acceptable YAML; `line` is 1-based when known."""

    def __init__(self, message: str, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.line = line


class _Loader(_BaseLoader):
    yaml_implicit_resolvers: dict = {}

    def construct_object(self, node, deep=False):
        # The base constructor returns the cached object when it meets a node a second time,
        # which only happens through an alias: refusing here stops alias bombs before expansion.
        if node in self.constructed_objects:
            raise YamlError("aliases (*name) are not allowed in crmctl files", _line(node))
        return super().construct_object(node, deep)

    def construct_mapping(self, node, deep=False):
        if isinstance(node, yaml.MappingNode):
            seen = set()
            for key_node, _ in node.value:
                if not (
                    isinstance(key_node, yaml.ScalarNode)
                    and key_node.tag == "tag:yaml.org,2002:str"
                ):
                    raise YamlError("mapping keys must be plain text", _line(key_node))
                if key_node.value in seen:
                    raise YamlError(f"duplicate key '{key_node.value}'", _line(key_node))
                seen.add(key_node.value)
        return super().construct_mapping(node, deep)


_TAG = "tag:yaml.org,2002:"
_BOOL_TEXT = re.compile(r"^(?:true|false)$")
_INT_TEXT = re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$")
_FLOAT_TEXT = re.compile(r"^[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)$")
_Loader.add_implicit_resolver(_TAG + "bool", _BOOL_TEXT, list("tf"))
_Loader.add_implicit_resolver(_TAG + "int", _INT_TEXT, list("-+0123456789"))
_Loader.add_implicit_resolver(_TAG + "float", _FLOAT_TEXT, list("-+0123456789."))
_Loader.add_implicit_resolver(_TAG + "null", re.compile(r"^(?:~|null|)$"), ["~", "n", ""])


def _resolve(
    self,
    kind,
    value,
    implicit,
    _scalar=yaml.ScalarNode,
    _sequence=yaml.SequenceNode,
    _resolvers=_Loader.yaml_implicit_resolvers,
):
    """BaseResolver.resolve for a loader with implicit resolvers by first character only (no
    wildcard, no path resolvers): the composer asks it of every node, and its generic form (a list
    built, the path resolvers looked up) was a quarter of parsing a customer file."""
    if kind is _scalar:
        if implicit[0]:
            for tag, pattern in _resolvers.get(value[:1], ()):
                if pattern.match(value):
                    return tag
        return _Loader.DEFAULT_SCALAR_TAG
    return _Loader.DEFAULT_SEQUENCE_TAG if kind is _sequence else _Loader.DEFAULT_MAPPING_TAG


def _no_path_resolvers(self, *_):
    """descend_resolver and ascend_resolver, which the composer calls at every node, for a loader
    without path resolvers."""


# Replaced on the class after it is built, as `_resolve` reads the resolvers registered above.
_Loader.resolve = _resolve  # type: ignore[method-assign]
_Loader.descend_resolver = _Loader.ascend_resolver = _no_path_resolvers  # type: ignore[method-assign]
# What the fast path below turns a plain scalar of each implicit type into; the text must match the
# type's resolver pattern (an explicit `!!int 0x1F` does not, and goes to the safe constructor).
_SCALARS = {
    _TAG + "bool": (_BOOL_TEXT, lambda text: text == "true"),
    _TAG + "int": (_INT_TEXT, int),
    _TAG + "float": (_FLOAT_TEXT, float),
}


def _build(loader: _Loader, node, seen: set):
    """The value of a composed node, as the loader's constructor would make it, three times faster:
    records are plain maps, lists and scalars, so they skip the constructor's generic dispatch
    (a quarter of a cold index build). Anything else (explicit tags, sets, timestamps) is handed
    to the safe constructor."""
    if node in seen:  # only an alias shows a node twice (and `_scan_events` refuses those first)
        raise YamlError("aliases (*name) are not allowed in crmctl files", _line(node))
    seen.add(node)
    kind, tag = type(node), node.tag
    if kind is yaml.ScalarNode:
        if tag == _TAG + "str":
            return node.value
        if tag == _TAG + "null":
            return None
        pattern, convert = _SCALARS.get(tag, (None, None))
        if pattern is not None and pattern.match(node.value):
            return _number(convert, node)
    elif kind is yaml.MappingNode and tag == _TAG + "map":
        return _mapping(loader, node, seen)
    elif kind is yaml.SequenceNode and tag == _TAG + "seq":
        return [_build(loader, item, seen) for item in node.value]
    return _explicit(loader, node)


def _mapping(loader: _Loader, node, seen: set) -> dict:
    """A plain mapping node's value; keys must be plain text, each given once."""
    mapping = {}
    for key_node, value_node in node.value:
        if not (type(key_node) is yaml.ScalarNode and key_node.tag == _TAG + "str"):
            raise YamlError("mapping keys must be plain text", _line(key_node))
        if key_node.value in mapping:
            raise YamlError(f"duplicate key '{key_node.value}'", _line(key_node))
        seen.add(key_node)
        mapping[key_node.value] = _build(loader, value_node, seen)
    return mapping


def _number(convert, node):
    if convert is int and len(node.value) > MAX_DIGITS:
        raise YamlError(
            f"an integer of {len(node.value)} characters: crmctl reads integers of at most "
            f"{MAX_DIGITS} digits (quote it if it is text)",
            _line(node),
        )
    value = convert(node.value)
    if isinstance(value, float) and not math.isfinite(value):
        raise YamlError(f"the number {node.value} is out of range", _line(node))
    return value


def _explicit(loader: _Loader, node):
    """A node with an explicit tag (`!!int 0x1F`, `!!set`), as the safe constructor makes it; a
    value its tag cannot read (`!!float abc`, `!!bool maybe`), or a number no JSON can hold, is
    refused."""
    try:
        value = loader.construct_document(node)
    except (ValueError, KeyError, AttributeError, TypeError, OverflowError):
        shown = node.value if isinstance(node.value, str) else "…"
        raise YamlError(
            f"{node.tag.replace(_TAG, '!!')} {shown[:40]!r} is not a valid value of its tag",
            _line(node),
        ) from None
    if not _finite(value):
        raise YamlError(
            "a number is out of range (too long, infinite or not a number)", _line(node)
        )
    return value


def _finite(value) -> bool:
    if isinstance(value, float):
        return math.isfinite(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return value.bit_length() <= MAX_DIGITS * 3  # under 10 ** MAX_DIGITS
    if isinstance(value, dict):
        return all(_finite(key) and _finite(item) for key, item in value.items())
    if isinstance(value, (list, tuple, set)):
        return all(_finite(item) for item in value)
    return True


class Timestamp(str):
    """Text that is a date or a date-time: emitted unquoted (`2026-11-23`), read back as text."""


# Line breaks to YAML 1.1 but not to YAML 1.2: a literal block holding one reads differently
_VERSION_BREAKS = ("\u2028", "\u2029", "\x85")


def _represent_str(dumper, data):
    literal = "\n" in data and not any(char in data for char in _VERSION_BREAKS)
    style = "|" if literal else ('"' if "\n" in data else None)
    return dumper.represent_scalar("tag:yaml.org,2002:str", str(data), style=style)


def _represent_float(dumper, data):
    # repr() switches to exponents (1e-05, 1e+20), which the strict loader keeps as text: write
    # plain decimals instead, which read back as the same float.
    text = repr(data)
    if "e" in text:
        text = format(decimal.Decimal(text), "f")
    if "." not in text:
        text += ".0"
    return dumper.represent_scalar("tag:yaml.org,2002:float", text)


def _represent_timestamp(dumper, data):
    return dumper.represent_scalar("tag:yaml.org,2002:timestamp", str(data))


# The YAML 1.2 core schema as ruamel.yaml resolves plain scalars (its `VersionedResolver` for 1.2).
_YAML12_RESOLVERS = (
    ("bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    (
        "float",
        r"""^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+]?[0-9]+)?
        |[-+]?(?:[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)
        |[-+]?\.[0-9_]+(?:[eE][-+][0-9]+)?
        |[-+]?\.(?:inf|Inf|INF)
        |\.(?:nan|NaN|NAN))$""",
        "-+0123456789.",
    ),
    (
        "int",
        r"^(?:[-+]?0b[0-1_]+|[-+]?0o?[0-7_]+|[-+]?[0-9_]+|[-+]?0x[0-9a-fA-F_]+)$",
        "-+0123456789",
    ),
    ("merge", r"^(?:<<)$", "<"),
    ("null", r"^(?:~|null|Null|NULL|)$", "~nN"),
    (
        "timestamp",
        r"""^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]
        |[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?
        (?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?
        (?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$""",
        "0123456789",
    ),
    ("value", r"^(?:=)$", "="),
)


def _canonical_dumper(base: Any):  # libyaml's dumper or PyYAML's, typed apart in the stubs
    class Dumper(base):
        pass

    # Quote what crmctl's own loader types ('-.5' is no float to PyYAML's 1.1 rules, but is to ours:
    # found by the property test), and whatever a YAML 1.2 reader (ruamel, yq, js-yaml, editors)
    # would type: the base dumper already quotes what YAML 1.1 types.
    Dumper.add_implicit_resolver(_TAG + "float", _FLOAT_TEXT, list("-+0123456789."))
    for tag, pattern, first in _YAML12_RESOLVERS:
        Dumper.add_implicit_resolver(_TAG + tag, re.compile(pattern, re.X), list(first))
    Dumper.add_representer(str, _represent_str)
    Dumper.add_representer(Timestamp, _represent_timestamp)
    Dumper.add_representer(float, _represent_float)
    return Dumper


class _PurePythonDumper(yaml.SafeDumper):
    def analyze_scalar(self, scalar):
        analysis = super().analyze_scalar(scalar)
        if "\x85" in scalar:
            # NEL (U+0085) read back from plain or single-quoted text is a line break, folded to a
            # space: like libyaml, write it only as the escape \N of a double-quoted scalar.
            analysis.allow_flow_plain = analysis.allow_block_plain = False
            analysis.allow_single_quoted = analysis.allow_block = False
        return analysis


_Dumper = _canonical_dumper(_PurePythonDumper if _BaseDumper is None else _BaseDumper)
# libyaml escapes characters beyond U+FFFF (emoji) as \U0001F600; the pure-Python emitter writes
# them as-is. Records holding such characters go through the latter, so every install writes the
# same bytes.
_PlainDumper = _canonical_dumper(_PurePythonDumper)


def _line(node) -> int:
    return node.start_mark.line + 1


def _mark_line(exc: yaml.YAMLError) -> int | None:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    return mark.line + 1 if mark is not None else None


def decode(data: bytes) -> str:
    """Bytes of a crmctl file to text, refusing what YAML tools would misread silently."""
    if b"\0" in data:
        raise YamlError(
            "file contains a NUL byte (binary data?)", data[: data.index(b"\0")].count(b"\n") + 1
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise YamlError("file is not valid UTF-8 (save it as UTF-8)", line) from None
    if text.startswith("\ufeff"):
        text = text[1:]
    return text


def _scan_events(text: str) -> None:
    # The C composer resolves anchors silently and recurses without limit; only an event scan sees
    # anchors and depth first. It is slower, so `loads` runs it only when either could be present.
    depth = 0
    for event in yaml.parse(text, Loader=_Loader):
        anchor = getattr(event, "anchor", None)
        line = event.start_mark.line + 1 if event.start_mark else None
        if anchor:
            raise YamlError(
                f"anchors (&{anchor}) and aliases are not allowed in crmctl files", line
            )
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                raise YamlError(f"nesting is deeper than {MAX_DEPTH} levels", line)
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1


def loads(data: bytes):
    """Parse one crmctl YAML document from bytes; raises YamlError with the line on any problem."""
    marker = conflict_marker_line(data)
    if marker is not None:
        line, field = (conflicts(data) or [(marker, "")])[0]
        raise YamlError(conflict_message(field), line)
    text = decode(data)
    try:
        if "&" in text or "*" in text or len(text) > SCAN_ABOVE:
            _scan_events(text)
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
            return None if node is None else _build(loader, node, set())
        finally:
            loader.dispose()
    except YamlError:
        raise
    except yaml.constructor.ConstructorError as exc:
        raise YamlError(f"unsupported YAML: {exc.problem}", _mark_line(exc)) from None
    except yaml.YAMLError as exc:
        problem = getattr(exc, "problem", None) or str(exc)
        if problem == LIBYAML_DEPTH_PROBLEM:
            # libyaml 0.2.6 (PyYAML 6.0.4's wheels) scans a flow collection's tokens ahead and meets
            # its own limit (1,000 levels) before our scan sees level 65: one message either way.
            raise YamlError(f"nesting is deeper than {MAX_DEPTH} levels", _mark_line(exc)) from None
        raise YamlError(f"malformed YAML: {problem}", _mark_line(exc)) from None
    except RecursionError:
        raise YamlError("nesting is too deep") from None


def dumps(data) -> bytes:
    """Emit canonical YAML bytes for already-ordered data (see store.canonical)."""
    options: dict[str, Any] = dict(
        allow_unicode=True, sort_keys=False, default_flow_style=False, width=1 << 20, indent=2
    )
    text = yaml.dump(data, Dumper=_Dumper, **options)
    if "\\U" in text and _BaseDumper is not None:
        text = yaml.dump(data, Dumper=_PlainDumper, **options)
    return text.encode("utf-8")


def line_of(data: bytes, path) -> int | None:
    """Line of the value at `path` (keys and list indexes) in a file, or of its deepest existing
    parent.

    Only used when reporting a problem, so a second parse here costs nothing on the hot path.
    """
    try:
        node = yaml.compose(decode(data), Loader=_Loader)
    except (yaml.YAMLError, YamlError):
        return None
    line = _line(node) if node is not None else None
    for step in path:
        if isinstance(node, yaml.MappingNode):
            match = next(((k, v) for k, v in node.value if k.value == step), None)
            if match is None:
                return line
            line, node = _line(match[0]), match[1]
        elif (
            isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value)
        ):
            node = node.value[step]
            line = _line(node)
        else:
            return line
    return line
