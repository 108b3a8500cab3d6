"""Errors kg raises. The library never prints; the CLI turns these into one line on stderr.

    KgError
    ├── InputError           a path or file kg cannot read (missing, binary, undecodable, empty)
    ├── GoldError            a gold file that is not the JSONL described in GOLD.md
    ├── QueryError           SPARQL that does not parse or fails to run
    ├── OutputError          a destination kg cannot write
    └── ClusterError         a Dask scheduler kg cannot use (not installed, unreachable, no workers)

Every message says what went wrong and what to do about it.
"""

from __future__ import annotations


class KgError(Exception):
    """Base of every error kg raises on purpose."""


class InputError(KgError):
    """An input path or file that cannot be read as a report."""


class GoldError(KgError):
    """A gold file that does not follow GOLD.md."""


class QueryError(KgError):
    """A SPARQL query that cannot be parsed or run."""


class OutputError(KgError):
    """An output destination that cannot be written."""


class ClusterError(KgError):
    """A Dask scheduler that cannot run the work: distributed missing, unreachable, no workers."""
