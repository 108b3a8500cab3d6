"""``kg export``: every fact of a built graph as one tidy table, for pandas, R and Stata.

One row per fact: a number (kind ``actual`` or ``target``) or a commitment (kind ``project`` or
``program``, with its status), with its region, the region's division code and level where the
gazetteer knows them, the year, and the evidence sentence and report file it comes from. Written
as CSV (UTF-8, no byte-order mark: pandas, R's readr and Stata's ``import delimited`` read it as
is) and, where pyarrow is installed (``pip install 'kg[parquet]'``), as Parquet with typed columns.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from kg.errors import InputError, OutputError
from kg.query import Rows, open_store, select

COLUMNS = (
    "region",
    "division_code",
    "level",
    "year",
    "kind",
    "indicator",
    "aspect",
    "qualifier",
    "value",
    "unit",
    "stated_value",
    "subject",
    "status",
    "investment",
    "evidence",
    "report",
)

_QUERY = """
SELECT ?region ?division_code ?level ?year ?kind ?indicator ?aspect ?qualifier ?value ?unit ?stated_value
       ?subject ?status ?investment ?evidence ?report
WHERE {
  {
    ?fact a gov:Observation ; gov:indicator ?i ; gov:aspect ?a ; gov:qualifier ?q ; gov:value ?value ;
          gov:unit ?unit ; gov:statedValue ?stated_value .
    ?i skos:prefLabel ?indicator . FILTER(LANG(?indicator) = "zh")
    OPTIONAL { ?fact a gov:Target . BIND("target" AS ?target_kind) }
    BIND(COALESCE(?target_kind, "actual") AS ?kind)
    BIND(STRAFTER(STR(?a), "#") AS ?aspect)
    BIND(STRAFTER(STR(?q), "#") AS ?qualifier)
  } UNION {
    ?fact a gov:Commitment ; gov:status ?s .
    { ?fact gov:project ?thing . BIND("project" AS ?kind) }
    UNION { ?fact gov:program ?thing . BIND("program" AS ?kind) }
    ?thing rdfs:label ?subject . FILTER(LANG(?subject) = "zh")
    OPTIONAL { ?fact gov:investment ?investment }
    BIND(STRAFTER(STR(?s), "#") AS ?status)
  }
  ?fact gov:evidence ?evidence ; prov:wasDerivedFrom ?r .
  ?r dcterms:source ?report .
  OPTIONAL { ?fact gov:year ?year }
  OPTIONAL {
    ?fact gov:region ?place .
    ?place rdfs:label ?region . FILTER(LANG(?region) = "zh")
    OPTIONAL { ?place gov:divisionCode ?division_code }
    OPTIONAL {
      VALUES (?type ?level) { (gov:Province "province") (gov:City "prefecture") (gov:District "county")
                              (gov:County "county") }
      ?place a ?type .
    }
  }
}
ORDER BY ?report ?kind ?region ?year ?indicator ?subject ?aspect ?stated_value ?evidence
"""

# Parquet column types: the rest are strings.
_INTEGERS = ("year",)
_DECIMALS = ("value", "investment")


def facts_table(graph: Path) -> Rows:
    """Every observation and commitment in the graph file or store at ``graph``, one row each."""
    rows = select(open_store(graph), _QUERY)
    if rows.columns != COLUMNS:
        raise AssertionError(f"export query columns {rows.columns} differ from {COLUMNS}")
    return rows


def to_csv(rows: Rows) -> bytes:
    """The table as CSV in UTF-8, empty cells where a fact has no value."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(rows.columns)
    writer.writerows([["" if v is None else v for v in row] for row in rows.rows])
    return out.getvalue().encode("utf-8")


def write_parquet(rows: Rows, path: Path) -> None:
    """The table as Parquet: year an integer, value and investment floats, the rest strings."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise InputError("Parquet needs pyarrow: pip install 'kg[parquet]' (or pyarrow), or write CSV") from exc
    columns: dict[str, object] = {}
    for number, name in enumerate(rows.columns):
        values = [row[number] for row in rows.rows]
        if name in _INTEGERS:
            columns[name] = pa.array([int(v) if v is not None else None for v in values], pa.int32())
        elif name in _DECIMALS:
            columns[name] = pa.array([float(v) if v is not None else None for v in values], pa.float64())
        else:
            columns[name] = pa.array(values, pa.string())
    try:
        pq.write_table(pa.table(columns), str(path), compression="zstd")
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc}; choose another path") from exc
