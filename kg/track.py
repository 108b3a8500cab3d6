"""``kg track``: each target against its result, read from a built graph (its gov:Assessment nodes).

The rows are what a researcher tabulates by hand from two consecutive reports: region, year,
indicator, the target and the result as stated, the outcome (kg/assess.py's rules), the gap in the
target's base unit, and the two sentences with their reports. They print as a table and are written
as CSV that Excel opens as UTF-8 (with a byte-order mark) and as XLSX.
"""

from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Sequence
from pathlib import Path

from kg.errors import OutputError
from kg.query import Rows, open_store, select

_EPOCH = datetime.datetime(2000, 1, 1)  # the workbook's creation date: fixed, so the bytes are

COLUMNS = (
    "region",
    "year",
    "indicator",
    "aspect",
    "target",
    "result",
    "outcome",
    "gap",
    "unit",
    "target_sentence",
    "result_sentence",
    "target_report",
    "result_report",
)

_QUERY = """
SELECT ?region ?year ?indicator ?aspect ?target ?result ?outcome ?gap ?unit
       ?target_sentence ?result_sentence ?target_report ?result_report
WHERE {
  ?assessment a gov:Assessment ;
      gov:target ?t ;
      gov:outcome ?o .
  OPTIONAL { ?assessment gov:difference ?gap }
  ?t gov:region ?r ; gov:year ?year ; gov:indicator ?i ; gov:aspect ?asp ; gov:qualifier ?tq ;
     gov:statedValue ?tv ; gov:unit ?unit ; gov:evidence ?target_sentence ; prov:wasDerivedFrom ?tr .
  {
    ?assessment gov:actual ?a .
    ?a gov:statedValue ?av ; gov:qualifier ?aq ; gov:evidence ?result_sentence ; prov:wasDerivedFrom ?ar .
    BIND(CONCAT(?av, %BOUND_aq%) AS ?result)
  } UNION {
    # The review says whether the target was met, without a number.
    ?assessment gov:evidence ?result_sentence ; prov:wasDerivedFrom ?ar .
    BIND("(stated)" AS ?result)
  }
  FILTER(BOUND(?a) || ?ar != ?tr)  # of a stated result, the review's report, not the target's
  ?r rdfs:label ?region . FILTER(LANG(?region) = "zh")
  ?i skos:prefLabel ?indicator . FILTER(LANG(?indicator) = "zh")
  ?tr dcterms:source ?target_report .
  ?ar dcterms:source ?result_report .
  BIND(STRAFTER(STR(?o), "#") AS ?outcome)
  BIND(STRAFTER(STR(?asp), "#") AS ?aspect)
  BIND(CONCAT(?tv, %BOUND_tq%) AS ?target)
  %FILTERS%
}
ORDER BY ?region ?year ?indicator ?aspect ?target_report ?target ?result_report
"""


# The qualifier written back after the number, as a report would: "5% 左右", "4% 以内".
# A range (6%—6.5%) is its own bound.
_BOUND = (
    'IF(REGEX(?{v}, "[-~～—–至到]"), "", '
    'IF(?{q} = gov:AtLeast, " 以上", IF(?{q} = gov:AtMost, " 以内", IF(?{q} = gov:Approximately, " 左右", ""))))'
)


def track(graph: Path, *, region: str | None = None, year: int | None = None) -> Rows:
    """The assessments in the graph file or store at ``graph``, filtered by region name and year."""
    filters: list[str] = []
    if region is not None:
        filters.append(f"FILTER(STR(?region) = {_literal(region)})")
    if year is not None:
        filters.append(f"FILTER(?year = {int(year)})")
    query = _QUERY.replace("%FILTERS%", "\n  ".join(filters))
    for q, v in (("tq", "tv"), ("aq", "av")):
        query = query.replace(f"%BOUND_{q}%", _BOUND.format(q=q, v=v))
    return select(open_store(graph), query)


def _literal(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def to_csv(rows: Rows) -> bytes:
    """The rows as CSV in UTF-8 with a byte-order mark, so that Excel reads the Chinese right."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(rows.columns)
    writer.writerows([["" if v is None else v for v in row] for row in rows.rows])
    return "\ufeff".encode() + out.getvalue().encode("utf-8")


def to_xlsx(rows: Rows, path: Path) -> None:
    """The rows as an Excel workbook: one sheet, a bold frozen header, numbers as numbers."""
    import xlsxwriter

    try:
        # A fixed creation date keeps the file byte-identical from run to run.
        workbook = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False})
        workbook.set_properties({"created": _EPOCH})
        sheet = workbook.add_worksheet("assessments")
        bold = workbook.add_format({"bold": True})
        sheet.write_row(0, 0, rows.columns, bold)
        sheet.freeze_panes(1, 0)
        numeric = {rows.columns.index(c) for c in ("year", "gap") if c in rows.columns}
        for number, row in enumerate(rows.rows, 1):
            for column, value in enumerate(row):
                if value is not None and column in numeric:
                    sheet.write_number(number, column, float(value))
                else:
                    sheet.write_string(number, column, value or "")
        sheet.autofilter(0, 0, len(rows.rows), len(rows.columns) - 1)
        workbook.close()
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror}; choose another path") from exc


def summary(rows: Rows) -> str:
    """One line: how many targets were met, missed or undetermined."""
    outcomes = [row[rows.columns.index("outcome")] for row in rows.rows]
    counts = {name: outcomes.count(name) for name in ("Met", "Missed", "Undetermined")}
    return f"{len(outcomes)} targets with a result: " + ", ".join(f"{n} {k.lower()}" for k, n in counts.items())


def short(rows: Rows, columns: Sequence[str] = COLUMNS[:9]) -> Rows:
    """The rows without the sentences, for a terminal."""
    keep = [rows.columns.index(c) for c in columns]
    return Rows(tuple(columns), tuple(tuple(row[i] for i in keep) for row in rows.rows))
