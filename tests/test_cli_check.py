import json
import re
import shutil

from crmctl.index import findings, index_db
from tests.conftest import run_crmctl


def test_the_shipped_demo_archive_passes(demo):
    result = demo("check")
    assert result.exit_code == 0 and result.stdout == ""


def test_every_problem_is_reported_with_path_and_line(demo):
    folder = demo.root / "records" / "customers"
    victims = sorted(folder.iterdir())[:4]
    text = (
        victims[0]
        .read_text()
        .replace("status: active", "status: sleeping")
        .replace("status: prospect", "status: sleeping")
    )
    victims[0].write_text(text)
    victims[1].write_text(victims[1].read_text() + "colour: red\n")
    victims[2].write_bytes(b"name: x\n<<<<<<< HEAD\n")
    owned = folder / f"{demo.json('customer', 'list', '--owner', 'liuyang')[0]['id']}.yaml"
    owned.write_text(owned.read_text().replace("owner: liuyang", "owner: nobody"))
    victims[3] = owned
    result = demo("check")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()

    def line_of(path, word):
        return next(
            n
            for n, text_line in enumerate(path.read_text().splitlines(), 1)
            if text_line.startswith(word)
        )

    assert (
        f"records/customers/{victims[0].name}:{line_of(victims[0], 'status')}: status: 'sleeping' "
        f"is not one of" in result.stdout
    )
    assert (
        f"records/customers/{victims[1].name}:{line_of(victims[1], 'colour')}: colour: unknown "
        f"field 'colour'" in result.stdout
    )
    assert f"records/customers/{victims[2].name}:2: leftover merge-conflict marker" in result.stdout
    assert (
        f"records/customers/{owned.name}:{line_of(owned, 'owner')}: owner: 'nobody' is not on the "
        f"team in crmctl.yaml" in lines
    )
    as_json = json.loads(demo("check", fmt="json").stdout)
    assert {p["path"] for p in as_json} == {f"records/customers/{v.name}" for v in victims}


def test_a_bad_config_is_reported_with_its_line(demo):
    config = demo.root / "crmctl.yaml"
    text = config.read_text().replace("role: specialist", "role: intern", 1)
    config.write_text(text)
    line = next(
        n for n, text_line in enumerate(text.splitlines(), 1) if "role: intern" in text_line
    )
    result = demo("check")
    assert (
        result.exit_code == 1
        and f"crmctl.yaml:{line}: team[3].role: 'intern' is not one of" in result.stdout
    )
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
    assert (
        result.returncode == 1
        and "not inside a crmctl data root" in result.stderr
        and "crmctl init" in result.stderr
    )
    result = run_crmctl("customer", "list", cwd=tmp_path, env={"CRMCTL_ROOT": str(demo.root)})
    assert result.returncode == 0 and "大客户" in result.stdout


def test_a_record_failing_its_schema_still_has_its_references_checked(demo):
    owned = (
        demo.root
        / "records"
        / "customers"
        / f"{demo.json('customer', 'list', '--owner', 'liuyang')[0]['id']}.yaml"
    )
    text = (
        owned.read_text()
        .replace("owner: liuyang", "owner: ghost")
        .replace("status: active", "status: weird")
    )
    owned.write_text(text)
    result = demo("check")

    def line(word):
        return next(
            n for n, text_line in enumerate(text.splitlines(), 1) if text_line.startswith(word)
        )

    assert result.exit_code == 1
    assert (
        f"{owned.relative_to(demo.root)}:{line('status')}: status: 'weird' is not one of"
        in result.stdout
    )
    assert (
        f"{owned.relative_to(demo.root)}:{line('owner')}: owner: 'ghost' is not on the team"
        in result.stdout
    )


# ------------------------------------------------------------------ the index keeps check's
# findings, never stale
def checked(crm) -> tuple[int, str]:
    """`check` answered from a warm index, after asserting that it says exactly what a check that
    builds its index anew says, as table and as json."""
    warm = crm("check"), crm("check", fmt="json")
    shutil.rmtree(crm.root / ".crmctl", ignore_errors=True)
    anew = crm("check"), crm("check", fmt="json")
    assert [(r.exit_code, r.stdout) for r in warm] == [(r.exit_code, r.stdout) for r in anew]
    return warm[0].exit_code, warm[0].stdout


def line_of(text: str, start: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if line.startswith(start))


def customer_file(crm, record_id: str):
    return crm.root / "records" / "customers" / f"{record_id}.yaml"


def test_a_warm_check_says_what_a_check_without_the_index_says(demo):
    demo.ok("customer", "add", "华丰建材", "--allow-duplicate")
    demo.ok("customer", "add", "华丰建材", "--allow-duplicate")  # a duplicate customer
    folder = demo.root / "records" / "customers"
    victims = sorted(folder.iterdir())[:2]
    victims[0].write_text(
        victims[0]
        .read_text()
        .replace("owner: ", "owner: ghost-", 1)
        .replace("status: ", "status: x", 1)
    )
    victims[1].write_bytes(b"name: x\n<<<<<<< HEAD\n")
    visits = sorted((demo.root / "records" / "visits").rglob("V*.yaml"))
    shutil.copy(visits[0], visits[-1].parent / visits[0].name)  # one id, two files
    visits[1].write_text(
        re.sub(
            r"^customer: .*$",
            "customer: C000000000000000",
            visits[1].read_text(),
            count=1,
            flags=re.MULTILINE,
        )
    )
    code, first = checked(demo)
    for expected in (
        "customer: no customer C000000000000000",
        "duplicate customer?",
        "owner: 'ghost-",
        "status: 'x",
        "merge-conflict marker",
        f"duplicate id: {visits[0].stem}",
    ):
        assert expected in first
    assert checked(demo) == (code, first)


def test_findings_derived_on_a_process_pool_are_those_derived_in_the_command(demo, monkeypatch):
    """Many files missing their findings are derived a chunk at a time on the pool: the same
    problems, located alike, as one process finds (a record failing its schema, references,
    duplicates)."""
    demo.ok("customer", "add", "华丰建材", "--allow-duplicate")
    demo.ok("customer", "add", "华丰建材", "--allow-duplicate")
    victim = sorted((demo.root / "records" / "customers").iterdir())[0]
    victim.write_text(
        victim.read_text()
        .replace("owner: ", "owner: ghost-", 1)
        .replace("status: ", "status: x", 1)
    )
    visit = sorted((demo.root / "records" / "visits").rglob("V*.yaml"))[1]
    visit.write_text(
        re.sub(
            r"^customer: .*$",
            "customer: C000000000000000",
            visit.read_text(),
            count=1,
            flags=re.MULTILINE,
        )
    )
    in_one = checked(demo)
    assert "duplicate customer?" in in_one[1] and "no customer C000000000000000" in in_one[1]
    shutil.rmtree(demo.root / ".crmctl")
    monkeypatch.setattr(findings, "POOL_MIN_FILES", 1)
    monkeypatch.setattr(findings, "DERIVE_CHUNK", 3)
    assert checked(demo) == in_one


def test_a_hand_edit_introduces_and_then_fixes_a_problem(demo):
    assert checked(demo) == (0, "")
    owner = demo.json("customer", "list", "--owner", "liuyang")[0]["id"]
    path = customer_file(demo, owner)
    text = path.read_text()
    path.write_text(text.replace("owner: liuyang", "owner: nobody"))
    code, out = checked(demo)
    where = f"{path.relative_to(demo.root)}:{line_of(text, 'owner:')}"
    assert code == 1 and out == f"{where}: owner: 'nobody' is not on the team in crmctl.yaml\n"
    path.write_text(text)
    assert checked(demo) == (0, "")


def test_a_deleted_customer_leaves_its_visits_referring_to_nobody_until_it_is_back(demo):
    assert checked(demo) == (0, "")
    customer = demo.json("visit", "list")[0]["customer"]
    path = customer_file(demo, customer)
    text = path.read_text()
    path.unlink()
    code, out = checked(demo)
    referring = sorted(
        p.relative_to(demo.root).as_posix()
        for p in (demo.root / "records").rglob("*.yaml")
        if f"\ncustomer: {customer}\n" in f"\n{p.read_text()}"
    )  # its visits and complaints
    assert code == 1 and sorted(line.split(":")[0] for line in out.splitlines()) == referring
    assert all(line.endswith(f": customer: no customer {customer}") for line in out.splitlines())
    path.write_text(text)
    assert checked(demo) == (0, "")


def test_a_config_change_changes_the_problems(demo):
    assert checked(demo) == (0, "")
    config = demo.root / "crmctl.yaml"
    text = config.read_text()
    config.write_text(text.replace("  - {code: qq, zh: QQ, en: QQ}\n", ""))
    code, out = checked(demo)
    users = [
        p.relative_to(demo.root).as_posix()
        for p in (demo.root / "records").rglob("*.yaml")
        if re.search(r"^(preferred_)?channel: qq$", p.read_text(), re.MULTILINE)
    ]
    assert code == 1 and sorted({line.split(":")[0] for line in out.splitlines()}) == sorted(users)
    assert all("'qq' is not a channel" in line for line in out.splitlines())
    config.write_text(text)
    assert checked(demo) == (0, "")


def test_a_duplicate_customer_made_by_a_hand_edit_is_seen(demo):
    assert checked(demo) == (0, "")
    first, second = sorted((demo.root / "records" / "customers").iterdir())[:2]
    name = demo.json("customer", "show", first.stem)["name"]
    text = re.sub(
        r"^name: .*$", f"name: ' {name.upper()} '", second.read_text(), count=1, flags=re.MULTILINE
    )
    second.write_text(text)  # the same name as compared: trimmed, in any case
    code, out = checked(demo)
    later = max(first.stem, second.stem)
    assert (
        code == 0
        and f"records/customers/{later}.yaml: warning: name: same name '{name.lower()}' as" in out
    )


def test_findings_kept_before_the_index_was_rebuilt_are_not_trusted(demo, monkeypatch):
    assert checked(demo) == (0, "")
    path = customer_file(demo, demo.json("customer", "list", "--owner", "liuyang")[0]["id"])
    path.write_text(path.read_text().replace("owner: liuyang", "owner: nobody"))
    monkeypatch.setattr(
        index_db, "FORMAT", index_db.FORMAT + 1
    )  # a new index format: its rows are rebuilt
    demo.ok(
        "customer", "list"
    )  # by another command, with the files table (and its triggers) made anew
    code, out = checked(demo)
    assert code == 1 and "owner: 'nobody' is not on the team" in out
