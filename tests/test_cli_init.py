"""`crmctl init`: a new data root, and `--git` to make it (or an existing one) a repository with the
driver."""

import json
import sys

from click.testing import CliRunner

from crmctl.cli import cli
from tests.conftest import REPO
from tests.gitrepos import git


def test_init_creates_a_working_root_with_editor_schemas(tmp_path):
    root = tmp_path / "new"
    result = CliRunner().invoke(cli, ["init", str(root)])
    assert result.exit_code == 0
    assert (
        (root / "crmctl.yaml")
        .read_text()
        .startswith("# yaml-language-server: $schema=schemas/config.schema.json")
    )
    assert (root / ".gitignore").read_text() == ".crmctl/\n"
    settings = json.loads((root / ".vscode" / "settings.json").read_text())
    for schema, globs in settings["yaml.schemas"].items():
        assert (root / schema).is_file() and globs
    assert (root / "records" / "customers").is_dir()
    result = CliRunner().invoke(
        cli, ["--root", str(root), "--as", "wang", "customer", "add", "甲公司"]
    )
    assert (
        result.exit_code == 0
        and CliRunner().invoke(cli, ["--root", str(root), "check"]).exit_code == 0
    )


def test_init_refuses_an_existing_root_and_changes_nothing(tmp_path):
    root = tmp_path / "new"
    CliRunner().invoke(cli, ["init", str(root)])
    config = (root / "crmctl.yaml").read_bytes()
    result = CliRunner().invoke(cli, ["init", str(root)])
    assert (
        result.exit_code == 1
        and "already holds" in result.stderr
        and (root / "crmctl.yaml").read_bytes() == config
    )


def test_help_shows_examples():
    for command in (
        ["--help"],
        ["customer", "--help"],
        ["customer", "add", "--help"],
        ["check", "--help"],
    ):
        result = CliRunner().invoke(cli, command)
        assert result.exit_code == 0 and "Examples:" in result.stdout


def test_version_is_the_one_the_package_was_installed_with():
    from importlib import metadata

    result = CliRunner().invoke(cli, ["--version"])
    assert (
        result.exit_code == 0 and result.stdout == f"crmctl, version {metadata.version('crmctl')}\n"
    )


def init(*args):
    return CliRunner().invoke(cli, ["init", *map(str, args)], catch_exceptions=False)


def test_init_git_creates_a_repository_with_the_driver_registered(tmp_path, git_home):
    root = tmp_path / "crm"
    result = init("--git", root)
    assert result.exit_code == 0, result.stderr
    assert (
        git(root, "config", "merge.crmctl.driver").stdout.strip()
        == f"/bin/sh {REPO}/crmctl/store/merge_driver.sh {sys.executable} %O %A %B %P"
    )
    assert (
        git(root, "check-attr", "merge", "--", "records/visits/2026/11/V1.yaml")
        .stdout.strip()
        .endswith("merge: crmctl")
    )


def test_init_without_git_outside_a_repository_registers_nothing(tmp_path, git_home):
    root = tmp_path / "crm"
    result = init(root)
    assert result.exit_code == 0
    assert not (root / ".git").exists() and "merge driver" not in result.stderr


def test_init_git_in_an_existing_archive_only_registers_the_driver(tmp_path, git_home):
    root = tmp_path / "crm"
    assert init(root).exit_code == 0
    (root / ".gitattributes").write_text(
        "*.csv text\n", encoding="utf-8"
    )  # an older archive's attributes
    config = (root / "crmctl.yaml").read_bytes()

    refused = init(root)
    assert refused.exit_code == 1 and f"crmctl init --git {root}" in refused.stderr
    result = init("--git", root)

    assert result.exit_code == 0, result.stderr
    assert (root / ".gitattributes").read_text(
        encoding="utf-8"
    ) == "*.csv text\nrecords/**/*.yaml merge=crmctl\n"
    assert (root / "crmctl.yaml").read_bytes() == config
    assert result.stdout == f"{root / '.gitattributes'}\n"
    assert (
        git(root, "config", "merge.crmctl.name").stdout.strip()
        == "crmctl field-by-field record merge"
    )
    assert init("--git", root).stdout == ""  # a second time changes nothing


def test_init_where_no_directory_can_be_made_is_an_error_not_a_traceback(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    result = CliRunner().invoke(cli, ["init", str(blocker / "crm")])
    assert result.exit_code == 1 and isinstance(
        result.exception, SystemExit
    )  # not an uncaught OSError
    assert result.stderr.startswith("crmctl: error: ") and "a-file" in result.stderr
