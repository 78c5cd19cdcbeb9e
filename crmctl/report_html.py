"""The monthly report as one self-contained HTML page: inline CSS and SVG charts, no scripts, no
fonts, nothing fetched from a network, so it opens the same anywhere and can be mailed as one
file."""

from __future__ import annotations

import datetime as dt
import re
from html import escape

from . import messages, render
from .screen import text_width

FONTS = (
    '"Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", '
    '"WenQuanYi Micro Hei", sans-serif'
)
CSS = f"""
body {{
  font-family: {FONTS};
  color: #1f2933;
  margin: 24px auto;
  max-width: 1080px;
  padding: 0 16px;
}}
h1 {{ font-size: 22px; }}
h2 {{ font-size: 17px; margin-top: 28px; border-bottom: 1px solid #d9e2ec; }}
.cards {{ display: grid; grid-template-columns: repeat(auto-fill, minmax(190px, 1fr)); gap: 10px; }}
.card {{
  border: 1px solid #d9e2ec;
  border-left: 6px solid #9fb3c8;
  border-radius: 4px;
  padding: 8px 10px;
}}
.card.bad {{ border-left-color: #d64545; background: #fff5f5; }}
.card.good {{ border-left-color: #3f9142; }}
.card .name {{ font-size: 13px; color: #52606d; }}
.card .value {{ font-size: 24px; font-weight: bold; }}
.card .target {{ font-size: 12px; color: #52606d; }}
.charts {{
  display: grid;
  grid-template-columns: repeat(auto-fill, minmax(500px, 1fr));
  gap: 16px;
}}
figure {{ margin: 0; border: 1px solid #d9e2ec; border-radius: 4px; padding: 8px; }}
figcaption {{ font-weight: bold; margin-bottom: 6px; }}
svg text {{ font-family: {FONTS}; font-size: 12px; fill: #1f2933; }}
.ok {{ fill: #4c9f70; }} .bad {{ fill: #d64545; }} .warn {{ fill: #e8a33d; }}
.target-line {{ stroke: #1f2933; stroke-dasharray: 4 3; }}
.legend span {{ display: inline-block; width: 10px; height: 10px; margin: 0 4px 0 10px; }}
.legend .ok {{ background: #4c9f70; }}
.legend .bad {{ background: #d64545; }}
.legend .warn {{ background: #e8a33d; }}
table {{ border-collapse: collapse; font-size: 13px; margin-top: 6px; }}
th, td {{ border: 1px solid #d9e2ec; padding: 3px 8px; text-align: left; }}
th {{ background: #f0f4f8; }}
td.num, th.num {{ text-align: right; font-variant-numeric: tabular-nums; }}
.card .previous {{ font-size: 12px; color: #52606d; }}
.none {{ color: #52606d; }}
svg {{ max-width: 100%; height: auto; }}
@page {{ size: A4; margin: 12mm 10mm; }}
@media print {{
  body {{ margin: 0; max-width: none; padding: 0; font-size: 11px; }}
  h1 {{ font-size: 17px; margin: 0 0 8px; }}
  h2 {{ font-size: 14px; margin-top: 14px; break-after: avoid; page-break-after: avoid; }}
  .cards {{ grid-template-columns: repeat(4, 1fr); gap: 6px; }}
  .card {{ padding: 4px 8px; }}
  .card .value {{ font-size: 18px; }}
  .charts {{ grid-template-columns: 1fr 1fr; gap: 8px; }}
  figure, table, .card, section {{ break-inside: avoid; page-break-inside: avoid; }}
  thead {{ display: table-header-group; }}
  table {{ font-size: 10px; }}
}}
"""
# Figures that are bad news whenever they are above zero (shown red like a missed target).
BAD_WHEN_ANY = (
    "not_reached",
    "key_accounts_missed",
    "first_contacts_not_on_time",
    "overdue_followups",
    "unsatisfied_visits",
    "complaints_open_at_end",
    "complaints_breached",
    "customers_lost",
)
BREACH_FIGURES = ("breached_acknowledge", "breached_resolve", "breached_reply", "breached_callback")
TEXT = {  # words of the page itself, looked up in the message catalogue
    "breached": "breached",
    "in_time": "within deadlines",
    "reached": "reached",
    "not_reached": "not reached",
    "missed": "missed",
    "target": "target",
    "all": "all staff",
    "none": "(none)",
    "charts": "charts",
    "tables": "details",
    "previous": "previous period",
}
STAFF_COLUMNS = ("staff", "owner", "handler", "first_responder")
ID_COLUMNS = ("record_id", "customer_id", "id")  # a manager reads names; the ids are in json
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")
_RULE_COUNT = re.compile(r"([a-z_]+) (\d+)")


def _t(key: str, lang: str) -> str:
    return messages.text(TEXT[key], lang)


def _number(value) -> str:
    if value is None:
        return "–"
    return str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)


def bars(
    rows: list[tuple[str, list[tuple[float, str]]]],
    scale: float | None = None,
    target: float | None = None,
    target_label: str = "",
    unit: str = "",
) -> str:
    """Horizontal bars as inline SVG: one row per (label, [(value, css class), …]) stacked left to
    right, each row's total written after it; an optional dashed target line."""
    # room for the longest label: about 7 px a column at 12 px (a Chinese character is two columns)
    label_width, bar_width, row_height = (
        max([60] + [text_width(label) * 7 + 12 for label, _ in rows]),
        330,
        26,
    )
    top = scale or max([sum(value for value, _ in segments) for _, segments in rows] + [1])
    extra = 18 if target is not None else 0
    height = len(rows) * row_height + 8 + extra
    width = label_width + bar_width + 70
    parts = [f'<svg width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="img">']
    for index, (label, segments) in enumerate(rows):
        y = extra + index * row_height + 4
        parts.append(
            f'<text x="{label_width - 6}" y="{y + 15}" text-anchor="end">{escape(label)}</text>'
        )
        x: float = label_width
        for value, css in segments:
            length = bar_width * (value or 0) / top
            if length > 0:
                parts.append(
                    f'<rect class="{css}" x="{x:.1f}" y="{y}" width="{length:.1f}" '
                    f'height="{row_height - 8}">'
                    f"<title>{_number(value)}</title></rect>"
                )
            x += length
        total = sum(value or 0 for value, _ in segments)
        parts.append(f'<text x="{x + 5:.1f}" y="{y + 15}">{_number(round(total, 1))}{unit}</text>')
    if target is not None:
        x = label_width + bar_width * target / top
        parts.append(
            f'<line class="target-line" x1="{x:.1f}" y1="{extra - 2}" x2="{x:.1f}" y2="{height}"/>'
            f'<text x="{x:.1f}" y="12" text-anchor="middle">{escape(target_label)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _legend(lang: str, *pairs) -> str:
    return (
        '<div class="legend">'
        + "".join(f'<span class="{css}"></span>{escape(_t(key, lang))}' for css, key in pairs)
        + "</div>"
    )


def _figure(chart_id: str, caption: str, body: str) -> str:
    return (
        f'<figure class="chart" id="chart-{chart_id}">'
        f"<figcaption>{escape(caption)}</figcaption>{body}</figure>"
    )


def _cards(raw: list[dict], shown: list[dict], lang: str, previous) -> str:
    """One card a headline figure: its value, its target, and the previous period's value."""
    label, before = previous or ("", {})
    cards = []
    for row, labelled in zip(raw, shown, strict=False):
        bad = row["met"] is False or (row["figure"] in BAD_WHEN_ANY and (row["amount"] or 0) > 0)
        css = "bad" if bad else "good" if row["met"] else ""
        unit = "%" if row["target"] is not None else ""  # every target is a share
        target = (
            f'<div class="target">{escape(_t("target", lang))} {_number(row["target"])}%</div>'
            if unit
            else ""
        )
        was = before.get(row["figure"])
        earlier = (
            f'<div class="previous">{escape(_t("previous", lang))} {escape(label)}: '
            f"{_number(was)}{unit if was is not None else ''}{_change(row['amount'], was)}</div>"
            if previous
            else ""
        )
        cards.append(
            f'<div class="card {css}" data-figure="{row["figure"]}"><div class="name">'
            f"{escape(labelled['figure'])}</div><div "
            f'class="value">{_number(row["amount"])}{unit}</div>{target}{earlier}</div>'
        )
    return f'<div class="cards">{"".join(cards)}</div>'


def _change(now, before) -> str:
    """An arrow and the difference from the previous period, when both are known."""
    if now is None or before is None or now == before:
        return ""
    return f" ({'▲' if now > before else '▼'} {_number(round(abs(now - before), 1))})"


def _complaint_bars(raw, shown, key, lang) -> str:
    rows = [
        (
            str(labelled[key] or _t("none", lang)),
            [(row["breached"], "bad"), (row["complaints"] - row["breached"], "ok")],
        )
        for row, labelled in zip(raw, shown, strict=False)
    ]
    return _legend(lang, ("bad", "breached"), ("ok", "in_time")) + bars(rows)


def charts(parts: dict, lang: str) -> list[str]:
    """The charts, each from the report's sections: {name: (columns, raw rows, labelled rows)}."""
    headline = {row["figure"]: row for row in parts["headline"][1]}
    return [
        *_complaint_charts(parts, lang),
        _staff_visits_chart(parts, lang),
        _coverage_chart(headline, lang),
        _satisfaction_chart(parts, headline["satisfaction_rate"], lang),
    ]


def _complaint_charts(parts: dict, lang: str) -> list[str]:
    """Complaints by category and by week, each with those breached, and the breaches by target."""
    _, raw, shown = parts["complaints_by_category"]
    by_category = (
        _complaint_bars(raw, shown, "category", lang)
        if raw
        else f'<p class="none">{_t("none", lang)}</p>'
    )
    _, raw, shown = parts["complaints_by_week"]
    by_week = _complaint_bars(raw, shown, "week", lang)
    figures = {row["figure"]: row["amount"] for row in parts["complaint_figures"][1]}
    breaches = bars(
        [(render.label(name, lang), [(figures[name], "bad")]) for name in BREACH_FIGURES]
    )
    return [
        _figure(
            "complaints-by-category", render.label("complaints_by_category", lang), by_category
        ),
        _figure("complaints-by-week", render.label("complaints_by_week", lang), by_week),
        _figure("deadline-breaches", render.label("deadline_breaches", lang), breaches),
    ]


def _staff_visits_chart(parts: dict, lang: str) -> str:
    """Each staff member's visits: those that reached the customer and those that did not."""
    _, raw, shown = parts["visits_by_staff"]
    return _figure(
        "visits-per-staff",
        render.label("visits_by_staff", lang),
        _legend(lang, ("ok", "reached"), ("warn", "not_reached"))
        + bars(
            [
                (labelled["staff"], [(row["reached"], "ok"), (row["not_reached"], "warn")])
                for row, labelled in zip(raw, shown, strict=False)
            ]
        ),
    )


def _coverage_chart(headline: dict, lang: str) -> str:
    """The key accounts reached and missed, against the coverage target."""
    accounts, missed = headline["key_accounts"]["amount"], headline["key_accounts_missed"]["amount"]
    coverage = headline["key_account_coverage"]
    return _figure(
        "key-account-coverage",
        f"{render.label('key_account_coverage', lang)}: {_number(coverage['amount'])}",
        _legend(lang, ("ok", "reached"), ("bad", "missed"))
        + bars(
            [(render.label("key_accounts", lang), [(accounts - missed, "ok"), (missed, "bad")])],
            scale=accounts or 1,
            target=(accounts or 1) * (coverage["target"] or 0) / 100,
            target_label=f"{_t('target', lang)} {_number(coverage['target'])}%",
        ),
    )


def _satisfaction_chart(parts: dict, satisfaction: dict, lang: str) -> str:
    """The satisfaction rate of all and of each staff member with rated visits, against the
    target."""
    if satisfaction["amount"] is None:  # nothing rated this month
        chart = f'<p class="none">{_t("none", lang)}</p>'
        return _figure("satisfaction", render.label("satisfaction_rate", lang), chart)
    _, raw, shown = parts["visits_by_staff"]
    rows = [(_t("all", lang), satisfaction["amount"])] + [
        (labelled["staff"], row["satisfaction_rate"])
        for row, labelled in zip(raw, shown, strict=False)
        if row["rated"]
    ]
    target = satisfaction["target"]
    chart = bars(
        [
            (label, [(value, "bad" if target is not None and value < target else "ok")])
            for label, value in rows
        ],
        scale=100,
        target=target,
        unit="%",
        target_label=f"{_t('target', lang)} {_number(target)}%" if target is not None else "",
    )
    return _figure("satisfaction", render.label("satisfaction_rate", lang), chart)


def is_number(value) -> bool:
    """Whether a cell holds a figure (a count, a rate, an amount written as text)."""
    if isinstance(value, bool) or value is None:
        return False
    return isinstance(value, (int, float)) or bool(_NUMBER.fullmatch(str(value)))


def _table(columns: list[str], raw: list[dict], rows: list[dict], lang: str, heads: dict) -> str:
    """A section as a table, figures right-aligned."""
    if not rows:
        return f'<p class="none">{_t("none", lang)}</p>'
    numeric = {
        column
        for column in columns
        if any(is_number(row.get(column)) for row in raw)
        and all(row.get(column) is None or is_number(row.get(column)) for row in raw)
    }

    def css(column: str) -> str:
        return ' class="num"' if column in numeric else ""

    head = "".join(
        f"<th{css(column)}>{escape(heads.get(column) or render.label(column, lang))}</th>"
        for column in columns
    )
    body = "".join(
        "<tr>"
        + "".join(
            f"<td{css(column)}>{escape(render.cell(row.get(column), lang))}</td>"
            for column in columns
        )
        + "</tr>"
        for row in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def week_label(label: str) -> str:
    """An ISO week with its Monday and Sunday: `2026-W44 (10-26 – 11-01)`."""
    year, _, number = label.partition("-W")
    monday = dt.date.fromisocalendar(int(year), int(number), 1)
    return f"{label} ({monday:%m-%d} – {monday + dt.timedelta(days=6):%m-%d})"


def _rules(text: str, lang: str) -> str:
    """`cadence 10, complaint_resolve 1` with the rules' names of the language."""
    return _RULE_COUNT.sub(lambda match: f"{messages.text(match[1], lang)} {match[2]}", text)


def _for_managers(raw: dict, shown: dict, lang: str, staff: dict[str, str]) -> dict:
    """A row as a manager reads it: staff by name, weeks with their dates, rules by name."""
    out = dict(shown)
    for column in STAFF_COLUMNS:
        if raw.get(column) in staff:
            out[column] = staff[raw[column]]
    if raw.get("week"):
        out["week"] = week_label(raw["week"])
    if raw.get("rules"):
        out["rules"] = _rules(raw["rules"], lang)
    if raw.get("rule"):
        out["rule"] = messages.text(raw["rule"], lang)
    return out


def page(
    heading: str,
    sections: list[tuple],
    lang: str,
    previous: tuple[str, list[dict]] | None = None,
    staff: dict[str, str] | None = None,
) -> str:
    """The page: headline cards, the charts, then every section as a table.
    `sections`: (name, columns, raw rows, rows labelled for `lang`); `previous`: the previous
    period's label and headline rows, shown beside each headline figure; `staff`: names by id."""
    parts = {
        name: (
            [column for column in columns if column not in ID_COLUMNS],
            raw,
            [_for_managers(r, s, lang, staff or {}) for r, s in zip(raw, shown, strict=False)],
        )
        for name, columns, raw, shown in sections
    }
    before = {row["figure"]: row["amount"] for row in previous[1]} if previous else {}
    if previous:
        columns, raw, shown = parts["headline"]
        index = columns.index("amount") + 1
        parts["headline"] = (
            [*columns[:index], "previous", *columns[index:]],
            [{**row, "previous": before.get(row["figure"])} for row in raw],
            [
                {**row, "previous": before.get(r["figure"])}
                for r, row in zip(raw, shown, strict=False)
            ],
        )
    heads = {"previous": f"{_t('previous', lang)} {previous[0]}"} if previous else {}
    tables = "".join(
        f'<section id="{name}"><h2>{escape(render.label(name, lang))}</h2>'
        f"{_table(columns, raw, shown, lang, heads)}</section>"
        for name, (columns, raw, shown) in parts.items()
    )
    cards = _cards(
        parts["headline"][1],
        parts["headline"][2],
        lang,
        (previous[0], before) if previous else None,
    )
    return (
        f'<!DOCTYPE html>\n<html lang="{"zh-CN" if lang == "zh" else "en"}"><head><meta '
        f'charset="utf-8">'
        f"<title>{escape(heading)}</title><style>{CSS}</style></head><body><h1>{escape(heading)}</h1>"
        f"{cards}"
        f'<h2>{_t("charts", lang)}</h2><div class="charts">{"".join(charts(parts, lang))}</div>'
        f"<h2>{_t('tables', lang)}</h2>{tables}</body></html>\n"
    )
