"""Output: tables for people, JSON / CSV / YAML / ids for scripts, and the zh/en labels."""

from __future__ import annotations

import datetime as dt
import html
import json
import math
from typing import TYPE_CHECKING

from .screen import text_width, visible

if TYPE_CHECKING:
    from .fitting import Screen

FORMATS = ("table", "json", "csv", "yaml", "ids")
REPORT_FORMATS = (
    "table",
    "csv",
    "json",
    "markdown",
)  # markdown: a table to paste into a report or wiki

# Column and field labels: (en, zh).
LABELS = {
    "id": ("id", "编号"),
    "name": ("name", "名称"),
    "type": ("type", "类型"),
    "contact": ("contact", "联系人"),
    "mobile": ("mobile", "手机"),
    "phone": ("phone", "电话"),
    "email": ("email", "邮箱"),
    "qq": ("QQ", "QQ"),
    "wechat": ("WeChat", "微信"),
    "address": ("address", "地址"),
    "region": ("region", "区域"),
    "preferred_channel": ("channel", "首选渠道"),
    "grade": ("grade", "等级"),
    "owner": ("owner", "负责人"),
    "secondary_contacts": ("also", "协同联系人"),
    "status": ("status", "状态"),
    "lost_reason": ("lost reason", "流失原因"),
    "lost_at": ("lost at", "流失时间"),
    "source": ("source", "来源"),
    "birthday": ("birthday", "生日"),
    "anniversary": ("anniversary", "纪念日"),
    "annual_volume": ("volume (万元)", "年用量(万元)"),
    "credit": ("credit", "回款信誉"),
    "margin": ("margin", "利润率"),
    "tags": ("tags", "标签"),
    "notes": ("notes", "备注"),
    "created": ("created", "创建时间"),
    "updated": ("updated", "更新时间"),
    "history": ("history", "历史"),
    "suggested": ("suggested", "建议等级"),
    "agrees": ("agrees", "一致"),
    "path": ("file", "文件"),
    "line": ("line", "行"),
    "field": ("field", "字段"),
    "message": ("problem", "问题"),
    "severity": ("severity", "级别"),
    # complaints
    "kind": ("kind", "类别"),
    "category": ("category", "问题类别"),
    "complainant": ("complainant", "投诉人"),
    "received": ("received", "受理时间"),
    "first_responder": ("first responder", "首问责任人"),
    "handler": ("handler", "处理人"),
    "hold_reason": ("on hold", "暂停原因"),
    "breaches": ("breached", "超时"),
    "allowed": ("next steps", "可进行"),
    "reply": ("reply", "回复客户"),
    "resolution": ("resolution", "客户认可"),
    "escalation_level": ("escalation level", "升级级别"),
    "escalated": ("escalated (level per target)", "已升级 (各时限级别)"),
    "visits": ("visits", "拜访记录"),
    "customer": ("customer", "客户"),
    "staff": ("by", "回访人"),
    "at": ("at", "时间"),
    "channel": ("channel", "方式"),
    "purpose": ("purpose", "目的"),
    "reached": ("reached", "已联系上"),
    "summary": ("summary", "回访内容"),
    "needs": ("needs", "客户需求"),
    "satisfaction": ("satisfaction", "满意度"),
    "next_followup": ("next", "下次回访"),
    "callback_at": ("call back", "约定回电"),
    "complaint": ("complaint", "投诉"),
    "due": ("due", "到期日"),
    "overdue_days": ("overdue", "逾期天数"),
    "rule": ("rule", "规则"),
    "customer_name": ("customer", "客户"),
    "suggested_time": ("call at", "建议时段"),
    "reason": ("reason", "原因"),
    "record_id": ("id", "编号"),
    "due_at": ("due at", "到期时间"),
    # history
    "by": ("by", "操作人"),
    "action": ("action", "操作"),
    "what": ("what", "内容"),
    "commit": ("commit", "提交"),
    # reports and imports
    "dimension": ("dimension", "维度"),
    "value": ("value", "分类"),
    "customers": ("customers", "客户数"),
    "active": ("active", "活跃"),
    "prospect": ("prospect", "潜在"),
    "lost": ("lost", "流失"),
    "share": ("share %", "占比%"),
    "total": ("total", "合计"),
    "row": ("row", "行"),
    "changes": ("changes", "变更字段"),
    # complaint ledger (投诉台帐), weekly and monthly reports (服务月报)
    "department": ("department", "责任部门"),
    "acknowledged": ("acknowledged", "判断时间"),
    "ack_hours": ("ack office h", "受理用时(工作小时)"),
    "resolved_at": ("resolved", "处理完毕"),
    "resolve_hours": ("resolve office h", "处理用时(工作小时)"),
    "complaints": ("complaints", "投诉数"),
    "open": ("open", "未处理完"),
    "breached": ("breached", "超时"),
    "figure": ("figure", "指标"),
    "amount": ("value", "数值"),
    "target": ("target %", "目标%"),
    "missed": ("missed target", "超时时限"),
    "met": ("met", "达标"),
    "visits_logged": ("visits", "回访数"),
    "not_reached": ("not reached", "未联系上"),
    "customers_reached": ("customers reached", "联系到的客户"),
    "rated": ("rated", "有评分"),
    "satisfied": ("satisfied", "满意"),
    "satisfaction_rate": ("satisfied %", "满意率%"),
    "last_contact": ("last contact", "最近联系"),
    "outcome": ("outcome", "结果"),
    "oldest_due": ("oldest due", "最早到期"),
    "rules": ("rules", "规则"),
    "overdue": ("overdue", "逾期数"),
    "visited": ("visited since", "已流失回访"),
    "week": ("week", "周"),
    "ledger": ("complaints", "投诉明细"),
    "counts": ("counts", "分类统计"),
    "totals": ("totals", "汇总"),
    "headline": ("headline figures", "主要指标"),
    "rates": ("rates against the 002 targets", "考核指标"),
    "inquiries": ("inquiries and lookups (咨询信息)", "咨询信息报表"),
    "answered": ("answered", "答复时间"),
    "answered_by": ("answered by", "答复人"),
    "in_time": ("in time", "按时"),
    "inquiries_received": ("inquiries received", "受理咨询"),
    "inquiries_answered": ("inquiries answered", "已答复咨询"),
    "inquiries_answered_in_time": ("answered in time", "按时答复咨询"),
    "inquiries_in_time_share": ("answered in time %", "咨询按时答复率%"),
    "satisfaction_by_grade": ("satisfaction by grade", "分级满意度"),
    "churn_rate": ("churn rate % (lost / active at start)", "流失率%"),
    "new_customer_rate": ("new-customer rate % (new active / target)", "新客户开发率%"),
    "valid_complaint_rate": ("valid complaints % (成立 / judged)", "投诉成立率%"),
    "complaints_per_100": ("complaints per 100 active customers", "每百名客户投诉数"),
    "part": ("counted", "计数"),
    "whole": ("out of", "基数"),
    "visits_by_staff": ("visits per staff member", "各客服回访量"),
    "key_accounts_missed": ("key accounts not reached this month", "本月未回访的大客户"),
    "first_contacts": ("first contacts due this month", "本月到期的首次联系"),
    "overdue_by_owner": ("follow-ups overdue at the cutoff", "截止时逾期的跟进"),
    "complaints_by_category": ("complaints by category", "投诉按类别"),
    "complaints_by_week": ("complaints by week", "投诉按周"),
    "complaint_figures": ("complaint figures", "投诉情况"),
    "inquiry_figures": ("inquiry figures (咨询)", "咨询情况"),
    "lost_customers": ("customers lost", "流失客户"),
    "lost_reasons": ("reasons for loss", "流失原因"),
    "deadline_breaches": ("deadline breaches", "超时(按时限)"),
    # figures
    "breached_acknowledge": ("breached: acknowledge", "超时: 受理"),
    "breached_resolve": ("breached: resolve", "超时: 解决"),
    "breached_reply": ("breached: reply", "超时: 答复客户"),
    "breached_callback": ("breached: callback", "超时: 回访"),
    "callback_satisfied": ("callback: satisfied", "回访: 满意"),
    "callback_neutral": ("callback: neutral", "回访: 一般"),
    "callback_unsatisfied": ("callback: unsatisfied", "回访: 不满意"),
    "key_accounts": ("key accounts", "大客户数"),
    "key_account_coverage": ("key-account coverage %", "大客户回访覆盖率%"),
    "first_contacts_due": ("first contacts due", "到期首次联系"),
    "first_contacts_not_on_time": ("first contacts not on time", "首次联系未按时"),
    "first_contact_compliance": ("first contacts on time %", "首次联系按时率%"),
    "overdue_followups": ("follow-ups overdue", "逾期跟进"),
    "rated_visits": ("rated visits", "有评分回访"),
    "unsatisfied_visits": ("visits not satisfied", "未满意回访"),
    "complaints_received": ("complaints received", "受理投诉"),
    "complaints_handled": ("complaints handled", "处理完毕投诉"),
    "complaints_open_at_end": ("complaints open", "未处理完投诉"),
    "complaints_breached": ("complaints breached", "超时投诉"),
    "customers_lost": ("customers lost", "流失客户数"),
    # values
    "target_acknowledge": ("acknowledge", "受理"),
    "target_resolve": ("resolve", "解决"),
    "target_reply": ("reply", "答复客户"),
    "target_callback": ("callback", "回访"),
    "on_time": ("on time", "按时"),
    "late": ("late", "逾期完成"),
    "missing": ("missing", "未完成"),
    # receivables and plans (004)
    "number": ("number", "发票/对账单号"),
    "currency": ("currency", "币种"),
    "issued": ("issued", "开票日期"),
    "terms": ("terms", "账期"),
    "collector": ("collector", "催收人"),
    "paid": ("paid", "已收"),
    "balance": ("balance", "余额"),
    "aging": ("aging", "账龄"),
    "payments": ("payments", "收款记录"),
    "written_off": ("written off", "核销"),
    "open_balance": ("open balance", "应收余额"),
    "credit_limit": ("credit limit", "信用额度"),
    "credit_review": ("credit review", "信用复核日期"),
    "credit_warning": ("credit warning", "信用预警"),
    "current": ("current", "未到期"),
    "promised": ("promised", "承诺付款日"),
    "collection": ("collection (回款)", "回款与欠费"),
    "collected": ("collected", "回款"),
    "billed_due": ("billed, due in the month", "本月到期应收"),
    "overdue_balance": ("unpaid at cutoff", "欠费金额"),
    "collected_on_time": ("paid by due date", "按期回款"),
    "overdue_rate": ("overdue rate %", "大客户欠费率%"),
    "collection_rate": ("collection rate %", "大客户托收率%"),
    "aging_by_customer": ("aging by customer", "账龄(按客户)"),
    "aging_by_owner": ("aging by owner", "账龄(按负责人)"),
    "plan_actions": ("planned actions", "计划事项"),
    "plan_by_account": ("plan by account", "计划执行(按客户)"),
    "plan_by_owner": ("plan by owner", "计划执行(按负责人)"),
    "start": ("from", "开始"),
    "end": ("to", "结束"),
    "title": ("title", "标题"),
    "accounts": ("accounts", "客户"),
    "actions": ("actions", "事项"),
    "target_date": ("target", "目标日期"),
    "done_on": ("done on", "完成日期"),
    "done_by": ("done by", "完成依据"),
    "planned": ("planned", "计划数"),
    "done": ("done", "已完成"),
    "done_rate": ("done %", "完成率%"),
}

# Fixed vocabularies of the schemas; the config's vocabularies carry their own labels.
VALUE_LABELS = {
    "prospect": "潜在",
    "active": "活跃",
    "lost": "流失",
    "person": "个人",
    "organisation": "单位",
    "good": "好",
    "normal": "一般",
    "poor": "差",
    "high": "高",
    "low": "低",
    "specialist": "客服专员",
    "supervisor": "客服主管",
    "manager": "客服经理",
    "received": "受理",
    "judged": "已判断",
    "investigating": "调查中",
    "proposed": "方案已提出",
    "approved": "已审批",
    "implementing": "实施中",
    "resolved": "已解决",
    "followed_up": "已回访",
    "closed": "已结案",
    "satisfied": "满意",
    "neutral": "一般",
    "unsatisfied": "不满意",
    "open": "未收款",
    "partly_paid": "部分收款",
    "paid": "已收清",
    "written_off": "已核销",
    "development": "开发计划",
    "service": "服务计划",
    "visit": "拜访",
    "call": "电话",
    "review": "回顾",
    "event": "活动",
    "on_time": "按时",
    "overdue": "逾期未做",
}


WEEKDAY_NAMES = {
    "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
    "zh": ("周一", "周二", "周三", "周四", "周五", "周六", "周日"),
}


def day_text(value, lang: str = "en") -> str:
    """A day (or moment) as an echo shows it, absolute and with its weekday: `2026-12-14 Mon`,
    `2026-12-14 15:00 周一`; ISO text is read back first."""
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value) if "T" in value else dt.date.fromisoformat(value)
    weekday = WEEKDAY_NAMES[lang if lang in WEEKDAY_NAMES else "en"][value.weekday()]
    if isinstance(value, dt.datetime):
        return f"{value:%Y-%m-%d %H:%M} {weekday}"
    return f"{value.isoformat()} {weekday}"


def label(field: str, lang: str) -> str:
    en, zh = LABELS.get(field, (field, field))
    return zh if lang == "zh" else en


def cell(value, lang: str) -> str:
    """A value as text for people: yes/no (是/否), lists joined, Chinese labels of fixed codes with
    lang zh."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return ("是" if value else "否") if lang == "zh" else ("yes" if value else "no")
    if isinstance(value, list):
        return ", ".join(cell(item, lang) for item in value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value)
    if lang == "zh" and text in VALUE_LABELS:
        return VALUE_LABELS[text]
    return text.replace("\n", " ⏎ ")


def _json(data) -> str:
    if isinstance(data, list) and data:
        # A list a line per element: indenting makes json use its pure-Python encoder, four seconds
        # for 128,000 due items instead of under one; one line each still diffs and greps well. The
        # brackets go on the first and last lines, so the text of all lines is not copied once more
        # to add them.
        lines = [_json_text(item) for item in data]
        lines[0] = f"[\n{lines[0]}"
        lines[-1] = f"{lines[-1]}\n]\n"
        return ",\n".join(lines)
    return _json_text(data, indent=2) + "\n"


def _json_text(data, indent: int | None = None) -> str:
    try:
        return json.dumps(data, ensure_ascii=False, indent=indent, allow_nan=False)
    except ValueError:  # a number no JSON can hold (a share of nothing) is written as null
        return json.dumps(_finite(data), ensure_ascii=False, indent=indent)


def _finite(data):
    if isinstance(data, float):
        return data if math.isfinite(data) else None
    if isinstance(data, dict):
        return {key: _finite(value) for key, value in data.items()}
    if isinstance(data, (list, tuple)):
        return [_finite(value) for value in data]
    return data


def rows(
    records: list[dict],
    columns: list[str],
    fmt: str,
    lang: str = "en",
    relabel=None,
    screen: Screen | None = None,
) -> str:
    """A list of records: a table of `columns`, or every field for json/yaml, or ids one per line.

    `relabel(field, value)` may turn a code into its label for people (tables only); `screen` fits
    and colours a table for a terminal.
    """
    if fmt == "ids":
        return "".join(f"{record['id']}\n" for record in records)
    if fmt == "json":
        return _json(records)
    if fmt == "yaml":
        from .store import yamlio

        return yamlio.dumps(records).decode("utf-8") if records else "[]\n"
    if fmt == "csv":
        from .store.cells import csv_text

        return csv_text(
            columns, ([_csv_cell(record.get(column)) for column in columns] for record in records)
        )
    return _table(records, columns, fmt, lang, relabel, screen) if records else ""


def _table(
    records: list[dict], columns: list[str], fmt: str, lang: str, relabel, screen: Screen | None
) -> str:
    """A plain or markdown table of records, fitted to `screen` if it says so."""
    headers = [label(column, lang) for column in columns]
    texts = [
        [
            cell(relabel(column, record.get(column)) if relabel else record.get(column), lang)
            for record in records
        ]
        for column in columns
    ]
    if fmt == "markdown":
        return _drawn(
            [[_markdown(visible(text)) for text in column] for column in texts],
            [_markdown(header) for header in headers],
            markdown=True,
        )
    if screen is not None and screen.shapes:
        from .fitting import shaped  # only a terminal's tables are shaped

        lines = shaped(screen, columns, headers, texts, records, _drawn)
        return "".join(f"{line}\n" for line in lines)
    return _drawn(texts, headers)


def _drawn(texts: list[list[str]], headers: list[str], markdown: bool = False) -> str:
    """A table of text cells (a list per column), as tabulate draws one with numbers not parsed
    ("simple", or "github" for markdown): a cell loses surrounding white space (a header does not),
    a column is as wide as its widest cell and at least its header plus two, everything is flush
    left, and a plain table's lines lose trailing spaces. Characters a terminal would act on are
    drawn as `screen.visible` shows them, so each takes the room it is shown in. Drawn here, not by
    tabulate, which takes ~70 µs a row (9 s for the 130,000 rows of `due` at 100,000 customers)."""
    columns = [[visible(text).strip() for text in column] for column in texts]
    measured = [{text: text_width(text) for text in set(column)} for column in columns]
    widths = [
        max([text_width(header) + 2, *sizes.values()])
        for header, sizes in zip(headers, measured, strict=True)
    ]

    def line(cells, sizes) -> str:
        padded = [
            text + " " * (width - sizes[n][text])
            for n, (text, width) in enumerate(zip(cells, widths, strict=True))
        ]
        return "| " + " | ".join(padded) + " |" if markdown else "  ".join(padded).rstrip()

    if markdown:
        rule = "|" + "|".join("-" * (width + 2) for width in widths) + "|"
    else:
        rule = "  ".join("-" * width for width in widths)
    head = line(headers, [{header: text_width(header)} for header in headers])
    rows = (line(row, measured) for row in zip(*columns, strict=True))
    return "\n".join([head, rule, *rows]) + "\n"


def _csv_cell(value):
    """A CSV cell: a number as a number (so a negative one is not taken for a formula), anything
    else as the text a table shows in English."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return cell(value, "en")
    return int(value) if isinstance(value, float) and value.is_integer() else value


def _markdown(text: str) -> str:
    """A cell of a markdown table: HTML in it is shown, not run, and a | does not end the cell."""
    return html.escape(text, quote=False).replace("|", "\\|")


def report(sections, fmt: str, lang: str = "en", screen: Screen | None = None) -> str:
    """Titled tables of a report for people (table, markdown); rows already labelled for `lang`;
    `screen` fits and colours them for a terminal."""
    parts = []
    for name, columns, rows_ in sections:
        title = label(name, lang)
        heading = f"## {title}\n\n" if fmt == "markdown" else f"{title}\n"
        parts.append(
            heading
            + (
                rows(rows_, columns, fmt, lang, screen=screen)
                or ("(无)\n" if lang == "zh" else "(none)\n")
            )
        )
    return "\n".join(parts)


def change_text(entry: dict, lang: str = "en") -> str:
    """A history entry's changes and note on one line: `grade B1 → A2  (note)`."""
    changed = ", ".join(
        f"{field} {cell(change.get('from'), lang) or '∅'} → {cell(change.get('to'), lang) or '∅'}"
        for field, change in (entry.get("changes") or {}).items()
    )
    note = f"  ({entry['note']})" if entry.get("note") else ""
    return f"{changed}{note}"


def one(record: dict, fmt: str, lang: str = "en", relabel=None) -> str:
    """A single record: `field: value` lines for people, an object for json/yaml."""
    if fmt == "json":
        return _json(record)
    if fmt == "yaml":
        from .store import yamlio

        return yamlio.dumps(record).decode("utf-8")
    if fmt == "ids":
        return f"{record['id']}\n"
    if fmt == "csv":
        columns = [key for key in record if key != "history"]
        return rows([record], columns, "csv")
    fields = [key for key in record if key != "history"]
    width = max(text_width(label(key, lang)) for key in fields)
    lines = []
    for key in fields:
        value = relabel(key, record[key]) if relabel else record[key]
        name = label(key, lang)
        lines.append(f"{name}{' ' * (width - text_width(name))}  {cell(value, lang)}")
    for entry in record.get("history", ()):
        lines.append(
            f"  {entry['at']}  {entry['by']:<10} {entry['action']:<10} "
            f"{change_text(entry, lang)}".rstrip()
        )
    if record.get("history"):
        lines.insert(len(fields), label("history", lang) + ":")
    return "\n".join(lines) + "\n"
