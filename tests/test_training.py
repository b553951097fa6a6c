"""Retraining works with the plain ``python -m spacy train`` (no --code): a smoke run of a
few steps on one seed, then the trained pipeline parses through reportie."""

import re
import subprocess
import sys
from pathlib import Path

import spacy

import reportie
from reportie.corpus.docbin import to_docbin
from reportie.corpus.records import load_reports
from reportie.pipeline import build_rules_pipeline
from reportie.textprep import prepare

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


def test_final_training_runs_every_step_however_long_the_patience(tmp_path):
    """The final model has no dev set to stop on: it trains max_steps steps. (With spaCy's
    patience counted from the step-0 evaluation it used to stop at step `patience`.)"""
    sys.path.insert(0, str(ROOT / "training"))
    from run import spacy_train

    report = next(r for r in load_reports() if r.id == "hubei-xingshan-2024")
    to_docbin(build_rules_pipeline(), [report], tmp_path / "all.spacy")
    config = tmp_path / "reportie.cfg"
    config.write_text((ROOT / "configs" / "reportie.cfg").read_text(encoding="utf-8").replace(
        "patience = 1600", "patience = 2"), encoding="utf-8")
    log = tmp_path / "train.log"
    spacy_train(config, tmp_path / "all.spacy", None, tmp_path / "out", seed=0, max_steps=6, log=log)
    steps = [int(line.split()[1]) for line in log.read_text().splitlines() if re.match(r"\s*\d+\s+\d+\s+[\d.]+", line)]
    assert steps == [0, 6]


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


def _words_file(path: Path, text: str) -> Path:
    """A words file as training/vectors.py writes it, of one report."""
    sys.path.insert(0, str(ROOT / "training"))
    from vectors import paragraph_words

    path.write_text(paragraph_words(prepare(text).text) + "\n", encoding="utf-8")
    return path


def test_pretraining_reader_cuts_long_paragraphs_and_adds_rule_features(tmp_path):
    from reportie.corpus.raw import paragraph_docs

    report = next(r for r in load_reports() if r.id == "hubei-xingshan-2024")
    words = _words_file(tmp_path / "words.txt", report.text)
    longest = max(len(line.split()) for line in words.read_text(encoding="utf-8").splitlines())
    docs = list(paragraph_docs(spacy.blank("zh"), words, max_length=50))
    assert longest > 50 and max(len(doc) for doc in docs) == 50, "long paragraphs are cut, not dropped"
    assert sum(len(doc) for doc in docs) == sum(len(line.split()) for line in words.read_text().splitlines())
    whole = list(paragraph_docs(spacy.blank("zh"), words, max_length=100_000))
    tags = [t.tag_ for doc in docs for t in doc]
    assert tags == [t.tag_ for doc in whole for t in doc], "features are the whole paragraph's"
    assert sum("MB" in tag.split("|") for tag in tags) >= 40, "money amounts are marked"


def test_spacy_pretrain_weights_start_spacy_train(tmp_path):
    """``spacy pretrain configs/reportie.cfg`` runs on a words file, and ``spacy train``
    starts from its weights (``--paths.init_tok2vec``)."""
    report = next(r for r in load_reports() if r.id == "hubei-xingshan-2024")
    words = _words_file(tmp_path / "words.txt", report.text)
    config = str(ROOT / "configs" / "reportie.cfg")
    pretrain = [sys.executable, "-m", "spacy", "pretrain", config, str(tmp_path / "pretrain"),
                "--paths.raw_text", str(words), "--corpora.pretrain.limit", "30"]
    result = subprocess.run(pretrain, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    weights = tmp_path / "pretrain" / "model-last.bin"
    to_docbin(build_rules_pipeline(), [report], tmp_path / "train.spacy")
    train = [sys.executable, "-m", "spacy", "train", config, "--paths.train", str(tmp_path / "train.spacy"),
             "--paths.dev", str(tmp_path / "train.spacy"), "--paths.init_tok2vec", str(weights),
             "--training.max_steps", "2", "--training.eval_frequency", "2", "--output", str(tmp_path / "out")]
    result = subprocess.run(train, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    assert spacy.load(tmp_path / "out" / "model-last").pipe_names[1] == "tok2vec"
