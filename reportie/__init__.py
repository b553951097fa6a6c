"""reportie: structured documents from Chinese local government work reports."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["parse", "parse_many", "load", "Report", "read_input", "prepare"]

if TYPE_CHECKING:
    from .api import parse, parse_many
    from .inputs import read_input
    from .pipeline import load
    from .report import Report
    from .textprep import prepare

_LAZY = {"parse": "api", "parse_many": "api", "load": "pipeline", "Report": "report", "read_input": "inputs", "prepare": "textprep"}


def __getattr__(name: str) -> Any:
    """Import spaCy only when the pipeline is first needed (corpus tools stay light)."""
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module 'reportie' has no attribute {name!r}")
