"""Cells as people type them, read into field values."""

from __future__ import annotations

import datetime as dt
import re
from importlib import resources

import pytest

from crmctl.actions.import_values import ValueReader
from crmctl.actions.io_kinds import CUSTOMERS
from crmctl.archive import yamlio
from crmctl.config import Config
from crmctl.rules.phones import Phone
from crmctl.timeutil import zone

TEMPLATE = resources.files("crmctl.templates").joinpath("crmctl.yaml")


@pytest.fixture(scope="module")
def reader():
    return ValueReader(
        CUSTOMERS, Config(yamlio.loads(TEMPLATE.read_bytes())), zone("Asia/Shanghai")
    )


@pytest.mark.parametrize(
    ("field", "cell", "value"),
    [
        ("annual_volume", "1,200", 1200),
        ("annual_volume", "50万元", 50),
        ("annual_volume", 8.0, 8),
        ("annual_volume", "2.5", 2.5),
        ("mobile", 13805711234.0, [Phone("13805711234")]),
        ("mobile", "138 0571 1234", [Phone("13805711234")]),  # written as `customer add` does
        ("phone", "(0571)88881234 王经理", [Phone("0571-88881234", "王经理")]),
        (
            "extra",
            {"成立": dt.datetime(2014, 6, 9), "签约": dt.date(2020, 3, 1)},
            {"成立": "2014-06-09", "签约": "2020-03-01"},
        ),
        ("qq", 12345678, "12345678"),
        ("grade", "a1", "A1"),
        ("grade", "A一级", "A1"),
        ("grade", "B二级", "B2"),
        ("status", "流失", "lost"),
        ("credit", "好", "good"),
        ("source", "老客户介绍", "referral"),
        ("preferred_channel", "微信", "wechat"),
        ("owner", "李娜", "lina"),
        ("owner", "Zhou.Min@example.com", "zhoumin"),
        ("secondary_contacts", "刘洋、陈静", ["liuyang", "chenjing"]),
        ("tags", "会员, 优质；经销商", ["会员", "优质", "经销商"]),
        ("lost_at", "2026-11-20 14:00", "2026-11-20T14:00:00+08:00"),
        ("lost_at", dt.datetime(2026, 11, 20, 14, 0), "2026-11-20T14:00:00+08:00"),
        ("birthday", "1985年6月1日", "1985-06-01"),
        ("extra", {"ERP": 7, "空": ""}, {"ERP": "7"}),
    ],
)
def test_cells_become_field_values(reader, field, cell, value):
    assert reader.read(field, cell) == value


@pytest.mark.parametrize(
    ("field", "cell", "reason"),
    [
        ("annual_volume", "很多", "not a number"),
        ("annual_volume", "nan", "not a finite number"),
        ("grade", "VIP", "not a known grade (known: A1, A2, B1, B2, C, D, or their labels)"),
        ("owner", "张三", "not on the team"),
        ("lost_at", "昨天", "not a date and time"),
        ("mobile", "138****1234", "masked by `export --redact`"),
        ("name", ["a"], "expected text"),
    ],
)
def test_bad_cells_say_why(reader, field, cell, reason):
    with pytest.raises(ValueError, match=re.escape(reason)):
        reader.read(field, cell)
