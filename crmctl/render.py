"""Output: tables for people, JSON / CSV / YAML / ids for scripts, and the zh/en labels."""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import itertools
import json
import math
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING

from .screen import CONTROL, extra_width, shown_as_is, text_width

if TYPE_CHECKING:
    from .fitting import Screen

FORMATS = ("table", "json", "csv", "yaml", "ids")
TABLE_PIECE = 5000  # lines of a plain table made into one text at a time
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
    if (
        value.__class__ is str and lang != "zh"
    ):  # most cells (1.2 million in 130,000 `due` rows) take this way
        return value.replace("\n", " ⏎ ")
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


_PLAIN = {int, float, bool, type(None)}


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
    return "".join(row_pieces(records, columns, fmt, lang, relabel, screen))


def row_pieces(
    records: list[dict],
    columns: list[str],
    fmt: str,
    lang: str = "en",
    relabel=None,
    screen: Screen | None = None,
) -> Iterator[str]:
    """`rows` in pieces to write one after another: a plain table comes a few thousand lines at a
    time, so 130,000 rows are never held as one text (~150 MB at 100,000 customers)."""
    if fmt == "ids":
        yield "".join(f"{record['id']}\n" for record in records)
    elif fmt == "json":
        yield _json(records)
    elif fmt == "yaml":
        from .store import yamlio

        yield yamlio.dumps(records).decode("utf-8") if records else "[]\n"
    elif fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(columns)
        for record in records:
            writer.writerow([cell(record.get(column), "en") for column in columns])
        yield buffer.getvalue()
    elif records:
        texts = [
            _column_texts([record.get(column) for record in records], column, lang, relabel)
            for column in columns
        ]
        headers = [label(column, lang) for column in columns]
        if fmt == "markdown":
            cells = [[_markdown(text) for text in row] for row in zip(*texts, strict=False)]
            yield _tabulate(cells, [_markdown(h) for h in headers], "github") + "\n"
        elif screen is not None and screen.shapes:
            from .fitting import shaped  # only a terminal's tables are shaped

            yield from _pieces(shaped(screen, columns, headers, texts, records, _drawn_whole))
        else:
            yield from _simple_table(texts, headers)


def _drawn_whole(texts: list[list[str]], headers: list[str]) -> str:
    return "".join(_simple_table(texts, headers))


def _markdown(text: str) -> str:
    """A cell of a markdown table: HTML in it is shown, not run, and a | does not end the cell."""
    return html.escape(text, quote=False).replace("|", "\\|")


def _column_texts(values: list, column: str, lang: str, relabel) -> list[str]:
    """The cells of one column. Most values repeat down a column (owners, rules, dates, days
    overdue): each distinct one is labelled and made a cell once (1.2 million cells of 130,000 `due`
    rows)."""
    made: dict = {}
    out = []
    for value in values:
        # A text is its own key; another plain value is keyed with its type, as True, 1 and 1.0 are
        # one key of a dict but different cells. A list is made each time.
        key = (
            value
            if value.__class__ is str
            else (value.__class__, value)
            if value.__class__ in _PLAIN
            else None
        )
        text = made.get(key) if key is not None else None
        if text is None:
            text = cell(relabel(column, value) if relabel else value, lang)
            if key is not None:
                made[key] = text
        out.append(text)
    return out


def _tabulate(body: list[list[str]], headers: list[str], tablefmt: str) -> str:
    from tabulate import tabulate  # imported only when tabulate draws a table

    return tabulate(body, headers=headers, tablefmt=tablefmt, disable_numparse=True)


def _simple_table(columns: list[list[str]], headers: list[str]) -> Iterator[str]:
    """Exactly what tabulate draws for these text cells (a list per column) with tablefmt "simple"
    and disable_numparse, and a line break, in pieces of TABLE_PIECE lines.

    tabulate spends about 70 µs a row of `due` (9 columns) guessing each cell's type, looking for
    ANSI codes and measuring every cell twice: 9.8 s for the 130,000 rows at 100,000 customers,
    which this draws in 1.4 s. Text cells need no type, and most texts repeat down a column (owners,
    grades, rules, dates), so each distinct text is measured once. tabulate's rules kept here: a
    cell loses surrounding white space (a header does not), a column is as wide as its widest cell
    and at least its header plus two, everything is flush left (numbers too), columns are two spaces
    apart and lines lose trailing spaces. Texts with control characters, which only odd input
    brings, are left to tabulate, whose handling of them is its own.
    """
    measured, stripped = [], []
    for header, column in zip(headers, columns, strict=False):
        shown = {text: text.strip() for text in set(column)}
        if CONTROL.search(header + "".join(shown)):
            yield (
                _tabulate([list(row) for row in zip(*columns, strict=False)], headers, "simple")
                + "\n"
            )
            return
        if "".join(shown.values()).isascii():  # ids, dates, codes: as wide as they are long
            measured.append({text: len(cut) for text, cut in shown.items()})
        else:
            measured.append({text: text_width(cut) for text, cut in shown.items()})
        stripped.append(shown)
    widths, head = _frame(headers, [max(sizes.values()) for sizes in measured])
    padded = []
    for width, column, shown, sizes in zip(widths, columns, stripped, measured, strict=False):
        if (
            len(padded) == len(columns) - 1
        ):  # the last column's padding would only be stripped off the line
            padded.append([shown[text] for text in column])
        else:
            pad = {text: cut + " " * (width - sizes[text]) for text, cut in shown.items()}
            padded.append([pad[text] for text in column])
    lines = ("  ".join(cells).rstrip() for cells in zip(*padded, strict=False))
    yield from _pieces(itertools.chain(head, lines))


def _frame(headers: list[str], widest: list[int]) -> tuple[list[int], list[str]]:
    """The column widths of a plain table whose widest cells are `widest`, and its header and rule
    lines: a column is as wide as its widest cell and at least its header plus two."""
    header_widths = [text_width(header) for header in headers]
    widths = [
        max(header_width + 2, cells)
        for header_width, cells in zip(header_widths, widest, strict=False)
    ]
    head = "  ".join(
        header + " " * (width - header_width)
        for header, header_width, width in zip(headers, header_widths, widths, strict=False)
    ).rstrip()
    return widths, [head, "  ".join("-" * width for width in widths)]


def _pieces(lines) -> Iterator[str]:
    while piece := list(itertools.islice(lines, TABLE_PIECE)):
        yield "\n".join(piece) + "\n"


# query(sql, args) -> the rows SQLite answers (an sqlite3 cursor); see `drawn_in_sqlite`.
Query = Callable[[str, list], Iterable[tuple]]


def drawn_in_sqlite(
    query: Query,
    arms: list[tuple[str, list]],
    cells: list[tuple[str, str]],
    headers: list[str],
    order: str,
) -> list[str] | None:
    """The plain table `_simple_table` draws, drawn by SQLite over the rows that the SELECTs `arms`
    (each with its parameters) give, in `order` (an ORDER BY list), as pieces to write one after
    another.

    Each column is `(text, extra)`: SQL expressions, without parameters, of its cell's text, shown
    as is (see `screen.shown_as_is`), and of the columns it takes beyond its length
    (`screen.extra_width`). The arms have a `shown` column, false for a row with a text a table
    would not show as is: then there is no table (None), and the caller draws one from the values.
    Drawing 130,000 rows of `due` in Python costs a loop over every cell (~1 s); SQLite pads them in
    a fraction of it (printf's `!` flag counts characters, not bytes)."""
    if not all(shown_as_is(header) for header in headers):
        return None
    # Measured arm by arm: an aggregate over a compound SELECT makes SQLite copy every row once
    # more.
    measure = ", ".join(f"max(length({text}) + {extra})" for text, extra in cells)
    measured = [
        next(iter(query(f"SELECT count(*), min(shown), {measure} FROM ({sql})", args)))
        for sql, args in arms
    ]
    measured = [found for found in measured if found[0]]
    if not measured:
        return []  # as `rows` draws no rows: nothing, not even the header
    if not all(shown for _, shown, *_ in measured):
        return None
    widths, head = _frame(
        headers,
        [max(column) for column in zip(*(widest for _, _, *widest in measured), strict=False)],
    )
    # Every column but the last is padded to its width: by as many characters as it is wide, less
    # the columns its wide characters take beyond their count.
    line = (
        "printf('"
        + "  ".join(["%-!*s"] * (len(cells) - 1) + ["%s"])
        + "', "
        + ", ".join(
            [
                f"{width} - ({extra}), {text}"
                for width, (text, extra) in zip(widths, cells[:-1], strict=False)
            ]
            + [cells[-1][0]]
        )
        + ")"
    )
    union = " UNION ALL ".join(sql for sql, _ in arms)
    lines = (
        text
        for (text,) in query(
            f"SELECT rtrim({line}, ' ') FROM ({union}) ORDER BY {order}",
            [arg for _, args in arms for arg in args],
        )
    )
    return list(_pieces(itertools.chain(head, lines)))


def relabelled_in_sqlite(column: str, extra: str, shown: dict[str, str]) -> tuple[str, str] | None:
    """The `(text, extra)` expressions of a column of texts (`column`, NULL for none) that show as
    `shown[value]` where given, else as themselves; None if one of them would not show as is."""
    if not all(shown_as_is(text) for text in shown.values()):
        return None
    # A value that is not shown as is never reaches a table drawn here (its row is not `shown`).
    shown = {value: text for value, text in shown.items() if shown_as_is(value)}
    if not shown:
        return f"coalesce({column}, '')", f"coalesce({extra}, 0)"
    keys = ", ".join(map(_sql_text, shown))
    text = " ".join(
        f"WHEN {_sql_text(value)} THEN {_sql_text(cell)}" for value, cell in shown.items()
    )
    width = " ".join(
        f"WHEN {_sql_text(value)} THEN {extra_width(cell)}" for value, cell in shown.items()
    )
    return (
        f"CASE WHEN {column} IN ({keys}) THEN CASE {column} {text} END ELSE coalesce({column}, '') "
        f"END",
        f"CASE WHEN {column} IN ({keys}) THEN CASE {column} {width} END ELSE coalesce({extra}, 0) "
        f"END",
    )


def _sql_text(text: str) -> str:
    """A text as an SQL literal (no NUL: `shown_as_is` refuses control characters)."""
    return "'" + text.replace("'", "''") + "'"


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
