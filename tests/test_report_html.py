"""The monthly HTML report as a manager reads it: print CSS, figures right-aligned, names rather
than ids, weeks with their dates, the previous month beside every headline figure; and, where
chromium is installed, printed to A4 in a real browser."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from html.parser import HTMLParser

import pytest

from crmctl.report_html import is_number, week_label

NOW = "2026-11-23T09:30:00+08:00"


class Cells(HTMLParser):
    """Every table cell: (section id, tag, class, text)."""

    def __init__(self):
        super().__init__()
        self.cells, self._section, self._cell = [], None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "section":
            self._section = attrs["id"]
        if tag in ("td", "th"):
            self._cell = [self._section, tag, attrs.get("class"), ""]

    def handle_data(self, data):
        if self._cell is not None:
            self._cell[3] += data

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self.cells.append(tuple(self._cell))
            self._cell = None


def monthly_page(demo, lang: str) -> str:
    return demo.ok(
        "--lang", lang, "report", "monthly", "--month", "2026-11", "--html", "-", now=NOW
    )


def test_week_labels_carry_their_days():
    assert week_label("2026-W44") == "2026-W44 (10-26 – 11-01)"
    assert week_label("2026-W53") == "2026-W53 (12-28 – 01-03)"


def test_what_counts_as_a_figure():
    assert is_number(3) and is_number(68.6) and is_number("50000.00") and is_number("-2")
    assert not is_number(True) and not is_number(None) and not is_number("2026-11-17")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_page_prints_on_a4_without_splitting_a_chart_or_a_table(demo, lang):
    text = monthly_page(demo, lang)
    css = text.split("<style>")[1].split("</style>")[0]
    assert "@page { size: A4;" in css and "@media print" in css
    printed = css.split("@media print")[1]
    assert re.search(r"figure, table, [^{]*\{ break-inside: avoid;", printed)
    assert "thead { display: table-header-group; }" in printed
    assert 'viewBox="0 0 ' in text  # charts scale to the printed column


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_figures_are_right_aligned_and_text_is_not(demo, lang):
    cells = Cells()
    cells.feed(monthly_page(demo, lang))
    by_staff = [cell for cell in cells.cells if cell[0] == "visits_by_staff" and cell[1] == "td"]
    assert by_staff[0][2] is None and by_staff[0][3] == "王建国"  # the name column
    assert all(cell[2] == "num" for cell in by_staff[1:8])
    amounts = [cell for cell in cells.cells if cell[0] == "collection" and cell[2] == "num"]
    assert "20000.00" in [cell[3] for cell in amounts]
    weeks = [cell[3] for cell in cells.cells if cell[0] == "complaints_by_week" and cell[1] == "td"]
    assert "2026-W47 (11-16 – 11-22)" in weeks


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_people_and_customers_by_name_never_by_id(demo, lang):
    text = monthly_page(demo, lang)
    page = Cells()
    page.feed(text)
    shown = " ".join(cell[3] for cell in page.cells)
    assert "王建国" in shown and "东莞利达五金制品厂" in shown
    staff_ids = {"wang", "liuyang", "lina", "zhoumin", "chenjing", "yangfan"}
    assert not staff_ids & set(re.findall(r"[a-z]+", shown))
    assert not re.search(r"\b[CVTRP]1[0-9A-Z]{14}\b", text)  # no record id anywhere


def test_rules_are_named_in_chinese(demo):
    page = Cells()
    page.feed(monthly_page(demo, "zh"))
    shown = " ".join(
        cell[3] for cell in page.cells if cell[0] in ("overdue_by_owner", "first_contacts")
    )
    assert "新负责人首次联系" in shown and "等级周期回访" in shown
    assert not re.search(r"[a-z]+_[a-z]+|cadence", shown)


def test_every_headline_figure_has_the_previous_month_beside_it(demo):
    text = monthly_page(demo, "en")
    october = json.loads(demo.ok("report", "monthly", "--month", "2026-10", fmt="json", now=NOW))[
        "sections"
    ]["headline"]
    cards = re.findall(
        r'data-figure="(\w+)".*?<div class="previous">previous period 2026-10: ([^<(]*)', text
    )
    assert len(cards) == len(october)
    shown = {figure: value.strip().rstrip("%") for figure, value in cards}
    for row in october:
        expected = "–" if row["amount"] is None else str(row["amount"]).removesuffix(".0")
        assert shown[row["figure"]] == expected, row
    page = Cells()
    page.feed(text)
    heads = [cell[3] for cell in page.cells if cell[0] == "headline" and cell[1] == "th"]
    assert heads[:3] == ["figure", "value", "previous period 2026-10"]


@pytest.mark.skipif(not shutil.which("chromium"), reason="chromium is not installed")
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_printed_in_chromium_the_report_takes_a_few_a4_pages(demo, tmp_path, lang):
    page = tmp_path / f"report-{lang}.html"
    page.write_text(monthly_page(demo, lang), encoding="utf-8")
    pdf = tmp_path / f"report-{lang}.pdf"
    subprocess.run(
        ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
         f"--print-to-pdf={pdf}", page.as_uri()],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    data = pdf.read_bytes()
    sizes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", data)
    assert sizes and all(abs(float(w) - 595.9) < 2 and abs(float(h) - 842) < 2 for w, h in sizes)
    pages = len(re.findall(rb"/Type\s*/Page[^s]", data))
    assert 1 <= pages <= 4
