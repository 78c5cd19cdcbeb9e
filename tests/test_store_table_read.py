"""Reading import files: encodings, delimiters, blank rows, row numbers, structured formats."""

from __future__ import annotations

import pytest

from crmctl.errors import CrmError, Invalid, UsageError
from crmctl.store.table_read import read_table

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
    assert (table.columns, table.rows, table.unit) == (
        ["名称", "手机"],
        [(2, ["华丰", "13805711234"])],
        "row",
    )


def test_rows_keep_their_spreadsheet_numbers_and_formula_guards_are_removed(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text('\n名称\t备注\n\t\n甲\t\'=1+1\n乙\t"两行\n备注"\n', encoding="utf-8")
    assert read_table(path).rows == [(4, ["甲", "=1+1"]), (5, ["乙", "两行\n备注"])]


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
    assert read_table(jsonl).rows == [(1, ["甲", None]), (3, ["乙", ["会员"]])]
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
