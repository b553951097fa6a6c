"""Building and loading reportie's spaCy pipeline.

``load()`` returns the trained pipeline shipped in ``reportie/models/`` when there is one,
else the rule baseline; both use the reportie tokenizer and load offline.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language

from .components import edges, features, glossary, money, projects, sections, slogans, targets  # noqa: F401  (registers factories)
from . import suggester, tokenizer  # noqa: F401  (registers reportie.Tokenizer.v1, reportie.clause_suggester.v1)

SHIPPED_MODEL = Path(__file__).parent / "models" / "reportie_zh"
RULE_COMPONENTS = ("reportie_sections", "reportie_glossary", "reportie_money_rules", "reportie_slogan_rules",
                   "reportie_project_rules", "reportie_target_rules")
# The rule components that may follow the trained ones in a shipped pipeline (as fallbacks or
# filters): every rule finder of the baseline, and the filters of model output.
FALLBACK_COMPONENTS = ("reportie_span_edges", "reportie_review_filter", "reportie_project_filter", "reportie_slogan_filter",
                       "reportie_project_lists", "reportie_glossary_edges",
                       *(name for name in RULE_COMPONENTS if name != "reportie_sections"))


def build_rules_pipeline(segmenter: str = "pkuseg") -> Language:
    """The rule baseline: reportie tokenizer + every rule component."""
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"@tokenizers": "reportie.Tokenizer.v1",
                                                          "segmenter": segmenter}}})
    for name in RULE_COMPONENTS:
        nlp.add_pipe(name)
    return nlp


@lru_cache(maxsize=4)
def _load_cached(path: str | None) -> Language:
    if path == "rules":
        return build_rules_pipeline()
    target = Path(path) if path else SHIPPED_MODEL
    if (target / "config.cfg").is_file():
        return spacy.load(target)
    if path:
        raise FileNotFoundError(f"no spaCy pipeline at {target} (expected {target / 'config.cfg'})")
    return build_rules_pipeline()


def load(path: str | Path | None = None) -> Language:
    """The pipeline ``parse`` uses: ``None`` → the shipped model (rules if none is shipped),
    ``"rules"`` → the rule baseline, or a directory holding a saved pipeline."""
    return _load_cached(str(path) if path is not None else None)
