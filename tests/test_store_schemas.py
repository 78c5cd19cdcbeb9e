"""The fast schema check and jsonschema agree on every verdict; jsonschema explains refusals."""

from __future__ import annotations

import copy
import random
from pathlib import Path

import pytest

from bench.generate import generate
from crmctl.archive.kinds import KINDS
from crmctl.archive.schemas import _accepts, _validator, validate
from tests.plain_store import PlainStore

DEMO = Path(__file__).resolve().parent.parent
ODD_VALUES = [
    None,
    True,
    False,
    0,
    1,
    1.0,
    -1,
    2.5,
    "",
    "x",
    "A1",
    "a b",
    "2026-11-23",
    "2026-11-23T10:00:00+08:00",
    "2026-13-01",
    "2026-11-23T10:00:00",
    "x@y",
    "x\ny",
    [],
    ["a"],
    ["a", "a"],
    [1, True],
    {},
    {"from": 1},
    "wang",
    "lost",
    "1" * 600,
    "13800001111",
    "+86 138",
    "0123",
]


@pytest.fixture(scope="module")
def customers(tmp_path_factory):
    root = tmp_path_factory.mktemp("schemas") / "crm"
    generate(root, customers=40, seed=5, workers=1)
    return PlainStore(root).records(KINDS["customer"])


def _mutated(rng: random.Random, record: dict) -> dict:
    """A record with one or two fields (top level or in a history entry) set to an odd value."""
    out = copy.deepcopy(record)
    for _ in range(rng.randrange(1, 3)):
        target = (
            out["history"][0]
            if rng.random() < 0.4
            and isinstance(out.get("history"), list)
            and out["history"]
            and isinstance(out["history"][0], dict)
            else out
        )
        fields = [
            *target,
            "zzz",
            "changes",
            "note",
            "action",
            "grade",
            "secondary_contacts",
            "tags",
            "birthday",
        ]
        target[rng.choice(fields)] = copy.deepcopy(rng.choice(ODD_VALUES))
    return out


def test_fast_check_and_jsonschema_give_the_same_verdicts(customers):
    rng = random.Random(11)
    accepts, explains = _accepts("customer"), _validator("customer")
    bodies = [{k: v for k, v in c.items() if k != "id"} for c in customers]
    refused = 0
    for _ in range(3000):
        body = _mutated(rng, rng.choice(bodies))
        valid = not any(True for _ in explains.iter_errors(body))
        assert accepts(body) == valid, body
        refused += not valid
    assert 0 < refused < 3000  # the corpus holds both kinds, or the test proves nothing


def test_a_refused_record_is_explained_by_field(customers):
    body = {k: v for k, v in customers[0].items() if k != "id"}
    assert validate("customer", body) == []
    issues = validate("customer", {**body, "status": "maybe", "birthday": "2026-13-01"})
    assert [(issue.path, issue.message) for issue in issues] == [
        (("birthday",), "'2026-13-01' is not a valid date (YYYY-MM-DD)"),
        (("status",), "'maybe' is not one of ['prospect', 'active', 'lost']"),
    ]


def test_the_compiled_check_is_kept_in_the_users_cache_and_reused(tmp_path, monkeypatch, customers):
    import fastjsonschema

    from crmctl.archive import schemas

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    schemas._check_code("customer")
    kept = list((tmp_path / "crmctl").iterdir())
    assert [path.name.startswith("check-customer-") for path in kept] == [True]

    def never(*args, **kwargs):
        raise AssertionError("generated again")

    monkeypatch.setattr(fastjsonschema, "compile_to_code", never)
    accepts = schemas._accepts.__wrapped__("customer")
    body = {k: v for k, v in customers[0].items() if k != "id"}
    assert accepts(body) and not accepts({**body, "status": "maybe"})


def test_a_damaged_cache_file_is_made_again(tmp_path, monkeypatch, customers):
    from crmctl.archive import schemas

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    schemas._check_code("customer")
    [kept] = (tmp_path / "crmctl").iterdir()
    kept.write_bytes(b"\x00garbage")
    accepts = schemas._accepts.__wrapped__("customer")
    body = {k: v for k, v in customers[0].items() if k != "id"}
    assert accepts(body) and not accepts({**body, "status": "maybe"})
    assert kept.read_bytes() != b"\x00garbage"


def test_a_schema_with_an_id_is_checked_from_the_cache_too(tmp_path, monkeypatch):
    from crmctl.archive import schemas, yamlio

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    plan = yamlio.loads((DEMO / "records/plans/P1M3JVV38022X8B9.yaml").read_bytes())
    for _ in range(2):  # made, then read back from the cache
        accepts = schemas._accepts.__wrapped__("plan")
        assert accepts(plan) and not accepts({**plan, "kind": "maybe"})
