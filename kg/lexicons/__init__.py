"""kg's lexicons: tab-separated data files read on first use (``read_tsv``)."""

from __future__ import annotations

import csv
import functools
import io
from importlib import resources


@functools.cache
def read_tsv(name: str) -> tuple[dict[str, str], ...]:
    """The rows of ``kg/lexicons/<name>`` as dicts keyed by its header; ``#`` lines are comments."""
    text = resources.files("kg.lexicons").joinpath(name).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return tuple(csv.DictReader(io.StringIO("\n".join(lines)), delimiter="\t", quoting=csv.QUOTE_NONE))
