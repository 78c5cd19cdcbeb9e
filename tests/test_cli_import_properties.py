"""Property test: any CSV row either imports into a valid archive or is reported; never a
traceback."""

from __future__ import annotations

import csv
import io

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import told
from tests.test_store_canonical_properties import MISTYPED

# A plausible value per column (or an empty cell), of which a few are then replaced by wild ones, so
# that both outcomes occur: rows that import and rows that are refused.
PLAUSIBLE = {
    "客户名称": st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=30),
    "手机": st.sampled_from(["", "13805711234", "138 0571 1234", "+86 13905712222"]),
    "邮箱": st.sampled_from(["", "boss@huafeng.example"]),
    "生日": st.sampled_from(["", "1985-06-01", "1985/6/1", "1985年6月1日"]),
    "年用量": st.sampled_from(["", "0", "12.5", "60"]),
    "等级": st.sampled_from(["", "B1", "A一级", "D"]),
    "负责人": st.sampled_from(["", "lina", "zhaolei", "wang"]),
    "标签": st.sampled_from(["", "会员", "会员,优质", "会员、优质"]),
    "备注": st.text(st.characters(blacklist_categories=("Cs",)), max_size=60),
    "状态": st.sampled_from(["", "active", "prospect"]),
}
COLUMNS = list(PLAUSIBLE)
wild = st.one_of(
    st.sampled_from(MISTYPED),
    st.text(st.characters(blacklist_categories=("Cs",)), max_size=40),
    st.sampled_from(
        ["2026-02-30", "-1", "1e999", "nan", "lost", "=cmd|' /C calc'!A0", "Z9", "nobody"]
    ),
)


@st.composite
def row(draw):
    cells = [draw(PLAUSIBLE[column]) for column in COLUMNS]
    for index, value in draw(
        st.lists(st.tuples(st.integers(0, len(COLUMNS) - 1), wild), max_size=2)
    ):
        cells[index] = value
    return cells


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(rows=st.lists(row(), min_size=1, max_size=3))
def test_any_csv_row_imports_or_is_reported(crm, tmp_path, rows):
    table = io.StringIO()
    csv.writer(table).writerows([COLUMNS, *rows])
    path = tmp_path / "customers.csv"
    path.write_text(table.getvalue(), encoding="utf-8")
    before = crm.files()
    result = crm(
        "import", "customers", path, "--allow-duplicate"
    )  # an exception would propagate here
    assert result.exit_code in (0, 1), result.stderr
    if result.exit_code == 1:
        assert told(result).startswith("crmctl: error: ")
        assert crm.files() == before
    else:
        # A row of blank cells is a blank line, not a record (as in an export with empty rows).
        assert len(result.stdout.split()) == sum(
            1 for cells in rows if any(cell.strip() for cell in cells)
        )
        assert crm("check").exit_code == 0
