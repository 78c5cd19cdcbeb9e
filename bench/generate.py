"""A deterministic, realistic archive at scale N: `python -m bench.generate DIR --customers N`.

N customers, about 2N visits over two years, 0.2N complaints in every lifecycle state and about 2N
receivables (most paid, some late, part paid or open). The same
N and seed always give the same files (ids included). Files are written directly in canonical form,
in parallel, one chunk of customers (with their visits and complaints) per worker process; the data
root itself is a plain `crmctl init` root (sample team and rules), so every record is valid against
its config and `crmctl check` passes. Complaints go through the real lifecycle rules
(`complaint_lifecycle.apply_step`, `history.with_change`), so their states and histories agree.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from decimal import Decimal
from pathlib import Path

from crmctl.archive import canonical, ids, yamlio
from crmctl.archive.kinds import KINDS
from crmctl.archive.root import CONFIG_NAME
from crmctl.config import Config
from crmctl.rules import complaint_lifecycle as lifecycle
from crmctl.rules import history
from crmctl.store.init_root import create_root

CHUNK = 2000
TZ = dt.timezone(dt.timedelta(hours=8))
SPAN_START = dt.datetime(
    2024, 12, 1, 9, 0, tzinfo=TZ
)  # records spread over the two years before the demo "now"
SPAN_DAYS = 720
NOW = dt.datetime(2026, 11, 23, 9, 0, tzinfo=TZ)  # nothing happens after the demo "now"

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡"
    "余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯"
    "龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
GIVEN = (
    "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华建国海燕晓东红梅志丹玉飞鹏辉文"
    "博宇浩然子涵欣怡佳琪梓轩雨桐思远嘉慧婷琳德成"
)
CITIES = [
    "杭州",
    "宁波",
    "上海",
    "苏州",
    "南京",
    "北京",
    "天津",
    "石家庄",
    "广州",
    "深圳",
    "佛山",
    "东莞",
    "厦门",
    "成都",
    "武汉",
    "长沙",
]
REGIONS = {
    "杭州": "华东",
    "宁波": "华东",
    "上海": "华东",
    "苏州": "华东",
    "南京": "华东",
    "北京": "华北",
    "天津": "华北",
    "石家庄": "华北",
    "广州": "华南",
    "深圳": "华南",
    "佛山": "华南",
    "东莞": "华南",
    "厦门": "华南",
    "成都": "西南",
    "武汉": "华中",
    "长沙": "华中",
}
WORDS = [
    "华丰",
    "鑫源",
    "恒达",
    "宏远",
    "金盛",
    "永泰",
    "东方",
    "瑞祥",
    "天成",
    "新世纪",
    "博雅",
    "同创",
    "汇通",
    "嘉禾",
    "远航",
    "正大",
    "德润",
    "华美",
    "宝利",
    "长城",
    "中信",
    "安泰",
    "盛世",
    "锦程",
    "福瑞",
    "明珠",
    "众诚",
    "和信",
    "旭日",
    "凯达",
    "联华",
    "泰和",
    "金源",
    "广厦",
    "鸿运",
    "华辰",
    "立信",
    "万通",
    "佳美",
    "恒昌",
]
WORDS2 = ["", "兴业", "实业", "科技", "商贸", "新材料", "集团"]
TRADES = [
    "建材",
    "装饰工程",
    "家具",
    "陶瓷",
    "五金",
    "地板",
    "门窗",
    "涂料",
    "卫浴",
    "灯饰",
    "物业管理",
    "房地产开发",
    "石材",
    "玻璃",
    "橱柜",
    "墙纸",
    "照明",
    "水暖",
    "钢结构",
    "园林绿化",
]
SUFFIXES = ["有限公司", "股份有限公司", "经营部", "工程有限公司"]
STREETS = [
    "人民路",
    "解放路",
    "中山路",
    "建设路",
    "西湖路",
    "开发路",
    "滨江大道",
    "文化路",
    "新华街",
    "长江路",
]
TAGS = ["会员", "经销商", "优质", "老客户", "装修中", "工程客户", "设计师推荐"]
LOST_REASONS = [
    "价格原因, 转向竞争对手",
    "项目结束, 暂无需求",
    "对服务响应速度不满意",
    "公司搬迁至外地",
    "预算削减",
]
NOTES = [
    "每月初对账",
    "只接受上午来电",
    "偏好微信沟通, 回复较快",
    "年底有集中采购计划",
    "需要开具增值税专用发票",
]

# Grade -> (annual volume range in 万元, credits, margins): consistent with the grade rules of the
# template.
GRADE_SHAPES = {
    "A1": ((50, 300), ["good"], ["normal", "high"]),
    "A2": ((20, 50), ["good", "normal"], ["normal"]),
    "B1": ((5, 20), ["good", "normal", "poor"], ["normal", "high"]),
    "B2": ((2, 5), ["good", "normal", "poor"], ["normal"]),
    "C": ((20, 200), ["normal", "poor"], ["low"]),
    "D": ((0.2, 2), ["good", "normal"], ["high"]),
}
GRADE_WEIGHTS = {"A1": 2, "A2": 5, "B1": 18, "B2": 25, "C": 15, "D": 20, None: 15}


def _iso(at: dt.datetime) -> str:
    return at.isoformat(timespec="seconds")


def _when(rng: random.Random) -> dt.datetime:
    day = SPAN_START + dt.timedelta(days=rng.randrange(SPAN_DAYS))
    return day.replace(hour=rng.randrange(9, 18), minute=rng.randrange(60))


def _until_now(moment: dt.datetime) -> dt.datetime:
    """`moment`, or a minute before the demo "now" when it would fall after it (every record is
    created before then)."""
    return min(moment, NOW - dt.timedelta(minutes=1))


def _record_id(rng: random.Random, letter: str, at: dt.datetime) -> str:
    return ids.compose(letter, int(at.timestamp() * 1000), rng.getrandbits(29))


def _mobile(rng: random.Random) -> str:
    # Never 139…: bench/import_customers.py numbers its rows 139…, and an import must not meet
    # duplicates.
    return (
        rng.choice(["135", "136", "137", "138", "150", "158", "186", "188", "177"])
        + f"{rng.randrange(10**8):08d}"
    )


def _person_name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(
        rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2, 2)))
    )


def customer(rng: random.Random, config: Config) -> dict:
    """One customer: person or organisation, any grade (or none) and status, with a short
    history."""
    created = _when(rng)
    city = rng.choice(CITIES)
    grade = rng.choices(list(GRADE_WEIGHTS), weights=list(GRADE_WEIGHTS.values()))[0]
    managers = [s.id for s in config.team.values() if s.role == "manager" and s.active]
    others = [s.id for s in config.team.values() if s.role != "manager" and s.active]
    key_account = grade is not None and config.grades.get(grade, {}).get("key_account")
    owner = rng.choice(managers if key_account else others)
    record = {"id": _record_id(rng, "C", created)}
    if rng.random() < 0.45:
        record.update(
            name=_person_name(rng) + rng.choice(("先生", "女士")),
            type="person",
            birthday=dt.date(
                rng.randrange(1960, 2000), rng.randrange(1, 13), rng.randrange(1, 29)
            ).isoformat(),
        )
    else:
        record.update(
            name=f"{city}{rng.choice(WORDS)}{rng.choice(WORDS2)}{rng.choice(TRADES)}{rng.choice(SUFFIXES)}",
            type="organisation",
            contact=_person_name(rng) + rng.choice(("经理", "主任", "总监")),
        )
        if rng.random() < 0.3:
            record["anniversary"] = (
                f"{rng.randrange(1995, 2020)}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"
            )
    record["mobile"] = _mobile(rng)
    if rng.random() < 0.3:
        area = rng.randrange(10, 99)  # 010-029 have three digits, the other area codes four
        record["phone"] = f"0{area}{'' if area < 30 else '1'}-{rng.randrange(10**7, 10**8)}"
    if rng.random() < 0.4:
        # not c<n>@example.com, as imported rows are
        record["email"] = f"kh{rng.randrange(10**8):08d}@example.net"
    record.update(
        address=f"{city}市{rng.choice(STREETS)}{rng.randrange(1, 999)}号",
        region=REGIONS[city],
        preferred_channel=rng.choice(list(config.vocabulary("channels"))),
    )
    if grade:
        (low, high), credits, margins = GRADE_SHAPES[grade]
        record.update(
            grade=grade,
            annual_volume=round(rng.uniform(low, high), 1),
            credit=rng.choice(credits),
            margin=rng.choice(margins),
        )
    status = rng.choices(["prospect", "active", "lost"], weights=[20, 70, 10])[0]
    unowned = (
        status == "prospect" and not key_account and rng.random() < 0.15
    )  # a lead nobody took yet
    if not unowned:
        record["owner"] = owner
    if key_account and rng.random() < 0.5:
        record["secondary_contacts"] = rng.sample(others, 2)
    record["status"] = status
    record["source"] = rng.choice(list(config.vocabulary("sources")))
    if rng.random() < 0.4:
        record["tags"] = rng.sample(TAGS, rng.randrange(1, 3))
    if rng.random() < 0.2:
        record["notes"] = rng.choice(NOTES)
    history = [
        {
            "at": _iso(created),
            "by": owner if not unowned else rng.choice(managers),
            "action": "create",
        }
    ]
    updated = created
    if status == "lost":
        updated = _until_now(created + dt.timedelta(days=rng.randrange(1, 300), hours=1))
        record.update(lost_reason=rng.choice(LOST_REASONS), lost_at=_iso(updated))
        history.append(
            {
                "at": _iso(updated),
                "by": owner,
                "action": "lose",
                "changes": {
                    "status": {"from": "active", "to": "lost"},
                    "lost_reason": {"to": record["lost_reason"]},
                    "lost_at": {"to": _iso(updated)},
                },
            }
        )
    elif grade and rng.random() < 0.3:
        updated = _until_now(created + dt.timedelta(days=rng.randrange(1, 300), hours=2))
        before = record["annual_volume"]
        history.append(
            {
                "at": _iso(updated),
                "by": history[0]["by"],
                "action": "edit",
                "changes": {"annual_volume": {"from": round(before * 0.8, 1), "to": before}},
                "note": "年度采购计划调整",
            }
        )
    record.update(created=_iso(created), updated=_iso(updated), history=history)
    return record


VISIT_CHANNELS = {
    "phone": 45,
    "wechat": 20,
    "onsite": 9,
    "walkin": 5,
    "sms": 9,
    "qq": 6,
    "email": 6,
}
VISITS_PER_CUSTOMER = (0, 1, 1, 2, 2, 2, 3, 3, 4)  # 2 on average
SATISFACTION = {5: 40, 4: 30, 3: 20, 2: 6, 1: 4}
VISIT_SUMMARIES = [
    "例行电话回访, 客户近期订单正常",
    "了解新项目进度, 客户计划下月追加采购",
    "介绍新品系列, 客户有兴趣索取样册",
    "上门拜访, 查看现场施工情况",
    "确认上批货物到货及安装情况",
    "客户反馈价格偏高, 已说明优惠政策",
    "节日问候",
    "满意度调查, 客户总体满意",
    "对账并确认回款计划",
    "未接通, 稍后再联系",
]
NEEDS = [
    "希望缩短交货周期",
    "需要提供安装指导",
    "要求开具专用发票",
    "希望增加样品",
    "询问年度返利政策",
]
COMPLAINT_KINDS = {"complaint": 70, "suggestion": 12, "inquiry": 12, "lookup": 6}
SEVERITIES = {"normal": 85, "major": 12, "crisis": 3}
COMPLAINT_CHANNELS = {"phone": 50, "in_person": 10, "email": 10, "web": 10, "visit": 20}
COMPLAINT_SUMMARIES = {
    "product": "地板起鼓开裂, 要求上门查看",
    "delivery": "送货延误三天, 影响施工进度",
    "service": "安装师傅态度差, 现场未清理",
    "billing": "发票金额与合同不符",
    "other": "对售后流程有疑问",
}
VALID_PATH = (
    "judge",
    "reply",
    "investigate",
    "propose",
    "approve",
    "implement",
    "resolve",
    "callback",
    "close",
)
INVALID_PATH = ("judge", "reply", "close")
STEP_HOURS = {
    "judge": (0.3, 20),
    "reply": (1, 24),
    "investigate": (2, 48),
    "propose": (2, 48),
    "approve": (1, 24),
    "implement": (4, 72),
    "resolve": (24, 120),
    "callback": (24, 60),
    "close": (1, 48),
}


def _pick(rng: random.Random, weights: dict):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _office(at: dt.datetime) -> dt.datetime:
    """The moment moved into office hours (09:00-18:00 on a weekday), as people work."""
    if at.hour >= 18:
        at = (at + dt.timedelta(days=1)).replace(hour=9)
    elif at.hour < 9:
        at = at.replace(hour=9)
    while at.weekday() >= 5:
        at = (at + dt.timedelta(days=1)).replace(hour=9)
    return at.replace(second=0, microsecond=0)


def visit(rng: random.Random, customer: dict, at: dt.datetime, purpose: str, staff: str) -> dict:
    """One contact with a customer, as `visit log` writes it."""
    channel = _pick(rng, VISIT_CHANNELS)
    reached = rng.random() < (0.75 if channel == "phone" else 0.92)
    record = {
        "id": _record_id(rng, "V", at),
        "customer": customer["id"],
        "staff": staff,
        "at": _iso(at),
        "channel": channel,
        "purpose": purpose,
        "reached": reached,
        "summary": rng.choice(VISIT_SUMMARIES[:-1]) if reached else VISIT_SUMMARIES[-1],
    }
    if reached and rng.random() < 0.2:
        record["needs"] = rng.choice(NEEDS)
    if reached and rng.random() < 0.6:
        record["satisfaction"] = _pick(rng, SATISFACTION)
    if reached and rng.random() < 0.25:
        record["next_followup"] = (at.date() + dt.timedelta(days=rng.randrange(7, 60))).isoformat()
    if not reached and channel == "phone" and rng.random() < 0.4:
        record["callback_at"] = _iso(
            _office(at + dt.timedelta(days=rng.randrange(1, 4))).replace(hour=rng.choice((10, 15)))
        )
    return history.created(record, at, staff, action="log")


def visits(rng: random.Random, customer: dict, config: Config) -> list[dict]:
    """The customer's contacts since it joined, oldest first, mostly by its owner; a lost customer
    gets a visit to learn why."""
    if not customer.get("owner"):
        return []  # nobody has contacted an unassigned lead yet
    created = dt.datetime.fromisoformat(customer["created"])
    span = (NOW - created).total_seconds()
    moments = sorted(
        _office(created + dt.timedelta(seconds=rng.random() * span))
        for _ in range(rng.choice(VISITS_PER_CUSTOMER))
    )
    staff = [customer["owner"], *customer.get("secondary_contacts", ())]
    out = []
    for n, at in enumerate(m for m in moments if m < NOW):
        purpose = (
            "first_contact"
            if n == 0
            else _pick(rng, {"routine": 70, "occasion": 10, "survey": 10, "next_day": 10})
        )
        out.append(visit(rng, customer, at, purpose, rng.choice(staff)))
    if customer["status"] == "lost" and rng.random() < 0.6:
        at = _office(
            dt.datetime.fromisoformat(customer["lost_at"]) + dt.timedelta(days=rng.randrange(1, 10))
        )
        if at < NOW:
            out.append(visit(rng, customer, at, "lost", customer["owner"]))
    return out


def _inputs(
    rng: random.Random, step: str, complaint: dict, at: dt.datetime, config: Config
) -> dict:
    """What a person types for a lifecycle step."""
    category = complaint.get("category", "other")
    if step == "judge":
        valid = complaint["kind"] in ("complaint", "suggestion") and rng.random() < 0.85
        return {
            "valid": valid,
            "reason": "情况属实" if valid else "经核实不属于质量问题, 已向客户解释",
            "department": config.vocabulary("categories")[category].get("department", "service"),
            "reply_by": at.date() + dt.timedelta(days=rng.randrange(1, 6)),
        }
    return {
        "investigate": {
            "root_cause": "批次含水率偏高",
            "responsible": _person_name(rng),
            "cause": category,
        },
        "propose": {"proposals": ["免费更换问题地板", "按面积折价补偿"][: rng.randrange(1, 3)]},
        "approve": {"proposal": 1},
        "implement": {
            "actions": "已安排师傅上门更换",
            "compensation": "赠送保养服务一次" if rng.random() < 0.3 else None,
        },
        "resolve": {"acceptance": "客户确认问题已解决"},
        "callback": {
            "satisfaction": _pick(rng, {"satisfied": 70, "neutral": 22, "unsatisfied": 8}),
            "comment": "客户认可处理结果",
        },
        "close": {"summary": "按流程处理完毕", "improvement": "加强出厂含水率检测"},
    }[step]


def complaint(rng: random.Random, customer: dict, config: Config, raised_in: dict | None) -> dict:
    """A complaint taken as far along its lifecycle as its age allows (older ones mostly closed),
    each step a history entry made by the same rules `crmctl complaint` uses."""
    created = dt.datetime.fromisoformat(customer["created"])
    received = (
        dt.datetime.fromisoformat(raised_in["at"])
        if raised_in
        else _office(created + dt.timedelta(seconds=rng.random() * (NOW - created).total_seconds()))
    )
    kind, severity = _pick(rng, COMPLAINT_KINDS), _pick(rng, SEVERITIES)
    category = rng.choice(list(config.vocabulary("categories")))
    team = [s for s in config.team.values() if s.active]
    receiver = (
        raised_in["staff"]
        if raised_in
        else rng.choice([s.id for s in team if s.role == "specialist"])
    )
    handler = (
        rng.choice([s.id for s in team if s.role == "manager"])
        if severity == "crisis"
        else receiver
    )
    approvers = [s.id for s in team if s.role in ("supervisor", "manager")]
    record = {
        "id": _record_id(rng, "T", received),
        "customer": customer["id"],
        "kind": kind,
        "severity": severity,
        "channel": "visit"
        if raised_in
        else _pick(rng, {k: v for k, v in COMPLAINT_CHANNELS.items() if k != "visit"}),
        "category": category,
        "summary": COMPLAINT_SUMMARIES[category],
        "received": _iso(received),
        "first_responder": receiver,
        "handler": handler,
        "status": "received",
    }
    if raised_in:
        record["visits"] = [raised_in["id"]]
    record = history.created(record, received, receiver, action="receive")
    age_days = (NOW - received).days
    stop = None if age_days > 40 and rng.random() < 0.92 else rng.randrange(len(VALID_PATH) + 1)
    at, path, hold_at = received, VALID_PATH, rng.randrange(2, 6) if rng.random() < 0.1 else None
    for n, step in enumerate(path):
        if n == stop:
            break
        at = _office(at + dt.timedelta(hours=rng.uniform(*STEP_HOURS[step])))
        if at >= NOW:
            break
        if n == hold_at and record["status"] in lifecycle.CLOCK_RUNNING:
            held = lifecycle.hold(record, "等待客户提供现场照片")
            record = history.with_change(record, held, at, handler, "hold", held["hold_reason"])
            at = _office(at + dt.timedelta(hours=rng.uniform(4, 72)))
            if at >= NOW:
                break
            record = history.with_change(record, lifecycle.resume(record), at, handler, "resume")
        if step == "reply":
            updated = lifecycle.reply(record, "已向客户说明处理进度和答复时间")
        else:
            updated = lifecycle.apply_step(
                record, step, _inputs(rng, step, record, at, config), at.date()
            )
        record = history.with_change(
            record, updated, at, rng.choice(approvers) if step == "approve" else handler, step
        )
        if step == "judge" and lifecycle.is_invalid(record):
            path = INVALID_PATH
            break
    if path is INVALID_PATH and stop != 1:  # 不成立: a tactful reply, then closing
        for step in path[1:]:
            at = _office(at + dt.timedelta(hours=rng.uniform(*STEP_HOURS[step])))
            if at >= NOW:
                break
            updated = (
                lifecycle.reply(record, "已向客户解释")
                if step == "reply"
                else lifecycle.apply_step(
                    record,
                    step,
                    {"summary": "经核实不成立, 已解释", "improvement": None},
                    at.date(),
                )
            )
            record = history.with_change(record, updated, at, handler, step)
    return record


def receivables(rng: random.Random, customer: dict) -> list[dict]:
    """About two invoices per customer since it joined, due 30 days after issue: most paid (on time
    or late), some in part, some open, a few written off; nothing dated after the demo "now"."""
    joined = dt.datetime.fromisoformat(customer["created"])
    staff = customer.get("owner") or "lina"
    out = []
    for number in range(rng.choice((1, 2, 2, 3))):
        issued = max(_when(rng), joined)
        if issued >= NOW - dt.timedelta(days=1):
            continue
        due = issued.date() + dt.timedelta(days=30)
        amount = Decimal(rng.randrange(50_000, 20_000_000)) / 100
        record = {
            "id": _record_id(rng, "R", issued),
            "customer": customer["id"],
            "number": f"INV-{issued:%Y%m}-{rng.randrange(10_000):04d}-{number}",
            "amount": format(amount, "f"),
            "currency": "CNY",
            "issued": issued.date().isoformat(),
            "due": due.isoformat(),
            "state": "open",
        }
        record = history.created(record, issued, staff, action="bill")
        paid_on = due + dt.timedelta(days=rng.choice((-10, -2, 0, 5, 20, 60)))
        fate = rng.random()
        if fate < 0.85 and paid_on <= NOW.date():
            part = amount if fate < 0.7 else (amount / 2).quantize(Decimal("0.01"))
            payment = {
                "id": _record_id(rng, "Y", issued),
                "date": paid_on.isoformat(),
                "amount": format(part, "f"),
                "by": staff,
            }
            after = {
                **record,
                "payments": [payment],
                "state": "closed" if part == amount else "open",
            }
            moment = dt.datetime.combine(paid_on, dt.time(16), TZ)
            record = history.with_change(record, after, _until_now(moment), staff, "pay")
        out.append(record)
    return out


def customer_story(rng: random.Random, config: Config) -> list[tuple[str, dict]]:
    """One customer and what happened with them: (kind name, record) in the order they refer to each
    other."""
    made = customer(rng, config)
    out = [("customer", made)]
    contacts = visits(rng, made, config)
    out += [("visit", v) for v in contacts]
    # their own stream, so that adding them left every other record of a seed as it was
    out += [("receivable", r) for r in receivables(random.Random(made["id"]), made)]
    if rng.random() < 0.18:  # about 0.2 complaints per customer, a fifth raised during a visit
        raised_in = rng.choice(contacts) if contacts and rng.random() < 0.2 else None
        record = complaint(rng, made, config, raised_in)
        if raised_in:
            raised_in["complaint"] = record["id"]
        out.append(("complaint", record))
        if rng.random() < 0.1:
            out.append(("complaint", complaint(rng, made, config, None)))
    return out


def _write_chunk(job) -> dict[str, int]:
    root, seed, chunk, count = job
    config = Config(yamlio.loads((Path(root) / CONFIG_NAME).read_bytes()))
    rng = random.Random(f"{seed}:{chunk}")
    made, counts = set(), dict.fromkeys(KINDS, 0)
    for _ in range(count):
        for kind_name, record in customer_story(rng, config):
            kind = KINDS[kind_name]
            target = Path(root) / "records" / kind.folder
            if kind.month_field:
                stamp = record[kind.month_field]
                target = target / stamp[:4] / stamp[5:7]
            if target not in made:
                target.mkdir(parents=True, exist_ok=True)
                made.add(target)
            (target / f"{record['id']}.yaml").write_bytes(canonical.to_bytes(kind.schema, record))
            counts[kind_name] += 1
    return counts


def generate(
    root: Path, customers: int, seed: int = 7, workers: int | None = None
) -> dict[str, int]:
    """Create a data root at `root` holding a generated archive; returns the number of records per
    type."""
    create_root(root)
    counts = dict.fromkeys(KINDS, 0)
    jobs = [
        (str(root), seed, chunk, min(CHUNK, customers - start))
        for chunk, start in enumerate(range(0, customers, CHUNK))
    ]
    with ProcessPoolExecutor(max_workers=workers or os.cpu_count()) as pool:
        for done in pool.map(_write_chunk, jobs):
            for kind_name, n in done.items():
                counts[kind_name] += n
    return counts


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "root", type=Path, help="new data root to create (must not hold a crmctl.yaml yet)"
    )
    parser.add_argument("--customers", "-n", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    counts = generate(args.root, args.customers, args.seed)
    print(
        ", ".join(f"{n} {kind}(s)" for kind, n in counts.items())
        + f" in {time.perf_counter() - started:.1f}s",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
