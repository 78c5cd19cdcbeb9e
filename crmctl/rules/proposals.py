"""A complaint's proposals (处理方案), each with a stable id, and the approval that points at one.

A proposal is `{id, text}`; crmctl gives the id when it is proposed (`S` and 15 characters, as
record ids are made, so proposals made in two clones never share one). Two clones' lists then
merge by id, and `approved_proposal` holds the id of what the approver saw, never a position that
a proposal added elsewhere could shift.

Archives written before ids hold plain texts and `approved_proposal: <number>`; they keep reading,
and the next write upgrades them: the text at position n becomes `{id: S<n>, text}` (the same in
every clone, so two clones upgrading one complaint agree), a number n becomes `S<n>`. The upgrade
changes the form, not what the complaint says, so it writes no history entry: the history's replay
and the audit compare the two forms as equal (`normal`).
"""

from __future__ import annotations

from ..errors import CrmError

LETTER = "S"
PROPOSALS, APPROVED = "proposals", "approved_proposal"


def legacy_id(position: int) -> str:
    return f"{LETTER}{position}"


def proposal_id(item, position: int) -> str:
    """The id of the proposal `item` at `position` (1 = first) of its list."""
    return item["id"] if isinstance(item, dict) else legacy_id(position)


def text(item) -> str:
    return item["text"] if isinstance(item, dict) else item


def is_legacy(complaint: dict) -> bool:
    return isinstance(complaint.get(APPROVED), int) or any(
        not isinstance(item, dict) for item in complaint.get(PROPOSALS) or ()
    )


def mixed(*complaints: dict) -> bool:
    """Whether some of `complaints` are in the form before ids and some in the form with them."""
    with_ids = any(
        isinstance(complaint.get(APPROVED), str)
        or any(isinstance(item, dict) for item in complaint.get(PROPOSALS) or ())
        for complaint in complaints
    )
    return with_ids and any(is_legacy(complaint) for complaint in complaints)


def upgraded(complaint: dict) -> dict:
    """The complaint with its proposals and approval in the form with ids."""
    if not is_legacy(complaint):
        return complaint
    out = dict(complaint)
    listed = complaint.get(PROPOSALS) or []
    if listed:
        out[PROPOSALS] = [
            {"id": proposal_id(item, n), "text": text(item)} for n, item in enumerate(listed, 1)
        ]
    approved = complaint.get(APPROVED)
    if isinstance(approved, int):
        out[APPROVED] = legacy_id(approved)
    return out


def normal(field: str, value):
    """A field's value in the form with ids, for comparing values written in either form."""
    if field not in (PROPOSALS, APPROVED):
        return value
    return upgraded({field: value}).get(field)


def numbered(complaint: dict) -> list[str]:
    """The ids of a complaint's proposals, in the order `complaint show` numbers them."""
    return [proposal_id(item, n) for n, item in enumerate(complaint.get(PROPOSALS) or [], 1)]


def same(field: str, one, other) -> bool:
    """Whether two values of a field are equal, the one written before proposal ids and the other
    after them compared in the form with ids."""
    if mixed({field: one}, {field: other}):
        one, other = normal(field, one), normal(field, other)
    if isinstance(one, list) and isinstance(other, list):
        return len(one) == len(other) and all(item in other for item in one)
    return one == other


def chosen(complaint: dict, ref) -> str:
    """The id of the proposal `ref` names: its number as `complaint show` lists it (1 = first), or
    its id (any case), or the start of its id."""
    ids = numbered(complaint)
    wanted = str(ref).strip().upper()
    if wanted.isdigit() and 1 <= int(wanted) <= len(ids):
        return ids[int(wanted) - 1]
    matches = [one for one in ids if one == wanted] or [
        one for one in ids if wanted and one.startswith(wanted)
    ]
    if len(matches) == 1:
        return matches[0]
    known = ", ".join(f"{n} ({one})" for n, one in enumerate(ids, 1)) or "none yet"
    raise CrmError(
        f"--proposal {ref} names no single proposal of {complaint.get('id')}: give its number or "
        f"id (the proposals: {known})"
    )


def proposed_by(complaint: dict, wanted: str) -> tuple[int, str] | None:
    """(index of the history entry, who) that put forward the proposal with id `wanted`: the entry
    adding it, or for a proposal from before ids (`S<n>`), the entry adding the n-th text."""
    position = int(wanted[1:]) if wanted[1:].isdigit() else None
    made = 0
    for index, entry in enumerate(complaint.get("history") or ()):
        added = _proposals_added(entry)
        if added is None:
            continue
        texts = [item for item in added if isinstance(item, str)]
        made += len(texts)
        if any(isinstance(item, dict) and item.get("id") == wanted for item in added) or (
            position is not None and texts and made - len(texts) < position <= made
        ):
            return index, entry.get("by")
    return None


def _proposals_added(entry) -> list | None:
    """The proposals a history entry adds (None: it does not change the proposals)."""
    change = ((entry.get("changes") or {}) if isinstance(entry, dict) else {}).get(PROPOSALS)
    if not isinstance(change, dict):
        return None
    before = change.get("from") or []
    return [item for item in change.get("to") or [] if item not in before]


def approval_problems(complaint: dict) -> list[tuple[tuple, str]]:
    """An approval of a proposal the complaint does not hold, or that its approver could not have
    seen (approved before the entry that proposed it)."""
    approved = complaint.get(APPROVED)
    listed = complaint.get(PROPOSALS) or []
    if isinstance(approved, int):  # the form before ids: a position in the list
        if approved > len(listed):
            return [((APPROVED,), f"there are only {len(listed)} proposals")]
        return []
    if not isinstance(approved, str):
        return []
    if approved not in numbered(complaint):
        return [((APPROVED,), f"no proposal {approved} among the proposals")]
    made = proposed_by(complaint, approved)
    approval = _approved_at(complaint, approved)
    if made is not None and approval is not None and approval < made[0]:
        return [
            (
                (APPROVED,),
                f"{approved} was approved (history[{approval}]) before it was proposed "
                f"(history[{made[0]}]): the approver never saw it",
            )
        ]
    return []


def _approved_at(complaint: dict, wanted: str) -> int | None:
    """The index of the last history entry that set the approval to `wanted`."""
    found = None
    for index, entry in enumerate(complaint.get("history") or ()):
        change = ((entry.get("changes") or {}) if isinstance(entry, dict) else {}).get(APPROVED)
        if isinstance(change, dict) and change.get("to") == wanted:
            found = index
    return found
