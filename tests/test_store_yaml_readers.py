"""Every file crmctl writes means the same to a YAML 1.1 reader (PyYAML) and a YAML 1.2 reader
(ruamel.yaml, as yq, js-yaml and the editors' language server read it): property tests over the
value space of the fields, with the scalars each version types differently."""

from __future__ import annotations

import datetime as dt
import io

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from crmctl.archive import canonical, yamlio
from tests.test_store_canonical_properties import MISTYPED, customer

# Scalars one of the two versions reads as a number, a boolean, a date, null or a merge key.
TYPED_BY_ONE_VERSION = [
    "057188881234",
    "031348",
    "0123",
    "089",
    "09",
    "1_000",
    "0o17",
    "0x1F",
    "0b101",
    ".5",
    "+1",
    "+1.5",
    "-0",
    "1.",
    "1e3",
    "1E+3",
    "190:20:30",
    "12:30",
    "2026-11-23",
    "2026-1-2 3:04:05",
    "2026-11-23T09:30:00+08:00",
    "yes",
    "No",
    "on",
    "OFF",
    "y",
    "True",
    "FALSE",
    "~",
    "null",
    "Null",
    "NULL",
    "<<",
    "=",
    ".inf",
    "-.INF",
    "a\n\u2028b",
    "a\n\x85b",
    ".NaN",
]
numeric_looking = st.text(st.sampled_from("0123456789._+-:eEoxXbB"), min_size=1, max_size=14)
word_looking = st.text(st.sampled_from("yesnoYESNOtrufalsTRUFALSnulNUL~<=.inf"), max_size=6)
value = st.one_of(st.sampled_from(TYPED_BY_ONE_VERSION + MISTYPED), numeric_looking, word_looking)


def yaml11(data: bytes):
    return yaml.load(data.decode("utf-8"), Loader=yaml.SafeLoader)


def yaml12(data: bytes):
    return YAML(typ="safe", pure=True).load(io.StringIO(data.decode("utf-8")))


def meaning(value):
    """A read value with times as instants: the two libraries build different datetime objects."""
    if isinstance(value, dict):
        return {key: meaning(item) for key, item in value.items()}
    if isinstance(value, list):
        return [meaning(item) for item in value]
    if isinstance(value, dt.datetime):
        moment = value if value.tzinfo else value.replace(tzinfo=dt.UTC)
        return ("instant", moment.timestamp())
    if isinstance(value, dt.date):
        return ("date", value.isoformat())
    return value


@settings(max_examples=400, deadline=None)
@given(value)
def test_any_text_value_is_text_to_both_versions(text):
    record = {
        "name": text or "x",
        "phone": text,
        "notes": text,
        "tags": [text],
        "extra": {"列": text},
        "status": "active",
        "created": "2026-11-23T09:30:00+08:00",
        "history": [{"at": "2026-11-23T09:30:00+08:00", "by": "lina", "action": "create"}],
    }
    data = canonical.to_bytes("customer", record)
    for read in (yaml11, yaml12):
        loaded = read(data)
        assert loaded["phone"] == loaded["notes"] == loaded["tags"][0] == text, data
        assert loaded["extra"] == {"列": text}


@settings(max_examples=150, deadline=None)
@given(customer)
def test_any_customer_means_the_same_to_both_versions(record):
    data = canonical.to_bytes("customer", record)
    assert meaning(yaml11(data)) == meaning(yaml12(data)), data


@settings(max_examples=150, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(["a", "b", "c"]),
        st.one_of(
            st.booleans(),
            st.integers(-(10**15), 10**15),
            st.floats(allow_nan=False, allow_infinity=False),
        ),
    )
)
def test_numbers_and_booleans_read_the_same_in_both_versions(values):
    data = yamlio.dumps(values)
    assert yaml11(data) == yaml12(data) == values == yamlio.loads(data)


def test_a_landline_with_its_leading_zero_is_quoted():
    data = canonical.to_bytes(
        "customer",
        {"name": "x", "phone": "057188881234", "status": "active", "history": []},
    )
    assert b"phone: '057188881234'\n" in data
    assert yaml12(data)["phone"] == "057188881234"
