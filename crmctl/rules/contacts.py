"""What a logged visit counts as: a contact with the customer, a meeting in person."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..config import Config


def counted(visits: list[dict]) -> list[dict]:
    """The visits that count: a void one (logged by mistake, `visit void`) stays on file only."""
    return [visit for visit in visits if not visit.get("void")]


def when(visit: dict) -> dt.datetime:
    return dt.datetime.fromisoformat(visit["at"])


def happened(stamp: str, now: dt.datetime) -> dt.datetime:
    """A moment that has passed (a contact, a change), in `now`'s zone. One dated after `now` (by a
    machine whose clock ran ahead) counts as `now`: a date to come must not put a follow-up off."""
    moment = dt.datetime.fromisoformat(stamp)
    if moment >= now:
        return now
    try:
        return moment.astimezone(now.tzinfo)
    except (
        OverflowError
    ):  # year 1 in its own zone, before it in now's: the earliest moment there is
        return dt.datetime.min.replace(tzinfo=now.tzinfo)


def reaches_customer(visit: dict, config: Config) -> bool:
    """A two-way contact: the customer was reached, on a channel that can reach them (not SMS or
    email)."""
    channel = config.vocabulary("channels").get(visit["channel"], {})
    return bool(visit["reached"]) and channel.get("reaches_customer", True)


def face_to_face(visit: dict, config: Config) -> bool:
    return bool(config.vocabulary("channels").get(visit["channel"], {}).get("face_to_face"))
