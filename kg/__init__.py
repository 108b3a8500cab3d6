"""kg: a knowledge-graph builder for Chinese government work reports (政府工作报告).

The library is the product; the ``kg`` command is a thin shell over it. Importing
``kg`` does no work: the functions below load their stages on first call.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kg.evaluate import evaluate_graph
    from kg.pipeline import BuildOptions, build
    from kg.query import open_store, select

__all__ = ["BuildOptions", "build", "evaluate_graph", "open_store", "select"]
__version__ = "0.1.0"

_WHERE = {
    "BuildOptions": "kg.pipeline",
    "build": "kg.pipeline",
    "evaluate_graph": "kg.evaluate",
    "open_store": "kg.query",
    "select": "kg.query",
}


def __getattr__(name: str) -> Any:
    """Import public names lazily so that ``import kg`` stays free."""
    if name in _WHERE:
        import importlib

        return getattr(importlib.import_module(_WHERE[name]), name)
    raise AttributeError(f"module 'kg' has no attribute {name!r}")
