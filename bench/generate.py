"""A deterministic, realistic archive at scale N: `python -m bench.generate DIR --customers N`.

The same N and seed always give the same files (ids included). Files are written directly in
canonical form, in parallel, one chunk of records per worker process; the data root itself is a
plain `crmctl init` root (sample team and rules), so every record is valid against its config.
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from crmctl.config import Config
from crmctl.store import canonical, ids, yamlio
from crmctl.store.init_root import create_root
from crmctl.store.kinds import KINDS
from crmctl.store.root import CONFIG_NAME

CHUNK = 2000
TZ = dt.timezone(dt.timedelta(hours=8))
SPAN_START = dt.datetime(2024, 12, 1, 9, 0, tzinfo=TZ)  # records spread over the two years before the demo "now"
SPAN_DAYS = 720

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华建国海燕晓东红梅志丹玉飞鹏辉文博宇浩然子涵欣怡佳琪梓轩雨桐思远嘉慧婷琳德成"
CITIES = ["杭州", "宁波", "上海", "苏州", "南京", "北京", "天津", "石家庄", "广州", "深圳", "佛山", "东莞", "厦门", "成都", "武汉", "长沙"]
REGIONS = {"杭州": "华东", "宁波": "华东", "上海": "华东", "苏州": "华东", "南京": "华东", "北京": "华北", "天津": "华北",
           "石家庄": "华北", "广州": "华南", "深圳": "华南", "佛山": "华南", "东莞": "华南", "厦门": "华南", "成都": "西南",
           "武汉": "华中", "长沙": "华中"}
WORDS = ["华丰", "鑫源", "恒达", "宏远", "金盛", "永泰", "东方", "瑞祥", "天成", "新世纪", "博雅", "同创", "汇通", "嘉禾", "远航", "正大",
         "德润", "华美", "宝利", "长城", "中信", "安泰", "盛世", "锦程", "福瑞", "明珠", "众诚", "和信", "旭日", "凯达", "联华", "泰和",
         "金源", "广厦", "鸿运", "华辰", "立信", "万通", "佳美", "恒昌"]
WORDS2 = ["", "兴业", "实业", "科技", "商贸", "新材料", "集团"]
TRADES = ["建材", "装饰工程", "家具", "陶瓷", "五金", "地板", "门窗", "涂料", "卫浴", "灯饰", "物业管理", "房地产开发",
          "石材", "玻璃", "橱柜", "墙纸", "照明", "水暖", "钢结构", "园林绿化"]
SUFFIXES = ["有限公司", "股份有限公司", "经营部", "工程有限公司"]
STREETS = ["人民路", "解放路", "中山路", "建设路", "西湖路", "开发路", "滨江大道", "文化路", "新华街", "长江路"]
TAGS = ["会员", "经销商", "优质", "老客户", "装修中", "工程客户", "设计师推荐"]
LOST_REASONS = ["价格原因, 转向竞争对手", "项目结束, 暂无需求", "对服务响应速度不满意", "公司搬迁至外地", "预算削减"]
NOTES = ["每月初对账", "只接受上午来电", "偏好微信沟通, 回复较快", "年底有集中采购计划", "需要开具增值税专用发票"]

# Grade -> (annual volume range in 万元, credits, margins): consistent with the grade rules of the template.
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


def _record_id(rng: random.Random, letter: str, at: dt.datetime) -> str:
    return ids.compose(letter, int(at.timestamp() * 1000), rng.getrandbits(29))


def _mobile(rng: random.Random) -> str:
    return rng.choice(["13", "15", "18", "17"]) + f"{rng.randrange(10 ** 9):09d}"


def _person_name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2, 2))))


def customer(rng: random.Random, config: Config) -> dict:
    """One customer: person or organisation, any grade (or none) and status, with a short history."""
    created = _when(rng)
    city = rng.choice(CITIES)
    grade = rng.choices(list(GRADE_WEIGHTS), weights=list(GRADE_WEIGHTS.values()))[0]
    managers = [s.id for s in config.team.values() if s.role == "manager" and s.active]
    others = [s.id for s in config.team.values() if s.role != "manager" and s.active]
    key_account = grade is not None and config.grades.get(grade, {}).get("key_account")
    owner = rng.choice(managers if key_account else others)
    record = {"id": _record_id(rng, "C", created)}
    if rng.random() < 0.45:
        record.update(name=_person_name(rng) + rng.choice(("先生", "女士")), type="person",
                      birthday=f"{rng.randrange(1960, 2000)}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}")
    else:
        record.update(name=f"{city}{rng.choice(WORDS)}{rng.choice(WORDS2)}{rng.choice(TRADES)}{rng.choice(SUFFIXES)}", type="organisation",
                      contact=_person_name(rng) + rng.choice(("经理", "主任", "总监")))
        if rng.random() < 0.3:
            record["anniversary"] = f"{rng.randrange(1995, 2020)}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"
    record["mobile"] = _mobile(rng)
    if rng.random() < 0.3:
        record["phone"] = f"0{rng.randrange(10, 99)}-{rng.randrange(10 ** 7, 10 ** 8)}"
    if rng.random() < 0.4:
        record["email"] = f"c{rng.randrange(10 ** 8)}@example.com"
    record.update(address=f"{city}市{rng.choice(STREETS)}{rng.randrange(1, 999)}号", region=REGIONS[city],
                  preferred_channel=rng.choice(list(config.vocabulary("channels"))))
    if grade:
        (low, high), credits, margins = GRADE_SHAPES[grade]
        record.update(grade=grade, annual_volume=round(rng.uniform(low, high), 1), credit=rng.choice(credits),
                      margin=rng.choice(margins))
    record["owner"] = owner
    if key_account and rng.random() < 0.5:
        record["secondary_contacts"] = rng.sample(others, 2)
    status = rng.choices(["prospect", "active", "lost"], weights=[20, 70, 10])[0]
    record["status"] = status
    record["source"] = rng.choice(list(config.vocabulary("sources")))
    if rng.random() < 0.4:
        record["tags"] = rng.sample(TAGS, rng.randrange(1, 3))
    if rng.random() < 0.2:
        record["notes"] = rng.choice(NOTES)
    history = [{"at": _iso(created), "by": owner, "action": "create"}]
    updated = created
    if status == "lost":
        updated = created + dt.timedelta(days=rng.randrange(1, 300), hours=1)
        record.update(lost_reason=rng.choice(LOST_REASONS), lost_at=_iso(updated))
        history.append({"at": _iso(updated), "by": owner, "action": "lose",
                        "changes": {"status": {"from": "active", "to": "lost"},
                                    "lost_reason": {"to": record["lost_reason"]}, "lost_at": {"to": _iso(updated)}}})
    elif grade and rng.random() < 0.3:
        updated = created + dt.timedelta(days=rng.randrange(1, 300), hours=2)
        before = record["annual_volume"]
        history.append({"at": _iso(updated), "by": owner, "action": "edit",
                        "changes": {"annual_volume": {"from": round(before * 0.8, 1), "to": before}},
                        "note": "年度采购计划调整"})
    record.update(created=_iso(created), updated=_iso(updated), history=history)
    return record


# What the generator can write, in dependency order, with how many per customer. Visits (~2 per
# customer) and complaints (~0.2) join this table once their schemas are part of crmctl.
GENERATORS = {"customer": (customer, 1.0)}


def _write_chunk(job) -> int:
    root, kind_name, seed, chunk, count = job
    kind = KINDS[kind_name]
    make, _ = GENERATORS[kind_name]
    config = Config(yamlio.loads((Path(root) / CONFIG_NAME).read_bytes()))
    rng = random.Random(f"{seed}:{kind_name}:{chunk}")
    folder = Path(root) / "records" / kind.folder
    made = set()
    for _ in range(count):
        record = make(rng, config)
        if kind.month_field:
            stamp = record[kind.month_field]
            target = folder / stamp[:4] / stamp[5:7]
            if target not in made:
                target.mkdir(parents=True, exist_ok=True)
                made.add(target)
        else:
            target = folder
        (target / f"{record['id']}.yaml").write_bytes(canonical.to_bytes(kind.schema, record))
    return count


def generate(root: Path, customers: int, seed: int = 7, workers: int | None = None) -> dict[str, int]:
    """Create a data root at `root` holding a generated archive; returns the number of records per type."""
    create_root(root)
    counts = {}
    with ProcessPoolExecutor(max_workers=workers or os.cpu_count()) as pool:
        for kind_name, (_, per_customer) in GENERATORS.items():
            total = round(customers * per_customer)
            jobs = [(str(root), kind_name, seed, chunk, min(CHUNK, total - start))
                    for chunk, start in enumerate(range(0, total, CHUNK))]
            counts[kind_name] = sum(pool.map(_write_chunk, jobs))
    return counts


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", type=Path, help="new data root to create (must not hold a crmctl.yaml yet)")
    parser.add_argument("--customers", "-n", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    counts = generate(args.root, args.customers, args.seed)
    print(", ".join(f"{n} {kind}(s)" for kind, n in counts.items()) + f" in {time.perf_counter() - started:.1f}s",
          file=sys.stderr)


if __name__ == "__main__":
    main()
