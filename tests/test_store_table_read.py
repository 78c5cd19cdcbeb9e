"""Reading import files: encodings, delimiters, blank rows, row numbers, structured formats."""

from __future__ import annotations

import pytest

from crmctl.errors import CrmError, Invalid, UsageError
from crmctl.transfer.table_read import read_table

HEADER_AND_ROW = "名称,手机\n华丰,13805711234\n"


@pytest.mark.parametrize(
    "encoded",
    [
        HEADER_AND_ROW.encode("gbk"),
        HEADER_AND_ROW.encode("gb18030"),
        HEADER_AND_ROW.encode("utf-8"),
        HEADER_AND_ROW.encode("utf-8-sig"),
        HEADER_AND_ROW.replace(",", "\t").encode("utf-16"),
    ],
)
def test_csv_encodings_and_delimiters_are_detected(tmp_path, encoded):
    path = tmp_path / "c.csv"
    path.write_bytes(encoded)
    table = read_table(path)
    assert (table.columns, list(table.rows), table.unit) == (
        ["名称", "手机"],
        [(2, ["华丰", "13805711234"])],
        "row",
    )


def test_rows_keep_their_spreadsheet_numbers_and_formula_guards_are_removed(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text('\n名称\t备注\n\t\n甲\t\'=1+1\n乙\t"两行\n备注"\n', encoding="utf-8")
    assert list(read_table(path).rows) == [(4, ["甲", "=1+1"]), (5, ["乙", "两行\n备注"])]


def test_a_wrong_encoding_is_named(tmp_path):
    path = tmp_path / "c.csv"
    path.write_bytes(HEADER_AND_ROW.encode("gbk"))
    with pytest.raises(
        CrmError, match="c.csv:1: not valid utf-8; leave out --encoding to detect it"
    ):
        read_table(path, "utf-8")
    with pytest.raises(UsageError, match="unknown encoding 'martian'"):
        read_table(path, "martian")


def test_jsonl_lines_and_yaml_items_are_numbered(tmp_path):
    jsonl = tmp_path / "c.jsonl"
    jsonl.write_text('{"name": "甲"}\n\n{"name": "乙", "tags": ["会员"]}\n', encoding="utf-8")
    assert list(read_table(jsonl).rows) == [(1, ["甲", None]), (3, ["乙", ["会员"]])]
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"name": "甲"}\n{oops\n[1]\n', encoding="utf-8")
    with pytest.raises(Invalid) as caught:
        read_table(bad)
    assert caught.value.problems == [
        "line 2: not valid JSON: Expecting property name enclosed in double quotes"
    ]
    yaml_file = tmp_path / "c.yaml"
    yaml_file.write_text("- name: 甲\n- 乙\n", encoding="utf-8")
    with pytest.raises(Invalid, match="item 2: not an object of fields"):
        read_table(yaml_file)


def test_unknown_file_endings_are_a_usage_error(tmp_path):
    path = tmp_path / "c.docx"
    path.write_bytes(b"")
    with pytest.raises(UsageError, match="cannot tell the format of 'c.docx'"):
        read_table(path)


@pytest.mark.parametrize(
    "line, reason",
    [
        (
            '{"name": ' + "[" * 100_000 + "]" * 100_000 + "}",
            "nested too deeply (a record is one object of fields)",
        ),
        ('{"name": "甲", "annual_volume": ' + "9" * 5000 + "}", "a number with too many digits"),
        ('{"name": "\\ud800"}', "'\\ud800' is not text (a lone surrogate)"),
        ('{"name": "甲", "name": "乙"}', "duplicate key 'name'"),
    ],
    ids=["deep", "digits", "surrogate", "duplicate"],
)
def test_hostile_json_lines_are_located_problems(tmp_path, line, reason):
    path = tmp_path / "c.jsonl"
    path.write_text('{"name": "好"}\n' + line + "\n", encoding="utf-8")
    with pytest.raises(Invalid) as caught:
        read_table(path)
    assert caught.value.problems == [f"line 2: {reason}"]
    array = tmp_path / "c.json"
    array.write_text("[\n" + line + "\n]", encoding="utf-8")
    with pytest.raises(CrmError, match="c.json:1: "):
        read_table(array)


def test_a_line_beyond_the_bound_is_refused_without_reading_it_whole(tmp_path, monkeypatch):
    monkeypatch.setattr("crmctl.transfer.table_read.MAX_LINE", 1000)
    path = tmp_path / "c.csv"
    path.write_text("名称,手机\n" + "a," * 600 + "\n", encoding="utf-8")
    with pytest.raises(CrmError, match="c.csv:2: a line longer than 1,000 characters"):
        read_table(path)
    path.write_text("名称,手机\n" + "a," * 400 + "\n", encoding="utf-8")
    assert len(list(read_table(path).rows)) == 1


def test_headers_are_found_below_titles_and_collapsed(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text(
        '客户档案登记表,,\n"说明：带*为必填,请勿删除本行",,\n"*客户\n名称","手机 '
        '\n号码",备注\n甲,1,\n',
        encoding="utf-8",
    )

    def score(cells):
        return sum(cell in ("*客户名称", "手机号码") for cell in cells)

    table = read_table(path, header_score=score)
    assert (table.columns, list(table.rows), table.above_header) == (
        ["*客户名称", "手机号码", "备注"],
        [(4, ["甲", "1", ""])],
        [1, 2],
    )
    assert (
        read_table(path, header_row=2, header_score=score).columns[0]
        == "说明：带*为必填,请勿删除本行"
    )
    with pytest.raises(UsageError, match="--header-row 9: c.csv has no such non-empty row"):
        read_table(path, header_row=9)
