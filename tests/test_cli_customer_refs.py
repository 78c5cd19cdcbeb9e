"""One customer reference everywhere: id, id start or short reference, exact name, phone in any
common form, unique part of the name, pinyin (full or initials), in that order of precedence."""

from __future__ import annotations

import pytest

from crmctl.archive import ids
from crmctl.archive.kinds import KINDS
from crmctl.store.customer_refs import Spelling, match_row, spelling

HUAFENG = "C1KYV0VDS06WGBKG"  # 杭州华丰建材有限公司 in the demo archive
WU = "C1K94ADGY0EX3SDX"  # 吴海涛先生, mobile 13767258599
TAIHU = ("C1KH59GJ50D17H4H", "C1KHZ1TQQ0ADK3WZ")  # 无锡太湖新材料…, 湖州太湖木业…


@pytest.mark.parametrize(
    "ref, customer",
    [
        (HUAFENG, HUAFENG),
        (HUAFENG.lower(), HUAFENG),
        ("C1KYV0", HUAFENG),
        ("CWGBKG", HUAFENG),  # the short reference: letter and a unique end
        ("杭州华丰建材有限公司", HUAFENG),
        ("华丰", HUAFENG),
        ("华丰建材", HUAFENG),
        ("huafeng", HUAFENG),
        ("HuaFeng", HUAFENG),
        ("hfjc", HUAFENG),
        ("hangzhouhuafengjiancai", HUAFENG),
        ("13767258599", WU),
        ("+86 137-6725-8599", WU),
        ("137 6725 8599", WU),
        ("１３７６７２５８５９９", WU),
        ("湖州太湖木业", TAIHU[1]),
        ("huzhou", TAIHU[1]),
    ],
)
def test_every_form_names_the_customer(demo, ref, customer):
    assert demo.json("customer", "show", ref)["id"] == customer


def test_an_ambiguous_reference_lists_who_it_could_be(demo):
    before = demo.files()
    for ref in ("太湖", "taihu", "C1KH"):
        result = demo("visit", "log", ref, "--channel", "phone", "--reached", "--summary", "x")
        assert result.exit_code == 1
        lines = result.stderr.splitlines()
        assert lines[0] == f"crmctl: error: customer '{ref}' is ambiguous; it matches:" or lines[
            0
        ].startswith(f"crmctl: error: id '{ref}' is ambiguous")
        assert any("湖州太湖木业有限公司  C  liuyang  137****1275" in line for line in lines)
    assert demo.files() == before


def test_a_name_that_is_no_customer_says_how_to_name_one(demo):
    result = demo("history", "没有这家公司")
    assert result.exit_code == 1
    assert "part of the name, or its pinyin (full or initials: huafeng, hfjc)" in result.stderr


def test_exact_name_wins_over_a_longer_name_holding_it(crm):
    short = crm.ok("customer", "add", "华丰", "--owner", "liuyang").strip()
    crm.ok("customer", "add", "杭州华丰建材", "--owner", "liuyang")
    assert crm.json("customer", "show", "华丰")["id"] == short
    assert crm("customer", "show", "huafeng").exit_code == 1  # both spell it: ambiguous


def test_references_follow_renames_and_removals(crm):
    cid = crm.ok("customer", "add", "嘉兴南湖五金", "--owner", "liuyang").strip()
    assert crm.json("customer", "show", "nanhu")["id"] == cid
    crm.ok("customer", "edit", cid, "--set", "name=嘉兴秀洲五金", user="lina")
    assert crm("customer", "show", "nanhu").exit_code == 1
    assert crm.json("customer", "show", "xiuzhou")["id"] == cid
    (crm.root / "records" / "customers" / f"{cid}.yaml").unlink()
    assert crm("customer", "show", "xiuzhou").exit_code == 1


def test_a_customer_from_standard_input(demo):
    ids_out = demo.ok("customer", "list", "华丰", fmt="ids")
    result = demo(
        "visit", "log", "-", "--channel", "phone", "--reached", "--summary", "电话回访",
        input=ids_out, user="liuyang",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert demo.json("visit", "show", result.stdout.strip())["customer"] == HUAFENG
    assert "杭州华丰建材有限公司" in result.stderr
    two = demo("complaint", "log", "-", "--summary", "x", input="a\nb\n")
    assert two.exit_code == 2 and "one reference" in two.stderr


def test_short_references_are_unique_endings_that_no_id_starts_with():
    record_ids = sorted(ids.compose("C", 1_790_000_000_000, n) for n in range(3000))
    record_ids += sorted(ids.compose("C", 1_790_000_000_000 + n, 7) for n in range(1, 51))
    record_ids.sort()
    short = ids.short_refs(record_ids)
    assert len(set(short.values())) == len(record_ids)
    for record_id, ref in short.items():
        assert record_id.endswith(ref[1:]) and len(ref) >= 1 + ids.SHORT_MIN
        assert [other for other in record_ids if other.endswith(ref[1:])] == [record_id]
        assert not any(other.startswith(ref) for other in record_ids)


def test_pinyin_matches_whole_syllables_only():
    spelled = spelling("杭州华丰建材")
    assert spelled == Spelling("hangzhouhuafengjiancai", ",0,4,8,11,15,19,", "hzhfjc")
    assert match_row("huafeng", "杭州华丰建材", " ", spelled) == "pinyin"
    assert match_row("hzhf", "杭州华丰建材", " ", spelled) == "pinyin"
    assert match_row("angzhou", "杭州华丰建材", " ", spelled) is None
    assert match_row("huafen", "杭州华丰建材", " ", spelled) is None


def test_lists_on_a_terminal_show_short_references_that_commands_take_back(demo):
    import os
    import pty
    import subprocess
    import sys

    from tests.conftest import REPO

    leader, follower = pty.openpty()
    env = {**os.environ, "PYTHONPATH": str(REPO), "CRMCTL_ROOT": str(demo.root)}
    process = subprocess.run(
        [sys.executable, "-m", "crmctl", "customer", "list", "华丰"],
        stdout=follower, stderr=subprocess.PIPE, env=env, timeout=60, check=True,
    )  # fmt: skip
    os.close(follower)
    shown = os.read(leader, 65536).decode()
    os.close(leader)
    assert process.returncode == 0 and "CGBKG" in shown and HUAFENG not in shown
    piped = demo.ok("customer", "list", "华丰")
    assert HUAFENG in piped  # piped output keeps the full ids
    assert demo.json("history", "CGBKG")


def test_on_a_terminal_an_ambiguous_reference_offers_a_numbered_choice(demo):
    from tests.test_cli_helpful_defaults import on_terminal

    args = ("--as", "liuyang", "visit", "log", "太湖", "--channel", "电话", "--reached",
            "--summary", "问候")  # fmt: skip
    code, out, shown = on_terminal(demo.root, *args, answer="2\n")
    assert "1  C7H4H  无锡太湖新材料" in shown and "2  CK3WZ  湖州太湖木业有限公司" in shown
    assert code == 0, shown
    visit = demo.json("visit", "show", out.strip())
    assert visit["customer"] == TAIHU[1]
    before = demo.files()
    code, out, shown = on_terminal(demo.root, *args, "--lang", "zh", answer="\n")
    assert "选哪一条? (1-2" in shown and "错误: 客户 '太湖' 不唯一" in shown
    assert (code, out) == (1, "") and demo.files() == before
    # without a terminal nobody is asked: the candidates are listed and nothing is written
    piped = demo(*args[2:], user="liuyang")
    assert piped.exit_code == 1 and "which one?" not in piped.stderr
    assert demo.files() == before


def test_while_the_folder_is_unchanged_a_look_up_stats_no_customer_file(demo, monkeypatch):
    from crmctl.index import file_stamps, index
    from crmctl.store.records import Store

    monkeypatch.setattr(file_stamps, "LISTING_MARGIN_NS", 0)  # the folder is old enough now
    assert Store(demo.root).customer_matches("华丰").substring == [HUAFENG]
    refreshed = []
    real = index.Index.ensure_fresh
    monkeypatch.setattr(
        index.Index, "ensure_fresh", lambda self, kind: refreshed.append(kind) or real(self, kind)
    )
    assert Store(demo.root).customer_matches("华丰").substring == [HUAFENG]
    assert refreshed == []
    demo.ok("customer", "edit", HUAFENG, "--set", "name=杭州丰华建材有限公司")  # a file replaced
    refreshed.clear()
    matches = Store(demo.root).customer_matches("华丰")
    assert matches.substring == [] and refreshed == [KINDS["customer"]]
