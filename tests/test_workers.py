"""kg build on a Dask cluster (issue 16): a LocalCluster of two worker processes gives the same files
as a build in one process, and a scheduler kg cannot use is a clear error."""

from __future__ import annotations

import socket
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.errors import ClusterError
from kg.pipeline import BuildOptions, build

ROOT = Path(__file__).parent.parent
# The seeds and three development reports of the real corpus (odd numbers): two of Chengdu's
# reports date each other (a report dated by another's congress session is read again).
FILES = sorted((ROOT / "seeds").glob("*.txt")) + [
    ROOT / "tests" / "real" / "texts" / name
    for name in ("11_chengdu-2018-traditional-news.txt", "13_anjuqu-2022-footnotes.txt", "15_shangluo-2023-digest.txt")
]


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    """The address of a LocalCluster of two worker processes, one thread each."""
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        yield cluster.scheduler_address


def _files(folder: Path) -> dict[str, bytes]:
    """The build's files and partitions by path; not the store's database files or the facts cache,
    whose bytes are the database's and pickle's own business (their content is the partitions')."""
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and path.relative_to(folder).parts[0] not in ("store", ".kg")
    }


@pytest.mark.issue(16)
def test_workers_dask_build_writes_the_same_bytes_as_one_process(tmp_path: Path, scheduler: str) -> None:
    formats = ("turtle", "nquads", "trig")
    here = build(FILES, BuildOptions(output_dir=tmp_path / "here", formats=formats, jobs=1))
    seen: list[str] = []
    there = build(
        FILES, BuildOptions(output_dir=tmp_path / "dask", formats=formats, scheduler=scheduler), progress=seen.append
    )
    assert _files(tmp_path / "dask") == _files(tmp_path / "here")
    assert {"graph.ttl", "graph.nq", "graph.trig", "graph.html"} <= set(_files(tmp_path / "here"))
    assert there.stats == here.stats and there.stats.observations > 100
    # Progress as each report finishes, every report once.
    assert len(seen) == len(FILES) and seen[-1].startswith(f"[{len(FILES)}/{len(FILES)}]")
    assert {line.split("] ", 1)[1] for line in seen} == {str(path) for path in FILES}
    # In input order, whichever worker finished first (an in-memory build returns its facts).
    in_memory = build(FILES, BuildOptions(scheduler=scheduler))
    assert [f.report.source.path for f in in_memory.facts] == FILES


@pytest.mark.issue(16)
def test_workers_cli_build_with_scheduler(tmp_path: Path, scheduler: str) -> None:
    runs = {
        "here": ["-j", "1"],
        "dask": ["--scheduler", scheduler],
    }
    for name, how in runs.items():
        result = CliRunner().invoke(main, ["build", *map(str, FILES[:2]), "-o", str(tmp_path / name), "-q", *how])
        assert result.exit_code == 0, result.output
        assert f"wrote {tmp_path / name / 'graph.ttl'}" in result.output
    assert _files(tmp_path / "dask") == _files(tmp_path / "here")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.mark.issue(16)
def test_workers_unreachable_scheduler_says_what_to_do(tmp_path: Path) -> None:
    dask = pytest.importorskip("dask")
    address = f"tcp://127.0.0.1:{_free_port()}"
    with dask.config.set({"distributed.comm.timeouts.connect": "1s"}):
        result = CliRunner().invoke(main, ["build", str(FILES[0]), "-o", str(tmp_path), "--scheduler", address])
    assert result.exit_code == 1
    assert f"cannot reach the Dask scheduler at {address}" in result.output
    assert "dask scheduler" in result.output and "dask worker" in result.output
    assert not list(tmp_path.iterdir())  # nothing written


@pytest.mark.issue(16)
def test_workers_scheduler_without_distributed_says_how_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed → ImportError
    with pytest.raises(ClusterError, match=r"pip install 'kg\[distributed\]'"):
        build(FILES[:1], BuildOptions(scheduler="tcp://127.0.0.1:8786"))
