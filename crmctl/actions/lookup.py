"""Naming records on the command line: full id, unique id prefix, or (customers) exact name or
phone."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from ..archive import ids
from ..archive.kinds import KINDS, Kind
from ..errors import Ambiguous, CrmError, NotFound
from ..messages import _
from ..rules.history import as_of
from ..store.records import Store

MIN_PREFIX = 2  # the kind's letter and at least one id character
MIN_PHONE_DIGITS = 5  # shorter digit runs are more likely part of a name or an id


def resolve_id(store: Store, kind: Kind, ref: str) -> str | None:
    """The id that `ref` names as a full id, a unique prefix, or a short reference (the type
    letter and a unique end of the id, as lists show it), case-insensitively; else None."""
    text = ref.strip().upper()
    if len(text) < MIN_PREFIX or text[0] != kind.letter:  # noqa: PLR2004
        return None
    if ids.is_valid(text) and store.existing_path(kind, text):
        return text
    known = store.ids(kind)
    candidates = [record_id for record_id in known if record_id.startswith(text)]
    if not candidates and len(text) > ids.SHORT_MIN and set(text[1:]) <= set(ids.ALPHABET):
        candidates = [record_id for record_id in known if record_id.endswith(text[1:])]
    if len(candidates) > 1:
        wanted = sorted(candidates)
        shown = candidate_lines(store, wanted) if kind.name == "customer" else wanted
        raise Ambiguous(
            _("id '{ref}'", ref=ref), shown, ref, wanted[: Ambiguous.SHOWN], len(wanted)
        )
    return candidates[0] if candidates else None


def id_shaped(kind: Kind, ref: str) -> bool:
    """Whether `ref` is written like an id or id prefix of `kind`: its letter, then a digit (every
    id's time part starts with one for centuries to come), then only id characters."""
    text = ref.strip().upper()
    return (
        len(text) >= MIN_PREFIX
        and text[0] == kind.letter
        and text[1].isdigit()
        and len(text) <= ids.TIME_DIGITS + ids.RANDOM_DIGITS + 1
        and all(ch in ids.ALPHABET for ch in text[1:])
    )


def _digits(text: str) -> str:
    """A phone number's digits (full-width ones too), without China's country code."""
    digits = "".join(ch for ch in unicodedata.normalize("NFKC", text) if ch.isdigit())
    return (
        digits[2:] if len(digits) == len("8613805711234") and digits.startswith("861") else digits
    )


def _phone_like(ref: str) -> bool:
    """Written as a phone number: five digits or more, and little else besides separators."""
    digits = _digits(ref)
    text = re.sub(r"[\s\-().+]", "", unicodedata.normalize("NFKC", ref))
    return len(digits) >= MIN_PHONE_DIGITS and len(digits) >= len(text) - 1


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
                _("customer '{ref}'", ref=ref),
                [
                    f"{c['id']}  {c['name']}  {_masked(c['mobile'])}"
                    if c.get("mobile")
                    else f"{c['id']}  {c['name']}"
                    for c in matches
                ],
            )
        if not matches:
            raise NotFound(
                _(
                    "no customer '{ref}' (give an id or id prefix, the exact name, or a "
                    "phone number)",
                    ref=ref,
                )
            )
        return matches[0]


HOW = (
    "an id, its start or the short reference lists show (C3SDX), the exact name, a phone number, "
    "part of the name, or its pinyin (full or initials: huafeng, hfjc)"
)


def find_customer(store: Store, ref: str) -> dict:
    """The customer `ref` names, trying in turn: id, unique id prefix or short reference; exact
    name; phone number in any common form; unique part of the name; pinyin of the name, full or
    initials. The first that matches decides: one customer is it, several are ambiguous."""
    kind = KINDS["customer"]
    record_id = resolve_id(store, kind, ref)
    if record_id:
        return store.load(kind, record_id)
    for found in store.customer_matches(ref):
        if len(found) == 1:
            return store.load(kind, found[0])
        if found:
            raise Ambiguous(
                _("customer '{ref}'", ref=ref),
                candidate_lines(store, found),
                ref,
                sorted(found)[: Ambiguous.SHOWN],
                len(found),
            )
    raise NotFound(_("no customer '{ref}' (give {how})", ref=ref, how=_(HOW)))


def candidate_lines(store: Store, found: list[str]) -> list[str]:
    """One line per candidate (the first Ambiguous.SHOWN by id): short reference, name, grade,
    owner and masked phone, to tell them apart without printing a number in full."""
    kind = KINDS["customer"]
    short = store.short_refs(kind)
    wanted = sorted(found)[: Ambiguous.SHOWN]
    by_id = {c["id"]: c for c in store.records(kind, where={"id": wanted})}
    lines = []
    for customer in (by_id[record_id] for record_id in wanted if record_id in by_id):
        phone = customer.get("mobile") or customer.get("phone")
        parts = (
            short.get(customer["id"], customer["id"]),
            customer["name"],
            customer.get("grade") or "-",
            customer.get("owner") or "-",
            _masked(phone) if phone else "-",
        )
        lines.append("  ".join(parts))
    return lines


def _masked(phone: str) -> str:
    """A phone with its middle hidden; the masking patterns are compiled only when candidates are
    listed, not on every lookup."""
    from ..rules.redaction import mask_phone

    return mask_phone(phone)


def find_record(store: Store, kind: Kind, ref: str) -> dict:
    if kind.name == "customer":
        return find_customer(store, ref)
    record_id = resolve_id(store, kind, ref)
    if record_id is None:
        raise NotFound(
            _(
                "no {name} '{ref}' (give its id or a unique prefix of it, starting with {letter})",
                name=_(kind.name),
                ref=ref,
                letter=kind.letter,
            )
        )
    return store.load(kind, record_id)


def customer_name(store: Store, customer_id: str) -> str | None:
    """One customer's name, read from its own file: a write's confirmation line need not stat every
    customer file, as a query of the index does (~0.5-1 s at 100,000 customers). None if the
    customer has no readable file."""
    try:
        return store.load(KINDS["customer"], customer_id)["name"]
    except CrmError:
        return None


def customer_names(
    store: Store, records: list[dict], cutoff: dt.datetime | None = None
) -> dict[str, str]:
    """{id: name} of the customers these records (complaints, visits) name, looked up by id rather
    than every customer decoded: as they stand now, or as they stood at the cutoff (none for a
    customer filed after it)."""
    wanted = sorted({record["customer"] for record in records})
    found = store.records(KINDS["customer"], where={"id": wanted}) if wanted else []
    if cutoff is None:
        return {customer["id"]: customer["name"] for customer in found}
    return {
        customer["id"]: as_of(customer, cutoff)["name"]
        for customer in found
        if dt.datetime.fromisoformat(customer["created"]) <= cutoff
    }
