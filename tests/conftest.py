"""Session fixtures: the seeds are read and built once for the whole test run."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from kg.clean import clean
from kg.ingest import read_sources
from kg.model import BuildResult, CleanText, Report
from kg.pipeline import BuildOptions, build, read_report

ROOT = Path(__file__).parent.parent
SEEDS = ROOT / "seeds"
GOLD = ROOT / "tests" / "gold" / "seeds.jsonl"  # a copy of shared/gold/seeds.jsonl (tests/gold/README.md)


@pytest.fixture(scope="session")
def seed_clean() -> dict[str, CleanText]:
    texts, _ = read_sources([SEEDS])
    return {raw.source.path.stem: clean(raw) for raw in texts}


@pytest.fixture(scope="session")
def seed_reports() -> dict[str, Report]:
    texts, _ = read_sources([SEEDS])
    return {raw.source.path.stem: read_report(raw, raw.source.path.stem, BuildOptions()) for raw in texts}


@pytest.fixture(scope="session")
def seed_build() -> BuildResult:
    return build([SEEDS], BuildOptions(output_dir=None))


@pytest.fixture(scope="session")
def seed_output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("output")
    build([SEEDS], BuildOptions(output_dir=out))
    return out


def written(out: Path) -> dict[str, bytes]:
    """The files a build wrote into ``out`` that must be byte-identical from run to run: the RDF files,
    the HTML page and the partitions (not the binary store, nor the cache in .kg/)."""
    files = {}
    for path in sorted(out.rglob("*")):
        parts = path.relative_to(out).parts
        if path.is_file() and not parts[0].startswith(".") and parts[0] != "store":
            files["/".join(parts)] = path.read_bytes()
    return files


@pytest.fixture(scope="session")
def gold_path() -> Path:
    return GOLD


@pytest.fixture(scope="session")
def rapper() -> str:
    """The path of Debian's rapper (raptor2-utils): skipped without it on a developer machine,
    a failure in CI (CI=1, set by .ci/run, which installs it)."""
    found = shutil.which("rapper")
    if found is None:
        if os.environ.get("CI", "").lower() in ("1", "true"):
            pytest.fail("rapper is missing: .ci/run installs raptor2-utils")
        pytest.skip("rapper (Debian raptor2-utils) is not installed; .ci/run installs it")
    return found
