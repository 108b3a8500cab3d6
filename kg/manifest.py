"""Per-file frames for batch runs: a CSV manifest that says who issued each report and when.

    file,region,year,review_year,plan_year
    2020-xining.txt,西宁市,2020,,
    chengxi-2023.txt,城西区,2023,2022,2023

``file`` is the input's file name (or its path as given); every other column may be left
empty, and the text is read for what is empty. Columns kg does not know are an error, so that
a misspelt header does not silently do nothing. The columns ``kg frames --format csv`` adds for
the reader (code, level, given) are allowed and ignored, so that its output, corrected, is a manifest.
"""

from __future__ import annotations

import csv
from pathlib import Path

from kg.errors import InputError
from kg.model import FrameOverride

COLUMNS = ("file", "region", "year", "review_year", "plan_year")
# Printed by `kg frames` for the reader; a manifest may keep them, and they are not read.
INFORMATIVE = ("code", "level", "given")


def read_manifest(path: Path) -> dict[str, FrameOverride]:
    """The manifest at ``path`` as file name → frame override."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(
            f"cannot read manifest {path}: {exc}; give a UTF-8 CSV with columns {', '.join(COLUMNS)}"
        ) from exc
    dialect = "excel-tab" if "\t" in text.partition("\n")[0] else "excel"
    reader = csv.DictReader(text.splitlines(), dialect=dialect)
    header = tuple(name.strip() for name in reader.fieldnames or ())
    reader.fieldnames = list(header)
    rows = list(reader)
    unknown = [name for name in header if name not in COLUMNS and name not in INFORMATIVE]
    if "file" not in header or unknown:
        raise InputError(
            f"manifest {path}: columns must be {', '.join(COLUMNS)} (file required, others optional); "
            f"found {', '.join(header) or 'none'}"
        )
    frames: dict[str, FrameOverride] = {}
    for line, row in enumerate(rows, 2):
        name = (row.get("file") or "").strip()
        if not name:
            raise InputError(f"manifest {path}, line {line}: the file column is empty")
        frames[name] = FrameOverride(
            (row.get("region") or "").strip() or None,
            _year(row, "year", path, line),
            _year(row, "review_year", path, line),
            _year(row, "plan_year", path, line),
        )
    return frames


def _year(row: dict[str, str | None], column: str, path: Path, line: int) -> int | None:
    value = (row.get(column) or "").strip()
    if not value:
        return None
    if not (value.isdigit() and len(value) == 4):
        raise InputError(f"manifest {path}, line {line}: {column} must be a four-digit year, not {value!r}")
    return int(value)
