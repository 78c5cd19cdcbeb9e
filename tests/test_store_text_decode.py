"""Which encoding an imported text file is read in: sure guesses taken, doubtful ones refused."""

from __future__ import annotations

import pytest

from crmctl.errors import CrmError, UsageError
from crmctl.transfer.text_decode import detect, looks_garbled

# A Salesforce-style account export as a Western-European Excel saves it (Windows-1252)
WESTERN = (
    "Account Name,Billing City,Description\n"
    "Banco Crédito,São Paulo,Crédito rápido – ok\n"
    "Müller GmbH,München,Straße 5, café\n"
)
# Every accented letter followed by a letter: GB18030 decodes it all, as mojibake
GLUED = "Name,Note\nBanco Crédito,Crédito rápido\nMaría,Señor\n"
CHINESE = (
    "客户名称,联系人,等级,备注\n杭州华丰建材有限公司,张三,B一级,VIP客户 iPhone手机\n"
    "喆堃贸易,李四,A,\n"
)


def detected(tmp_path, data: bytes, given=None):
    path = tmp_path / "f.csv"
    path.write_bytes(data)
    return detect(path, given)


@pytest.mark.parametrize(
    "text, codec, expected",
    [
        (CHINESE, "gbk", "gb18030"),
        (CHINESE, "gb18030", "gb18030"),
        (CHINESE, "utf-8", "utf-8"),
        (CHINESE, "utf-8-sig", "utf-8-sig"),
        (CHINESE, "utf-16", "utf-16"),
        ("name,mobile\nabc,123\n", "utf-16-le", "utf-16-le"),
        (WESTERN, "cp1252", "cp1252"),
        ("Имя,Город\nИван Петров,Москва\nОльга,Санкт-Петербург\n", "cp1251", "cp1251"),
    ],
)
def test_sure_encodings_are_chosen_and_said(tmp_path, text, codec, expected):
    chosen = detected(tmp_path, text.encode(codec))
    assert chosen.name == expected
    assert chosen.how in ("detected", "byte-order mark") or chosen.how.startswith("detected; also")


def test_western_bytes_that_gbk_happens_to_decode_are_refused_with_candidates(tmp_path):
    data = GLUED.encode("cp1252")
    assert "閐" in data.decode("gb18030")  # the silent mojibake of the issue
    with pytest.raises(CrmError) as caught:
        detected(tmp_path, data)
    message = str(caught.value)
    assert "gb18030/GBK reads line 2 as 'Cr閐ito', which looks garbled" in message
    assert "--encoding cp1252 reads it as 'Banco Crédito,Crédito rápido'" in message


@pytest.mark.parametrize("codec, candidate", [("big5", "big5"), ("shift_jis", "shift_jis")])
def test_other_cjk_encodings_read_as_rare_chinese_are_refused(tmp_path, codec, candidate):
    text = {
        "big5": "客戶名稱,電話,地址\n台北貿易股份有限公司,02-2345-6789,台北市信義區忠孝東路\n",
        "shift_jis": "会社名,電話\n株式会社サンプル,03-1234-5678\n東京商事,06-1111-2222\n",
    }[codec]
    with pytest.raises(CrmError) as caught:
        detected(tmp_path, text.encode(codec))
    assert f"--encoding {candidate} reads it as '{text.splitlines()[0]}'" in str(caught.value)


def test_given_encoding_overrides_detection_and_is_checked(tmp_path):
    assert detected(tmp_path, GLUED.encode("cp1252"), "cp1252").how == "given"
    assert detected(tmp_path, GLUED.encode("cp1252"), "gb18030").name == "gb18030"
    with pytest.raises(CrmError, match="f.csv:3: not valid utf-8"):
        detected(tmp_path, "a\nb\né\n".encode("cp1252"), "utf-8")
    with pytest.raises(UsageError, match="unknown encoding 'martian'"):
        detected(tmp_path, b"a", "martian")


def test_mojibake_is_cjk_outside_common_chinese_glued_to_latin_letters():
    assert looks_garbled("Banco Cr閐ito,x") == "Cr閐ito"
    assert looks_garbled("B一级 VIP客户 iPhone手机 A级") is None


SALESFORCE = (
    "Account ID,Account Name,Billing Street,Description\r\n"
    "0015g00000AbCdE,Crédito Agrícola Müller GmbH,Königstraße 12,Großkunde\r\n"
    "0015g00000AbCdF,Société Générale Côte d'Azur,12 Promenade,Contact: Amélie Dubois\r\n"
    "0015g00000AbCdG,Acme Corp,1 Main St,\r\n"
)


def test_a_western_export_another_code_page_reads_alike_is_cp1252(tmp_path):
    """charset-normalizer names cp1250 for this cp1252 file, which both read alike: it is said as
    cp1252, the page Western exports are written in (a file with è or à would be read as č, ŕ)."""
    path = tmp_path / "accounts.csv"
    path.write_bytes(SALESFORCE.encode("cp1252"))
    assert detect(path).name == "cp1252"
