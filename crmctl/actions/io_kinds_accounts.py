"""Import and export of the key accounts' records, receivables (应收账款) and plans (开发计划,
服务计划), and the table of every kind `crmctl import` and `crmctl export` take."""

from __future__ import annotations

import re
from collections.abc import Callable

from ..archive.kinds import KINDS
from ..messages import _
from ..rules import permissions
from ..rules import receivables as money
from . import plans, receivables
from .io_kinds import (
    COMPLAINTS,
    CUSTOMER_REFERENCE_ALIASES,
    CUSTOMERS,
    VISITS,
    IoKind,
    customer_reader,
)
from .session import Session

_CURRENCY_MARKS = re.compile(r"^\s*(?:¥|￥|RMB|CNY)\s*|\s*元\s*$", re.IGNORECASE)


def _amount_reader(session: Session) -> Callable[[str], str]:
    """An amount as an exact decimal with at least two places ('12,500' -> '12500.00'); a currency
    mark around it (¥, 元) is no part of it."""

    def read(text: str) -> str:
        try:
            return money.money(money.amount(_CURRENCY_MARKS.sub("", text)))
        except ValueError:
            raise ValueError(
                _(
                    "'{text}' is not an amount (digits, at most 4 decimals, e.g. 12500.00 or "
                    "12,500)",
                    text=text,
                )
            ) from None

    return read


def _with_state(record: dict) -> dict:
    """A new receivable is closed when the file's payments or write-off settle it."""
    try:
        settled = money.balance(record) == 0
    except (KeyError, ValueError):  # an amount the schema will refuse, with the row named
        return record
    return {**record, "state": "closed" if settled else "open"}


RECEIVABLES = IoKind(
    kind=KINDS["receivable"],
    plural="receivables",
    aliases={
        "customer": (*CUSTOMER_REFERENCE_ALIASES, "客户", "付款单位", "购货单位", "account"),
        "number": (
            "发票号",
            "发票号码",
            "单据号",
            "单号",
            "对账单号",
            "invoice",
            "invoice number",
            "invoice no",
            "document number",
        ),
        "amount": ("金额", "应收金额", "发票金额", "价税合计", "amount due", "invoice amount"),
        "currency": ("币种", "币别"),
        "issued": ("开票日期", "单据日期", "业务日期", "invoice date", "issue date"),
        "terms": ("账期", "付款条件", "payment terms"),
        "due": ("到期日", "到期日期", "应收日期", "due date"),
        "collector": ("催收人", "收款负责人", "业务员"),
        "payments": ("收款记录", "回款记录"),
        "notes": ("备注", "摘要", "说明"),
    },
    list_records=receivables.list_receivables,
    may_write=permissions.may_import_receivable,
    permissions="Supervisors and managers may import receivables; a specialist only those they "
    "collect.",
    staff_fields=("collector",),
    defaults=lambda session: {
        "currency": session.config.receivables.get("currency", "CNY"),
        "state": "open",
    },
    completed=_with_state,
    readers={"customer": customer_reader, "amount": _amount_reader},
    duplicate_keys=("number",),
    duplicate_within="customer",
    title_field="number",
    lifecycle="A receivable names its customer by id, exact name, phone or email; amounts are "
    "exact decimals (12,500 and ¥12500.00 read as 12500.00), never rounded. Payments and a "
    "write-off come in as the export writes them: payments as a JSON list of {id, date, amount, "
    "by}, the write-off as written_off.date, written_off.by and written_off.reason; a new "
    "receivable they settle is closed. The same invoice number twice for one customer is a likely "
    "duplicate.",
)

PLANS = IoKind(
    kind=KINDS["plan"],
    plural="plans",
    aliases={
        "title": ("计划名称", "计划", "标题", "名称", "plan", "plan name"),
        "kind": ("计划类型", "类型", "plan type"),
        "start": ("开始日期", "开始", "起始日期", "start date", "from"),
        "end": ("结束日期", "结束", "截止日期", "end date", "to"),
        "owner": ("负责人", "计划负责人"),
        "accounts": ("客户", "客户名单", "目标客户", "customers"),
        "actions": ("计划事项", "事项"),
        "notes": ("备注", "说明", "目标", "description"),
    },
    list_records=plans.list_plans,
    may_write=lambda user, before, after: permissions.may_plan(user),
    permissions="Supervisors and managers may import plans.",
    staff_fields=("owner",),
    vocabularies={},
    readers={"accounts": customer_reader},
    duplicate_keys=("title",),
    title_field="title",
    lifecycle="A plan's accounts are customers named by id, name, phone or email, separated by "
    "commas; its actions come in as the export writes them, a JSON list of {id, customer, type, "
    "purpose, target, owner, note, done}.",
)

IO_KINDS = {
    io_kind.plural: io_kind for io_kind in (CUSTOMERS, VISITS, COMPLAINTS, RECEIVABLES, PLANS)
}
