"""Shared fixtures: the seeds and reports from ../shared, read exactly as raw text."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportie.corpus.records import DEFAULT_SHARED_DIR, read_raw

SEEDS = sorted((DEFAULT_SHARED_DIR / "seeds").glob("*.txt"))
REPORTS = sorted((DEFAULT_SHARED_DIR / "reports").glob("*/*.txt"))
EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "henan-lushi-2023.txt"


def seed(prefix: str) -> str:
    path = next(p for p in SEEDS if p.name.startswith(prefix))
    return read_raw(path)


@pytest.fixture(scope="session")
def reports_by_id():
    """The gold reports (texts resolved from ../shared), by id."""
    from reportie.corpus.records import load_reports

    return {report.id: report for report in load_reports()}


@pytest.fixture(scope="session")
def nlp():
    import reportie

    return reportie.load()


@pytest.fixture(scope="session")
def rules_nlp():
    import reportie

    return reportie.load("rules")


def pytest_collection_modifyitems(config, items):
    if not SEEDS:
        raise pytest.UsageError(f"the shared seeds are missing: expected {DEFAULT_SHARED_DIR}/seeds beside the repository")
