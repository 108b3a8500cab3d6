"""kg export (issue 15): every fact of the seeds' graph as one tidy table, in CSV and Parquet."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.model import BuildResult


@pytest.mark.issue(15)
def test_export_csv_has_one_row_per_fact_with_its_region_year_and_evidence(
    seed_output: Path, seed_build: BuildResult, tmp_path: Path
) -> None:
    result = CliRunner().invoke(main, ["export", str(seed_output / "graph.ttl"), "-o", str(tmp_path / "facts.csv")])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO((tmp_path / "facts.csv").read_text(encoding="utf-8"))))
    facts = sum(len(f.observations) + len(f.commitments) for f in seed_build.facts)
    assert len(rows) == facts  # nothing dropped, nothing doubled by a second label
    # 城东区 2019: 严格预算管理，“三公”经费同比减少26.8%。
    cuts = next(r for r in rows if r["stated_value"] == "26.8%" and "三公" in r["evidence"])
    assert (cuts["region"], cuts["level"], cuts["year"], cuts["kind"], cuts["aspect"], cuts["value"]) == (
        "城东区",
        "county",
        "2019",
        "actual",
        "Growth",
        "-26.8",
    )
    assert cuts["report"].endswith(".txt")
    assert {r["kind"] for r in rows} == {"actual", "target", "project", "program"}
    assert all(r["status"] for r in rows if r["kind"] in ("project", "program"))


@pytest.mark.issue(15)
def test_export_parquet_has_typed_columns_and_the_same_rows(seed_output: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    graph = str(seed_output / "graph.ttl")
    assert runner.invoke(main, ["export", graph, "--parquet", "-o", str(tmp_path / "f.parquet")]).exit_code == 0
    table = pq.read_table(tmp_path / "f.parquet")
    printed = runner.invoke(main, ["export", graph]).stdout
    assert table.num_rows == len(printed.splitlines()) - 1
    assert str(table.schema.field("year").type) == "int32" and str(table.schema.field("value").type) == "double"
    assert runner.invoke(main, ["export", graph, "--parquet"]).exit_code == 2  # binary needs a file
