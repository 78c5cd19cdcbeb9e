"""The project's own checks, run by the suite so CI enforces them: lint, formatting, types, the
import layers and the complexity of functions."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import REPO

MAX_COMPLEXITY = 15  # cyclomatic, as `radon cc` counts it (boolean operators included)


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", *args], cwd=REPO, capture_output=True, text=True, check=False
    )


def test_ruff_check_finds_nothing():
    result = _run("ruff", "check", "--no-cache", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_format_would_change_nothing():
    result = _run("ruff", "format", "--check", "--no-cache", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_finds_nothing():
    result = _run("mypy")
    assert result.returncode == 0, result.stdout + result.stderr


def test_imports_keep_the_layers():
    from importlinter.cli import lint_imports

    assert lint_imports(config_filename=str(REPO / ".importlinter"), no_cache=True) == 0


def _complexities() -> dict[str, int]:
    """{`path:name`: complexity} of every function, method and class of the package, as radon
    counts them."""
    from radon.complexity import cc_visit

    found = {}
    for path in sorted((REPO / "crmctl").rglob("*.py")):
        where = path.relative_to(REPO).as_posix()
        for block in cc_visit(path.read_text("utf-8")):
            found[f"{where}:{block.fullname}"] = block.complexity
    return found


def test_no_function_is_more_complex_than_the_limit():
    over = {name: value for name, value in _complexities().items() if value > MAX_COMPLEXITY}
    assert over == {}, "split these by their steps (radon cc -n C -s crmctl)"
