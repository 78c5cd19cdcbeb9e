"""The schemas an archive carries validate its files for a validator of its own, from any directory:
their `$ref`s resolve against the schema file, and the files are read as YAML 1.2 reads them."""

from __future__ import annotations

import io
import json
import urllib.parse
from pathlib import Path

import jsonschema
from referencing import Registry, Resource
from ruamel.yaml import YAML

from tests.conftest import Crm

SCHEMA_OF = {"customers": "customer", "complaints": "complaint", "visits": "visit"}


def file_validator(schema_path: Path):
    """A validator as check-jsonschema builds one: relative references are resolved against the
    schema's `$id` when it has one, else against the file it was read from."""
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    base = schema_path.resolve().as_uri() if "$id" not in schema else schema["$id"]

    def retrieve(uri: str) -> Resource:
        target = urllib.parse.urljoin(base, uri)
        path = Path(urllib.parse.urlparse(target).path)
        return Resource.from_contents(json.loads(path.read_text(encoding="utf-8")))

    return jsonschema.Draft202012Validator(schema, registry=Registry(retrieve=retrieve))


def test_written_files_validate_with_the_archives_schemas_from_another_directory(
    crm, tmp_path, monkeypatch
):
    customer = crm.ok(
        "customer", "add", "杭州华丰", "--set", "wechat=057188881234", "--owner", "liuyang"
    ).strip()
    crm.ok("customer", "edit", customer, "--set", "region=031348", "--set", "tags=0123,1_000")
    crm.ok("complaint", "log", customer, "--summary", "0o17", user="liuyang")
    crm.ok(
        "visit",
        "log",
        customer,
        "--channel",
        "phone",
        "--reached",
        "--summary",
        "+1",
        user="liuyang",
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    checked = 0
    for path in sorted((crm.root / "records").rglob("*.yaml")):
        kind = SCHEMA_OF[path.relative_to(crm.root / "records").parts[0]]
        validator = file_validator(Path("..") / "crm" / "schemas" / f"{kind}.schema.json")
        data = YAML(typ="safe", pure=True).load(io.StringIO(path.read_text(encoding="utf-8")))
        data = json.loads(json.dumps(data, default=str))  # dates as the text YAML 1.1 keeps
        assert [error.message for error in validator.iter_errors(data)] == [], path
        checked += 1
    assert checked == 3
    assert Crm(crm.root).json("customer", "show", customer)["wechat"] == "057188881234"
