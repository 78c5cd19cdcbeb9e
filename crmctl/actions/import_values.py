"""Cell values as people type them, turned into field values: numbers read by a spreadsheet,
dates in any usual form, staff named by name or email, codes given by their Chinese label."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import math
import re
from collections.abc import Iterable

from ..archive.schemas import field_schemas
from ..config import Config
from ..labels import VALUE_LABELS
from ..messages import _
from ..rules.phones import checked, phones
from ..rules.redaction import MASK
from ..store.customer_refs import fold, spelling
from ..timeutil import iso, parse_typed_date, parse_typed_timestamp
from ..transfer.table_write import LIST_SEPARATORS
from .io_kinds import IoKind

_NUMBER_DECORATION = re.compile(r"[,，\s]|万元$|万$")  # "1,200", "50万元": volumes are kept in 万元


def import_fields(io_kind: IoKind) -> dict[str, dict]:
    """The fields a column may fill, with their schemas: each field, `field.key` for each key of a
    structured mapping (a complaint's judgement.valid, …), and the times of steps taken
    elsewhere."""
    fields = field_schemas(io_kind.kind.schema)
    nested = {
        f"{parent}.{key}": schema
        for parent, schema in fields.items()
        if "properties" in schema
        for key, schema in field_schemas(io_kind.kind.schema, parent).items()
    }
    steps = {name: {"type": "string", "format": "date-time"} for name in io_kind.steps}
    return {**fields, **nested, **steps}


def _label_key(text) -> str:
    return re.sub(r"\s", "", str(text)).lower()


class ValueReader:
    """Turns one cell into the value of a field, or raises ValueError saying why it cannot."""

    def __init__(self, io_kind: IoKind, config: Config, tz: dt.tzinfo, readers: dict | None = None):
        self.io_kind, self.config, self.tz = io_kind, config, tz
        self.readers = (
            readers or {}
        )  # field -> (cell text) -> value, e.g. a customer named by name or phone
        self.fields = import_fields(io_kind)
        self.readers.update({name: self._phones(name) for name in io_kind.phone_fields})
        self.codes = {
            name: self._codes(name)
            for name, schema in self.fields.items()
            if name in io_kind.vocabularies or "enum" in schema
        }

    def _codes(self, name: str) -> dict[str, str]:
        """Every accepted spelling of a code field's values: the code, its labels, a label's first
        word."""
        vocabulary = self.io_kind.vocabularies.get(name)
        entries: Iterable[dict]
        if vocabulary is None:
            entries = [
                {"code": code, "zh": VALUE_LABELS.get(code, code)}
                for code in self.fields[name]["enum"]
            ]
        else:
            entries = (
                self.config.grades.values()
                if vocabulary == "grades"
                else self.config.vocabulary(vocabulary).values()
            )
        out: dict[str, str] = {}
        for entry in entries:
            labels = [
                str(label) for label in (entry["code"], entry.get("zh"), entry.get("en")) if label
            ]
            for spelled in [
                *labels,
                *(label.split()[0] for label in labels if " " in label.strip()),
            ]:
                out.setdefault(_label_key(spelled), entry["code"])
        return out

    def read(self, field: str, value):
        """The field's value for a non-empty cell."""
        if isinstance(value, str) and MASK in value:
            # re-importing a redacted export would overwrite real data
            raise ValueError(
                _(
                    "masked by `export --redact` ({mask}): the real value is not in this file",
                    mask=MASK,
                )
            )
        schema = self.fields.get(field)
        if schema is None:  # a key of a free mapping (extra.NAME)
            return _text(value)
        if field in self.readers:
            return self._by_reader(field, schema, value)
        if field in self.io_kind.staff_fields:
            if schema.get("type") == "array":
                return [self._staff(item) for item in items_of(value)]
            return self._staff(value)
        if field in self.codes:
            return self._code(field, value)
        return self._typed(field, schema, value)

    def _typed(self, field: str, schema: dict, value):
        """A cell read as the field's schema type and format say."""
        kind = schema.get("type")
        if kind == "array":
            return (
                _objects(value)
                if schema.get("items", {}).get("type") == "object"
                else items_of(value)
            )
        if _counts(schema) and _text(value).isdigit():  # a number where an id is also accepted
            return int(_text(value))
        if kind == "object":
            return self._object(field, schema, value)
        if kind in ("number", "integer"):
            return _number(value)
        if kind == "boolean":
            return _boolean(value)
        if schema.get("format") == "date":
            return parse_typed_date(value).isoformat()
        if schema.get("format") == "date-time":
            return self._timestamp(value)
        return _text(value)

    def _by_reader(self, field: str, schema: dict, value):
        reader = self.readers[field]
        if schema.get("type") == "array":  # a list's reader reads each item
            return [reader(item) for item in items_of(value)]
        return reader(_text(value))

    def _object(self, field: str, schema: dict, value) -> dict:
        """A mapping cell: each named part read as its own field, or free names to text."""
        if "properties" not in schema:
            return _mapping(value)
        if isinstance(value, str) and value.lstrip().startswith("{"):
            with contextlib.suppress(json.JSONDecodeError):  # as an export writes one in a cell
                value = json.loads(value)
        if not isinstance(value, dict):
            raise ValueError(
                _("expected a mapping of {properties}", properties=", ".join(schema["properties"]))
            )
        return {
            key: self.read(f"{field}.{key}", item)
            for key, item in value.items()
            if not is_blank(item)
        }

    def _phones(self, field: str):
        """Cell text -> the phone numbers in it, written and checked as `customer add` does."""
        return lambda text: [checked(phone) for phone in phones(text)]

    def _staff(self, value) -> str:
        staff = self.config.identify(_text(value)) or self._staff_by_pinyin(_text(value))
        if staff is None:
            raise ValueError(
                _(
                    "not on the team in crmctl.yaml (staff: {team})",
                    team=", ".join(self.config.team),
                )
            )
        return staff.id

    def _staff_by_pinyin(self, text: str):
        """A staff member named in pinyin, as other systems write Chinese names (王建国: Wang
        Jianguo or Jianguo Wang), when only one is."""
        if not hasattr(self, "_spelled"):
            self._spelled: dict[str, list] = {}
            for staff in self.config.team.values():
                syllables = spelling(staff.name).spelled
                first = len(spelling(staff.name[:1]).spelled)
                for spelled in {syllables, syllables[first:] + syllables[:first]}:
                    self._spelled.setdefault(spelled, []).append(staff)
        found = self._spelled.get(fold(text).replace("-", ""), [])
        return found[0] if len(found) == 1 else None

    def _code(self, field: str, value) -> str:
        code = self.codes[field].get(_label_key(value))
        if code is None:
            known = ", ".join(dict.fromkeys(self.codes[field].values()))
            raise ValueError(
                _(
                    "not a known {field} (known: {known}, or their labels)",
                    field=field,
                    known=known,
                )
            )
        return code

    def _timestamp(self, value) -> str:
        if isinstance(value, dt.datetime) and value.time() == dt.time() and not value.tzinfo:
            value = value.date().isoformat()  # a spreadsheet's date cell: a day, as typed ones
        try:
            return iso(parse_typed_timestamp(value, self.tz))
        except ValueError:
            raise ValueError(
                _(
                    "not a date and time (2026-11-23 10:15, 2026/11/23 10:15, 2026年11月23日 "
                    "10:15, with or without +08:00)"
                )
            ) from None


def _counts(schema: dict) -> bool:
    """Whether a field with alternatives (`anyOf`) takes an integer among them."""
    return any(option.get("type") == "integer" for option in schema.get("anyOf", ()))


def _text(value) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # a spreadsheet reads 13805711234 as a number
    if isinstance(value, dt.datetime):  # a spreadsheet's date cell: a date unless it has a time
        return value.date().isoformat() if value.time() == dt.time() else _datetime_text(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (dict, list)):
        raise ValueError(_("expected text, not a list or mapping"))
    return str(value).strip()


def _datetime_text(value: dt.datetime) -> str:
    return value.isoformat(sep=" ", timespec="minutes" if not value.second else "seconds")


def _mapping(value) -> dict:
    if not isinstance(value, dict):
        raise ValueError(_("expected a mapping of names to text"))
    return {str(key): _text(item) for key, item in value.items() if not is_blank(item)}


def items_of(value) -> list:
    if isinstance(value, str) and value.lstrip().startswith(
        "["
    ):  # an export's list whose items hold separators
        with contextlib.suppress(json.JSONDecodeError):
            value = json.loads(value)
    items = value if isinstance(value, list) else LIST_SEPARATORS.split(_text(value))
    # An export's mapping items (proposals with their ids) stay mappings; the schema judges them.
    read = (_mapping(item) if isinstance(item, dict) else _text(item) for item in items)
    return [item for item in read if item]


def _objects(value) -> list[dict]:
    """A list of objects (a receivable's payments, a plan's actions): as an export writes it, JSON
    in a cell of a flat file, or the list itself in JSON Lines and YAML."""
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except json.JSONDecodeError:
            value = None
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        raise ValueError(_("expected a JSON list of objects, as `crmctl export` writes it"))
    return value


def _number(value):
    if isinstance(value, bool):
        raise ValueError(_("not a number"))
    try:
        number = float(
            value if isinstance(value, (int, float)) else _NUMBER_DECORATION.sub("", str(value))
        )
    except ValueError:
        raise ValueError(_("not a number")) from None
    if not math.isfinite(number):
        raise ValueError(_("not a finite number"))
    return int(number) if number.is_integer() else number


def _boolean(value) -> bool:
    if isinstance(value, bool):
        return value
    text = _label_key(value)
    if text in ("true", "yes", "是", "接通", "已接通", "reached"):
        return True
    if text in ("false", "no", "否", "未接通", "notreached"):
        return False
    raise ValueError(_("not true or false (是/否, 接通/未接通)"))


def is_blank(value) -> bool:
    return value is None or isinstance(value, str) and not value.strip() or value in ([], {})
