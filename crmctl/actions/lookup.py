"""Naming records on the command line: full id, unique id prefix, or (customers) exact name or phone."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from ..errors import Ambiguous, NotFound
from ..rules.history import as_of
from ..rules.redaction import mask_phone
from ..store import ids
from ..store.kinds import KINDS, Kind
from ..store.records import Store


def resolve_id(store: Store, kind: Kind, ref: str) -> str | None:
    """The id that `ref` names as a full id or unique prefix (case-insensitive), else None."""
    text = ref.strip().upper()
    if len(text) < 2 or text[0] != kind.letter:
        return None
    if ids.is_valid(text) and store.existing_path(kind, text):
        return text
    candidates = [record_id for record_id in store.ids(kind) if record_id.startswith(text)]
    if len(candidates) > 1:
        raise Ambiguous(f"id prefix '{ref}'", candidates)
    return candidates[0] if candidates else None


def id_shaped(kind: Kind, ref: str) -> bool:
    """Whether `ref` is written like an id or id prefix of `kind`: its letter, then a digit (every id's
    time part starts with one for centuries to come), then only id characters."""
    text = ref.strip().upper()
    return (
        len(text) >= 2
        and text[0] == kind.letter
        and text[1].isdigit()
        and len(text) <= ids.TIME_DIGITS + ids.RANDOM_DIGITS + 1
        and all(ch in ids.ALPHABET for ch in text[1:])
    )


def _digits(text: str) -> str:
    """A phone number's digits (full-width ones too), without China's country code."""
    digits = "".join(ch for ch in unicodedata.normalize("NFKC", text) if ch.isdigit())
    return digits[2:] if len(digits) == 13 and digits.startswith("861") else digits


def _phone_like(ref: str) -> bool:
    """Written as a phone number: five digits or more, and little else besides separators."""
    digits = _digits(ref)
    text = re.sub(r"[\s\-().+]", "", unicodedata.normalize("NFKC", ref))
    return len(digits) >= 5 and len(digits) >= len(text) - 1


class CustomerDirectory:
    """Customers by id, exact name, phone digits and email: one pass over the archive answers many
    look-ups (an import names a customer on every row)."""

    def __init__(self, customers: list[dict]):
        self.by_id = {customer["id"]: customer for customer in customers}
        self.by_name: dict[str, list[dict]] = {}
        self.by_phone: dict[str, list[dict]] = {}
        self.by_email: dict[str, list[dict]] = {}
        for customer in customers:
            self.by_name.setdefault(customer["name"], []).append(customer)
            if customer.get("email"):
                self.by_email.setdefault(customer["email"].strip().lower(), []).append(customer)
            phones = {_digits(customer.get(field, "")) for field in ("mobile", "phone")} - {""}
            for digits in phones:
                self.by_phone.setdefault(digits, []).append(customer)

    def find(self, ref: str) -> dict:
        """The customer `ref` names: a full id, the exact name, a phone number or the email."""
        text, digits = ref.strip(), _digits(ref)
        if text.upper() in self.by_id:
            return self.by_id[text.upper()]
        matches = list(
            {
                c["id"]: c
                for c in [
                    *self.by_name.get(text, ()),
                    *(self.by_phone.get(digits, ()) if _phone_like(ref) else ()),
                    *self.by_email.get(text.lower(), ()),
                ]
            }.values()
        )
        if len(matches) > 1:
            # a masked mobile tells the candidates apart without printing the number in full
            raise Ambiguous(
                f"customer '{ref}'",
                [
                    f"{c['id']}  {c['name']}  {mask_phone(c['mobile'])}"
                    if c.get("mobile")
                    else f"{c['id']}  {c['name']}"
                    for c in matches
                ],
            )
        if not matches:
            raise NotFound(
                f"no customer '{ref}' (give an id or id prefix, the exact name, or a phone number)"
            )
        return matches[0]


def find_customer(store: Store, ref: str) -> dict:
    kind = KINDS["customer"]
    record_id = resolve_id(store, kind, ref)
    if record_id:
        return store.load(kind, record_id)
    # Only customers with that name or phone number can match: the index finds them without
    # decoding the rest (phones are compared by their digits, so every number is still looked at).
    if _phone_like(ref):
        found = store.records(
            kind,
            where={"name": {ref.strip()}, "mobile": {_digits(ref)}, "phone": {_digits(ref)}},
            key=_as_looked_up,
        )
    else:  # an exact name: the index's name column answers without a function call per customer
        found = store.records(kind, where={"name": {ref.strip()}})
    return CustomerDirectory(found).find(ref)


def _as_looked_up(field: str, value):
    return _digits(value) if field in ("mobile", "phone") else value


def find_record(store: Store, kind: Kind, ref: str) -> dict:
    if kind.name == "customer":
        return find_customer(store, ref)
    record_id = resolve_id(store, kind, ref)
    if record_id is None:
        raise NotFound(
            f"no {kind.name} '{ref}' (give its id or a unique prefix of it, starting with {kind.letter})"
        )
    return store.load(kind, record_id)


def customer_names(
    store: Store, records: list[dict], cutoff: dt.datetime | None = None
) -> dict[str, str]:
    """{id: name} of the customers these records (complaints, visits) name, looked up by id rather than
    every customer decoded: as they stand now, or as they stood at the cutoff (none for a customer filed
    after it)."""
    wanted = sorted({record["customer"] for record in records})
    found = store.records(KINDS["customer"], where={"id": wanted}) if wanted else []
    if cutoff is None:
        return {customer["id"]: customer["name"] for customer in found}
    return {
        customer["id"]: as_of(customer, cutoff)["name"]
        for customer in found
        if dt.datetime.fromisoformat(customer["created"]) <= cutoff
    }
