"""Canonical form of a record: schema key order, no empty values, dates marked for plain
emission."""

from __future__ import annotations

from . import yamlio
from .schemas import Layout, layout


def _ordered(keys, known) -> list[str]:
    return [key for key in known if key in keys] + sorted(key for key in keys if key not in known)


def _canonical(value, shape: Layout | None):
    if isinstance(value, dict):
        known = shape.keys if shape else {}
        ordered = _ordered(value, known)
        out = {}
        for key in ordered:
            if value[key] is None:
                continue
            child = known.get(key) if key in known else (shape.values if shape else None)
            out[key] = _canonical(value[key], child)
        return out
    if isinstance(value, list):
        return [_canonical(item, shape.items if shape else None) for item in value]
    if (
        isinstance(value, str)
        and shape is not None
        and shape.timestamp
        and _looks_like_timestamp(value)
    ):
        return yamlio.Timestamp(value)
    return value


def _looks_like_timestamp(value: str) -> bool:
    # Only well-formed values go out unquoted; anything else stays quoted text and `check` reports
    # it.
    return (
        len(value) >= len("YYYY-MM-DD")
        and value[:4].isdigit()
        and value[4] == "-"
        and value[7] == "-"
    )


def to_bytes(schema_name: str, record: dict) -> bytes:
    """The canonical file bytes for a record (without its id: the file name is the id)."""
    body = {key: value for key, value in record.items() if key != "id"}
    return yamlio.dumps(_canonical(body, layout(schema_name)))


def field_lines(schema_name: str, record: dict) -> dict[str, bytes]:
    """Each top-level field's lines of the canonical file, in file order; joined they are
    `to_bytes`."""
    body = _canonical(
        {key: value for key, value in record.items() if key != "id"}, layout(schema_name)
    )
    return {key: yamlio.dumps({key: value}) for key, value in body.items()}


def key_order(schema_name: str, keys) -> list[str]:
    """Top-level field names in the order a canonical file lists them."""
    return _ordered(set(keys), layout(schema_name).keys)
