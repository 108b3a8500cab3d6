"""CI: .ci/run runs the README's test command verbatim, then the linters and type checks pyproject.toml configures."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).parent.parent


def test_ci_runs_the_readme_test_command_verbatim_and_the_checks() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    command = next(line for line in readme if line.startswith("python3 -m venv") and "pytest" in line)
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert command in script
    for check in (".venv/bin/ruff check .", ".venv/bin/ruff format --check .", ".venv/bin/mypy"):
        assert check in script
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert '"mypy' in pyproject and '"ruff' in pyproject  # in the test extra, so the README's install has them
