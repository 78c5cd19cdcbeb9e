import json

from click.testing import CliRunner

from crmctl.cli import cli


def test_init_creates_a_working_root_with_editor_schemas(tmp_path):
    root = tmp_path / "new"
    result = CliRunner().invoke(cli, ["init", str(root)])
    assert result.exit_code == 0
    assert (root / "crmctl.yaml").read_text().startswith("# yaml-language-server: $schema=schemas/config.schema.json")
    assert (root / ".gitignore").read_text() == ".crmctl/\n"
    settings = json.loads((root / ".vscode" / "settings.json").read_text())
    for schema, globs in settings["yaml.schemas"].items():
        assert (root / schema).is_file() and globs
    assert (root / "records" / "customers").is_dir()
    result = CliRunner().invoke(cli, ["--root", str(root), "--as", "wang", "customer", "add", "甲公司"])
    assert result.exit_code == 0 and CliRunner().invoke(cli, ["--root", str(root), "check"]).exit_code == 0


def test_init_refuses_an_existing_root_and_changes_nothing(tmp_path):
    root = tmp_path / "new"
    CliRunner().invoke(cli, ["init", str(root)])
    config = (root / "crmctl.yaml").read_bytes()
    result = CliRunner().invoke(cli, ["init", str(root)])
    assert result.exit_code == 1 and "already holds" in result.stderr and (root / "crmctl.yaml").read_bytes() == config


def test_help_shows_examples():
    for command in (["--help"], ["customer", "--help"], ["customer", "add", "--help"], ["check", "--help"]):
        result = CliRunner().invoke(cli, command)
        assert result.exit_code == 0 and "Examples:" in result.stdout
