"""Tasks: `nox -s test`, `nox -s lint`, `nox -s types`, `nox -s bench`, `nox -s mutate` (bench and
mutate pass their arguments on: `nox -s bench -- --sizes 10000`, `nox -s mutate -- due`)."""

from __future__ import annotations

import nox

nox.options.sessions = ["lint", "types", "test"]


@nox.session
def test(session: nox.Session) -> None:
    """The suite, which also runs the lint, type and import-layer checks (as CI does)."""
    session.install(".[test]")
    session.run("python", "-m", "pytest", *session.posargs)


@nox.session
def lint(session: nox.Session) -> None:
    """ruff check and ruff format --check, as configured in pyproject.toml."""
    session.install("ruff")
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", ".")


@nox.session
def types(session: nox.Session) -> None:
    """mypy on crmctl/ with the strictness in pyproject.toml, and the import-linter contracts."""
    session.install(".[test]")
    session.run("mypy")
    session.run("lint-imports")


@nox.session
def bench(session: nox.Session) -> None:
    """bench/run.py on generated archives (1,000 and 10,000 customers unless told otherwise)."""
    session.install(".")
    session.run("python", "bench/run.py", *session.posargs)


@nox.session
def mutate(session: nox.Session) -> None:
    """bench/mutate.py: mutants of the rules modules against their areas' tests."""
    session.install(".[test]")
    session.run("python", "bench/mutate.py", *session.posargs)
