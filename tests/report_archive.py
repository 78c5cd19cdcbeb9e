"""A small hand-built archive for the report rules; every figure the tests expect is worked out by
hand in the tests' comments.

Calendar of the template: office 09:00-12:00 and 14:30-18:00 (6.5 h a working day), rest on Saturday
and Sunday, no holiday in November 2026. 2026-11-01 is a Sunday, 11-02 a Monday, 11-30 a Monday.
Deadlines: normal acknowledge 1wd / resolve 5wd, major 4wh / 2wd, callback 2wd.
"""

import datetime as dt
from importlib import resources

from crmctl.archive import yamlio
from crmctl.config import Config
from crmctl.rules.calendar import WorkCalendar

TZ = dt.timezone(dt.timedelta(hours=8))
CONFIG = Config(
    yamlio.loads(resources.files("crmctl.templates").joinpath("crmctl.yaml").read_bytes())
)
CALENDAR = WorkCalendar(CONFIG.calendar)
AFTER_NOVEMBER = dt.datetime(2026, 12, 5, 10, 0, tzinfo=TZ)  # November is over: cutoff 12-01 00:00


def stamp(text: str) -> str:
    """`MM-DDTHH:MM` in 2026, or a full `YYYY-MM-DDTHH:MM`, as a record timestamp."""
    return f"{text if len(text) > 11 else '2026-' + text}:00+08:00"


def complaint(
    ident,
    received,
    steps=(),
    *,
    by="liuyang",
    kind="complaint",
    severity="normal",
    category=None,
    status="received",
    customer="C2",
    **fields,
):
    """`steps`: (action, "MM-DDTHH:MM", {field: (from, to)}) history entries after the receipt."""
    history = [{"at": stamp(received), "by": by, "action": "receive"}]
    for action, moment, changes in steps:
        entry = {"at": stamp(moment), "by": by, "action": action}
        if changes:
            entry["changes"] = {
                field: {"from": old, "to": new} if old is not None else {"to": new}
                for field, (old, new) in changes.items()
            }
        history.append(entry)
    record = {
        "id": ident,
        "customer": customer,
        "kind": kind,
        "severity": severity,
        "category": category,
        "summary": "地板起鼓",
        "received": stamp(received),
        "first_responder": by,
        "handler": by,
        "status": status,
        "history": history,
        **fields,
    }
    return {key: value for key, value in record.items() if value is not None}


def valid(department, reply_by):
    return {"valid": True, "reason": "成立", "department": department, "reply_by": reply_by}


# T1 product, normal: judged 1 office hour after receipt, replied, resolved Thu 11-05 10:00,
# callback, closed.
T1 = complaint(
    "T1",
    "11-02T10:00",
    [
        ("judge", "11-02T11:00", {"status": ("received", "judged")}),
        ("reply", "11-03T10:00", {}),
        ("resolve", "11-05T10:00", {"status": ("implementing", "resolved")}),
        ("callback", "11-06T10:00", {"status": ("resolved", "followed_up")}),
        ("close", "11-06T11:00", {"status": ("followed_up", "closed")}),
    ],
    category="product",
    status="closed",
    judgement=valid("production", "2026-11-04"),
    reply="已答复",
    callback={"satisfaction": "satisfied"},
)
# T2 delivery, major, by chenjing: judged within its 4 office hours, never replied or resolved.
T2 = complaint(
    "T2",
    "11-10T09:30",
    [("judge", "11-10T15:00", {"status": ("received", "judged")})],
    by="chenjing",
    severity="major",
    category="delivery",
    status="judged",
    judgement=valid("logistics", "2026-11-12"),
)
# T3 an inquiry judged invalid (nothing to fix) and closed the same afternoon; received in the lunch
# break.
T3 = complaint(
    "T3",
    "11-25T14:00",
    [
        ("judge", "11-25T14:30", {"status": ("received", "judged")}),
        ("reply", "11-25T14:40", {}),
        ("close", "11-25T15:00", {"status": ("judged", "closed")}),
    ],
    by="lina",
    kind="inquiry",
    category="service",
    status="closed",
    judgement={"valid": False, "reason": "咨询"},
    reply="已答复",
)
# T4 billing, received Friday 11-27 16:00, judged only on Tuesday 12-01: at the November cutoff
# still received.
T4 = complaint(
    "T4",
    "11-27T16:00",
    [
        (
            "judge",
            "12-01T10:00",
            {"status": ("received", "judged"), "judgement": (None, valid("finance", "2026-12-04"))},
        )
    ],
    by="yangfan",
    category="billing",
    status="judged",
    judgement=valid("finance", "2026-12-04"),
)
# T5 received in October, resolved in November: handled in November, not received in it.
T5 = complaint(
    "T5",
    "2026-10-30T10:00",
    [
        ("judge", "2026-10-30T10:30", {"status": ("received", "judged")}),
        ("resolve", "11-03T10:00", {"status": ("implementing", "resolved")}),
    ],
    category="service",
    status="resolved",
    judgement=valid("service", "2026-11-02"),
)
# T6 received in October, still being investigated: part of the backlog at the cutoff.
T6 = complaint(
    "T6",
    "2026-10-20T10:00",
    [
        ("judge", "2026-10-20T10:30", {"status": ("received", "judged")}),
        ("investigate", "2026-10-21T10:00", {"status": ("judged", "investigating")}),
    ],
    category="product",
    status="investigating",
    judgement=valid("production", "2026-10-23"),
)
COMPLAINTS = [T1, T2, T3, T4, T5, T6]


def customer(ident, name, grade, owner, created="2026-01-05T10:00", **fields):
    return {
        "id": ident,
        "name": name,
        "grade": grade,
        "owner": owner,
        "status": "active",
        "created": stamp(created),
        "history": [{"at": stamp(created), "by": "lina", "action": "create"}],
        **fields,
    }


# K1, K2 key accounts (A1, A2); K3 a key account lost on 11-15 (no longer counts as one).
# N1..N4 new customers whose owners owe a first contact within 7d of creation.
CUSTOMERS = [
    customer("K1", "华丰建材", "A1", "wang"),
    customer("K2", "粤兴地产", "A2", "wang"),
    customer(
        "K3",
        "利达五金",
        "A1",
        "wang",
        status="lost",
        lost_at=stamp("11-15T10:00"),
        lost_reason="价格原因",
    ),
    customer("N1", "新客一", "B1", "liuyang", created="11-02T10:00"),  # due Mon 11-09
    customer("N2", "新客二", "B2", "chenjing", created="11-10T10:00"),  # due Tue 11-17
    customer("N3", "新客三", "C", "yangfan", created="11-20T10:00"),  # due Fri 11-27
    customer(
        "N4", "新客四", "D", "zhoumin", created="11-26T10:00"
    ),  # due Thu 12-03: not in November
]


def visit(customer_id, at, staff, channel="phone", reached=True, satisfaction=None):
    record = {
        "customer": customer_id,
        "staff": staff,
        "at": stamp(at),
        "channel": channel,
        "purpose": "routine",
        "reached": reached,
        "summary": "回访",
    }
    return {**record, "satisfaction": satisfaction} if satisfaction else record


VISITS = [
    visit("K2", "2026-10-20T10:00", "wang", satisfaction=4),  # October: not in the month
    visit("K1", "11-10T10:00", "wang", satisfaction=5),
    visit(
        "K2", "11-12T10:00", "wang", channel="sms"
    ),  # delivered, but an SMS is not a two-way contact
    visit("K3", "11-20T10:00", "wang", satisfaction=2),  # the 流失回访 after the loss
    visit("N1", "11-06T10:00", "liuyang", satisfaction=4),  # first contact on time
    visit("N2", "11-19T10:00", "chenjing", satisfaction=3),  # first contact two days late
    visit(
        "N3", "11-25T10:00", "yangfan", reached=False
    ),  # no answer: the first contact is still missing
]
