"""`--set FIELD=VALUE` for any record type: values typed by the record's schema.

A malformed `--set` is a usage error (exit 2); an unknown field or a value of the wrong type is bad
input that validation refuses (exit 1), like any other invalid record.
"""

from __future__ import annotations

import math

from ..archive.schemas import field_types
from ..errors import CrmError, UsageError
from ..messages import _

SYSTEM_FIELDS = ("id", "created", "updated", "history")


def parse_assignments(schema: str, pairs, protected=()) -> dict:
    """`["grade=A1", "tags=会员,优质", "notes="]` -> `{"grade": "A1", "tags": [...], "notes":
    None}`."""
    types = field_types(schema)
    out = {}
    for pair in pairs:
        field, sep, text = pair.partition("=")
        field = field.strip()
        if not sep:
            raise UsageError(_("--set takes FIELD=VALUE, not '{pair}'", pair=pair))
        if field in SYSTEM_FIELDS or field in protected:
            raise CrmError(
                _("'{field}' cannot be set with --set", field=field)
                if field in SYSTEM_FIELDS
                else _(
                    "'{field}' cannot be set with --set (use the '{field}' command or option "
                    "instead)",
                    field=field,
                )
            )
        if field not in types:
            settable = ", ".join(f for f in types if f not in SYSTEM_FIELDS and f not in protected)
            raise CrmError(
                _(
                    "unknown field '{field}' (fields: {settable})",
                    field=field,
                    settable=settable,
                )
            )
        out[field] = _typed(field, types[field], text)
    return out


def _typed(field: str, kind: str, text: str):
    if text == "":
        return None
    if kind == "array":
        return [part.strip() for part in text.replace("，", ",").split(",") if part.strip()]
    if kind in ("number", "integer"):
        try:
            number = float(text)
        except ValueError:
            raise CrmError(_("{field}: '{text}' is not a number", field=field, text=text)) from None
        if not math.isfinite(number):
            raise CrmError(_("{field}: '{text}' is not a finite number", field=field, text=text))
        return int(number) if number.is_integer() else number
    if kind == "boolean":
        if text.lower() not in ("true", "false"):
            raise CrmError(_("{field}: '{text}' is not true or false", field=field, text=text))
        return text.lower() == "true"
    return text
