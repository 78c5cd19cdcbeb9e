"""Customer use cases (客户档案): add, edit, lose, list, grade."""

from __future__ import annotations

from ..archive import ids
from ..archive.kinds import KINDS
from ..errors import CrmError, Denied, Invalid
from ..messages import _
from ..rules import history, permissions
from ..rules.consistency import customer_problems
from ..rules.duplicates import described, duplicate_groups, keys_of, normalised
from ..rules.grading import in_grade_family, suggest_grade
from ..rules.phones import customer_phone
from .lookup import find_customer
from .session import Session
from .validation import refuse_problems

CUSTOMER = KINDS["customer"]
MIN_PHONE_DIGITS = 4  # fewer digits match too many numbers to mean a phone


def _validated(session: Session, customer: dict) -> dict:
    refuse_problems(
        _("customer {id} {name} is not valid", id=customer.get("id", ""), name=customer["name"]),
        customer_problems(customer, session.config),
    )
    return customer


def add_customer(session: Session, name: str, fields: dict, allow_duplicate: bool = False) -> dict:
    """A new customer; a specialist's is theirs unless they name another owner."""
    user = session.user
    fields = with_phones(fields)
    if fields.get("owner") is None and user.role == "specialist":
        fields = {**fields, "owner": user.id}
    owner = fields.get("owner")
    if owner is not None and owner != user.id and permissions.may_assign(user):
        raise Denied(permissions.may_assign(user))
    record = {
        "id": ids.new_id(CUSTOMER.letter, session.now),
        "name": name.strip(),
        "status": "prospect",
    }
    record.update({key: value for key, value in fields.items() if value is not None})
    record = _validated(session, history.created(record, session.now, user.id))
    with session.store.transaction() as tx:
        if not allow_duplicate:
            _refuse_duplicates(session, record, record)
        tx.put(CUSTOMER, record)
    return record


def with_phones(fields: dict) -> dict:
    """`fields` with `mobile` and `phone` as rules/phones.py `customer_phone` keeps them; Invalid
    naming the field if one is not a number of its kind."""
    out, problems = dict(fields), []
    for field in ("mobile", "phone"):
        if out.get(field):
            try:
                out[field] = customer_phone(field, out[field])
            except ValueError as exc:
                problems.append(f"{field}: {exc}")
    if problems:
        raise Invalid(_("the customer's numbers are not valid"), problems)
    return out


def _refuse_duplicates(session: Session, record: dict, keys: dict) -> None:
    """Refuse a record whose `keys` (name, phones, email) another customer already has."""
    # Only customers sharing a key can be duplicates of this one: the index finds them unread.
    sharing = [
        c
        for c in session.store.records(CUSTOMER, where=keys_of(keys), key=normalised)
        if c["id"] != record["id"]
    ]
    clashes = [
        (field, value, found)
        for field, value, found in duplicate_groups([*sharing, record])
        if record["id"] in found and field in keys
    ]
    if clashes:
        lines = [
            _(
                "{what}: also {ids}",
                what=described(field, value),
                ids=", ".join(i for i in found if i != record["id"]),
            )
            for field, value, found in clashes
        ]
        raise CrmError(
            _("a customer with the same details exists:")
            + "\n  "
            + "\n  ".join(lines)
            + "\n"
            + _("use the existing record, or pass --allow-duplicate")
        )


def edit_customer(
    session: Session,
    ref: str,
    changes: dict,
    action: str = "edit",
    note: str | None = None,
    allow_duplicate: bool = False,
) -> dict:
    """Apply field changes; returns the record (unchanged records are not rewritten). A new name,
    phone or email that another customer already has is refused unless `allow_duplicate`."""
    user = session.user
    changes = with_phones(changes)
    with session.store.transaction() as tx:
        customer = find_customer(session.store, ref)
        denied = permissions.may_edit_customer(user, customer)
        if denied:
            raise Denied(denied)
        if (
            "owner" in changes
            and changes["owner"] != customer.get("owner")
            and permissions.may_assign(user)
        ):
            raise Denied(permissions.may_assign(user))
        updated = {**customer, **changes}
        updated = {key: value for key, value in updated.items() if value is not None}
        if updated == customer:
            return customer
        updated = _validated(
            session, history.with_change(customer, updated, session.now, user.id, action, note)
        )
        new_keys = {
            key: value
            for key, value in changes.items()
            if value is not None and value != customer.get(key)
        }
        if not allow_duplicate and keys_of(new_keys):
            _refuse_duplicates(session, updated, new_keys)
        tx.put(CUSTOMER, updated)
    return updated


def lose_customer(session: Session, ref: str, reason: str) -> dict:
    if not reason.strip():
        raise CrmError(_("a lost customer needs the reason (--reason): 了解流失的原因"))
    return edit_customer(
        session,
        ref,
        {
            "status": "lost",
            "lost_reason": reason.strip(),
            "lost_at": session.now.isoformat(timespec="seconds"),
        },
        action="lose",
    )


def matches_filters(
    customer: dict, grade=None, owner=None, status=None, tag=None, region=None, text=None
) -> bool:
    if grade and not any(in_grade_family(customer.get("grade"), g) for g in grade):
        return False
    for field, wanted in (("owner", owner), ("status", status), ("region", region)):
        if wanted and customer.get(field) not in wanted:
            return False
    if tag and not set(tag) & set(customer.get("tags", ())):
        return False
    return not text or _mentions(customer, text)


def _mentions(customer: dict, text: str) -> bool:
    """Whether `text` is in the customer's name, contact or numbers (any case), or its digits are
    enough of a phone number in one of its phones."""
    haystack = " ".join(
        str(customer.get(f, "")) for f in ("name", "contact", "mobile", "phone", "email")
    ).lower()
    if text.lower() in haystack:
        return True
    digits = "".join(ch for ch in text if ch.isdigit())
    phones = "".join(
        ch
        for ch in f"{customer.get('mobile', '')} {customer.get('phone', '')}"
        if ch.isdigit() or ch == " "
    )
    return len(digits) >= MIN_PHONE_DIGITS and digits in phones


def list_customers(session: Session, **filters) -> list[dict]:
    if filters.get("owner"):
        filters["owner"] = session.config.staff_ids(filters["owner"])
    # One exact-value filter runs in the index (only matching records are decoded); the rest after.
    where: dict[str, set] | None
    if filters.get("grade"):
        where = {
            "grade": {
                *filters["grade"],
                *(
                    code
                    for code in session.config.grades
                    if any(in_grade_family(code, g) for g in filters["grade"])
                ),
            }
        }
    else:
        field = next((f for f in ("owner", "status", "region") if filters.get(f)), None)
        where = {field: set(filters[field])} if field else None
    return [
        c for c in session.store.records(CUSTOMER, where=where) if matches_filters(c, **filters)
    ]


def grade_review(session: Session, refs=(), show_all: bool = False) -> list[dict]:
    """Recorded grade against the config's rule, for the named customers or all of them."""
    customers = (
        [find_customer(session.store, ref) for ref in refs]
        if refs
        else session.store.records(CUSTOMER)
    )
    rows = []
    for customer in customers:
        suggested = suggest_grade(customer, session.config.grades)
        agrees = suggested is None or suggested == customer.get("grade")
        if show_all or not agrees:
            rows.append(
                {
                    "id": customer["id"],
                    "name": customer["name"],
                    "grade": customer.get("grade"),
                    "suggested": suggested,
                    "annual_volume": customer.get("annual_volume"),
                    "credit": customer.get("credit"),
                    "margin": customer.get("margin"),
                    "agrees": agrees,
                }
            )
    return rows


def apply_grades(session: Session, rows: list[dict]) -> list[dict]:
    """Set each reviewed customer's grade to the suggested one, in one all-or-nothing write."""
    user = session.user
    denied = permissions.may_assign(user)
    if denied:
        raise Denied(denied.replace("assigning and reassigning", "regrading"))
    changed = []
    with session.store.transaction() as tx:
        for row in rows:
            # The review ran before the lock was taken: judge each customer again as it is now.
            customer = session.store.load(CUSTOMER, row["id"])
            suggested = suggest_grade(customer, session.config.grades)
            if suggested is None or suggested == customer.get("grade"):
                continue
            updated = history.with_change(
                customer,
                {**customer, "grade": suggested},
                session.now,
                user.id,
                "grade",
                "grade rule (分级管理)",
            )
            tx.put(CUSTOMER, _validated(session, updated))
            changed.append(updated)
    return changed
