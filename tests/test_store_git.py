"""store.git against a real repository: what `commit_paths` puts in a commit."""

from __future__ import annotations

from crmctl.store import git as store_git
from crmctl.store import git_commit, git_driver
from tests.gitrepos import git


def test_commit_paths_takes_new_changed_and_removed_files_and_skips_an_empty_commit(tmp_path):
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q")
    (root / "kept.txt").write_text("1\n")
    (root / "gone.txt").write_text("1\n")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "base")
    (root / "kept.txt").write_text("2\n")
    (root / "gone.txt").unlink()
    (root / "new.txt").write_text("1\n")
    paths = [root / name for name in ("kept.txt", "gone.txt", "new.txt", "never.txt")]

    commit = git_commit.commit_paths(root, paths, "subject\n\nTrailer: x\n")

    assert commit == git(root, "rev-parse", "HEAD").stdout.strip()
    assert git(
        root, "show", "--name-status", "--no-renames", "--format=", "HEAD"
    ).stdout.split() == ["D", "gone.txt", "M", "kept.txt", "A", "new.txt"]
    assert git(root, "status", "--porcelain").stdout == ""
    assert git_commit.commit_paths(root, paths, "again\n") is None
    assert git(root, "rev-parse", "HEAD").stdout.strip() == commit


def test_registering_the_driver_makes_plain_pull_merge_but_keeps_a_users_choice(tmp_path, git_home):
    fresh, chosen = tmp_path / "fresh", tmp_path / "chosen"
    for repo in (fresh, chosen):
        repo.mkdir()
        git(repo, "init", "-q")
    git(chosen, "config", "pull.rebase", "true")
    for repo in (fresh, chosen):
        git_driver.register_driver(repo)
    assert store_git.config_value(fresh, "pull.rebase") == "false"
    assert store_git.config_value(chosen, "pull.rebase") == "true"
