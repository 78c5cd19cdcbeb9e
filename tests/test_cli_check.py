import json

from tests.conftest import run_crmctl


def test_the_shipped_demo_archive_passes(demo):
    result = demo("check")
    assert result.exit_code == 0 and result.stdout == ""


def test_every_problem_is_reported_with_path_and_line(demo):
    folder = demo.root / "records" / "customers"
    victims = sorted(folder.iterdir())[:4]
    text = victims[0].read_text().replace("status: active", "status: sleeping").replace("status: prospect", "status: sleeping")
    victims[0].write_text(text)
    victims[1].write_text(victims[1].read_text() + "colour: red\n")
    victims[2].write_bytes(b"name: x\n<<<<<<< HEAD\n")
    owned = folder / f"{demo.json('customer', 'list', '--owner', 'liuyang')[0]['id']}.yaml"
    owned.write_text(owned.read_text().replace("owner: liuyang", "owner: nobody"))
    victims[3] = owned
    result = demo("check")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    line_of = lambda path, word: next(n for n, l in enumerate(path.read_text().splitlines(), 1) if l.startswith(word))  # noqa: E731
    assert f"records/customers/{victims[0].name}:{line_of(victims[0], 'status')}: status: 'sleeping' is not one of" in result.stdout
    assert f"records/customers/{victims[1].name}:{line_of(victims[1], 'colour')}: colour: unknown field 'colour'" in result.stdout
    assert f"records/customers/{victims[2].name}:2: leftover merge-conflict marker" in result.stdout
    assert f"records/customers/{owned.name}:{line_of(owned, 'owner')}: owner: 'nobody' is not on the team in crmctl.yaml" in lines
    as_json = json.loads(demo("check", fmt="json").stdout)
    assert {p["path"] for p in as_json} == {f"records/customers/{v.name}" for v in victims}


def test_a_bad_config_is_reported_with_its_line(demo):
    config = demo.root / "crmctl.yaml"
    text = config.read_text().replace("role: specialist", "role: intern", 1)
    config.write_text(text)
    line = next(n for n, l in enumerate(text.splitlines(), 1) if "role: intern" in l)
    result = demo("check")
    assert result.exit_code == 1 and f"crmctl.yaml:{line}: team[3].role: 'intern' is not one of" in result.stdout
    result = demo("customer", "list")
    assert result.exit_code == 1 and f"crmctl.yaml:{line}: team[3].role" in result.stderr


def test_duplicate_customers_are_warnings(demo):
    folder = demo.root / "records" / "customers"
    first = sorted(folder.iterdir())[0]
    twin = demo.json("customer", "show", first.stem)
    demo.ok("customer", "add", twin["name"], "--allow-duplicate")
    result = demo("check")
    assert result.exit_code == 0 and "warning: name: same name" in result.stdout


def test_check_in_a_subprocess_from_another_directory(demo, tmp_path):
    result = run_crmctl("check", cwd=demo.root / "records" / "customers")
    assert result.returncode == 0, result.stderr
    result = run_crmctl("check", cwd=tmp_path)
    assert result.returncode == 1 and "not inside a crmctl data root" in result.stderr and "crmctl init" in result.stderr
    result = run_crmctl("customer", "list", cwd=tmp_path, env={"CRMCTL_ROOT": str(demo.root)})
    assert result.returncode == 0 and "大客户" in result.stdout


def test_a_record_failing_its_schema_still_has_its_references_checked(demo):
    owned = demo.root / "records" / "customers" / f"{demo.json('customer', 'list', '--owner', 'liuyang')[0]['id']}.yaml"
    text = owned.read_text().replace("owner: liuyang", "owner: ghost").replace("status: active", "status: weird")
    owned.write_text(text)
    result = demo("check")
    line = lambda word: next(n for n, l in enumerate(text.splitlines(), 1) if l.startswith(word))  # noqa: E731
    assert result.exit_code == 1
    assert f"{owned.relative_to(demo.root)}:{line('status')}: status: 'weird' is not one of" in result.stdout
    assert f"{owned.relative_to(demo.root)}:{line('owner')}: owner: 'ghost' is not on the team" in result.stdout
