"""Retraining works with the plain ``python -m spacy train`` (no --code): a smoke run of a
few steps on one seed, then the trained pipeline parses through reportie."""

import subprocess
import sys
from pathlib import Path

import spacy

import reportie
from reportie.corpus.docbin import to_docbin
from reportie.corpus.records import load_reports
from reportie.pipeline import build_rules_pipeline

ROOT = Path(__file__).resolve().parents[1]


def test_spacy_train_cli_runs_the_shipped_config(tmp_path):
    report = next(r for r in load_reports() if r.id == "hubei-xingshan-2024")
    docbin, alignment = to_docbin(build_rules_pipeline(), [report], tmp_path / "train.spacy")
    assert len(docbin) > 10 and alignment.span_share > 0.98
    command = [sys.executable, "-m", "spacy", "train", str(ROOT / "configs" / "reportie.cfg"),
               "--paths.train", str(tmp_path / "train.spacy"), "--paths.dev", str(tmp_path / "train.spacy"),
               "--training.max_steps", "4", "--training.eval_frequency", "2", "--output", str(tmp_path / "out")]
    result = subprocess.run(command, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    nlp = spacy.load(tmp_path / "out" / "model-last")
    assert nlp.pipe_names[:4] == ["reportie_rule_features", "tok2vec", "ner", "spancat"]
    parsed = reportie.parse(report.text, nlp=nlp)
    assert all(report.text[s.start:s.end] == s.text for s in parsed.spans)
    assert parsed.glossary, "the glossary rule runs as a fallback inside the trained pipeline"


def test_every_registered_part_has_an_entry_point():
    """Plain ``spacy train``/``spacy.load`` find reportie's parts through entry points
    (STYLE.md: scispacy users tripped on parts that only registered on import)."""
    import tomllib

    from spacy.util import registry

    import reportie.pipeline  # noqa: F401  (registers everything)
    import reportie.vectors  # noqa: F401

    groups = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["entry-points"]
    declared = {name for group, names in groups.items() if group.startswith("spacy_") for name in names}
    registered = {name for table in ("factories", "tokenizers", "misc", "readers", "callbacks")
                  for name in getattr(registry, table).get_all() if name.startswith("reportie")}
    assert registered and registered == declared


def test_variant_choice_never_sees_the_excluded_places():
    """choose_variant scores dev reports only of places outside a fold's test places."""
    sys.path.insert(0, str(ROOT / "training"))
    from run import choose_variant

    from reportie.scoring import score_spans

    gold = [(0, 4, "PROJECT"), (10, 14, "PROJECT")]
    right, wrong = score_spans(gold, gold), score_spans(gold, [(0, 3, "PROJECT")])
    dev = {"lists": [("卢氏县", right), ("绛县", wrong), ("易县", wrong)],
           "plain": [("卢氏县", wrong), ("绛县", right), ("易县", right)]}
    assert choose_variant(dev, set()) == "plain"
    assert choose_variant(dev, {"绛县", "易县"}) == "lists"
