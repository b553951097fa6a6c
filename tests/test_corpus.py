import copy
import json

import pytest

from reportie.corpus.dataset import fold_splits, load_corpus, load_train_only, place_folds
from reportie.corpus.docbin import Alignment, report_docs, to_docbin
from reportie.corpus.records import GOLD_DIR, TRAIN_ONLY_DIR, CorpusError, GoldReport, load_reports, resolve_text
from reportie.corpus.validate import check_record, validate_paths
from reportie.labels import SPANS_KEY
from reportie.pipeline import build_rules_pipeline
from reportie.textprep import prepare

from .conftest import DEFAULT_SHARED_DIR


@pytest.fixture(scope="module")
def reports():
    return load_reports()


@pytest.mark.parametrize("directory,records", [(GOLD_DIR, 30), (GOLD_DIR.parent / "agreement", 3), (TRAIN_ONLY_DIR, 160), (GOLD_DIR.parent / "agreement-train-only", 8), (GOLD_DIR.parent / "held-back", 16)])
def test_committed_annotations_validate_clean(directory, records):
    result = validate_paths([directory], DEFAULT_SHARED_DIR)
    assert result.records == records and not result.errors, [str(f) for f in result.errors[:5]]


def test_every_report_of_shared_is_annotated(reports):
    shared = sorted(p.relative_to(DEFAULT_SHARED_DIR).as_posix() for p in (DEFAULT_SHARED_DIR / "reports").glob("*/*.txt"))
    standoff = set()
    for file in GOLD_DIR.glob("*.jsonl"):
        record = json.loads(file.read_text(encoding="utf-8"))
        if "source" in record:
            standoff.add(record["source"]["path"])
    assert standoff == set(shared)
    assert sum(1 for r in reports if r.id) == 30


def test_standoff_text_with_a_wrong_hash_is_refused():
    record = json.loads(next(GOLD_DIR.glob("hebei-*.jsonl")).read_text(encoding="utf-8"))
    record["source"]["sha256"] = "0" * 64
    with pytest.raises(CorpusError, match="sha256"):
        resolve_text(record, DEFAULT_SHARED_DIR)


def test_validator_catches_broken_spans():
    raw = "严格落实“四个不摘”[1],总投资24亿元"
    record = {"id": "x", "meta": {"province": "河南省", "city": "c", "county": None, "year": 2023, "script": "simplified"},
              "text": raw, "spans": []}
    def messages(spans):
        bad = copy.deepcopy(record)
        bad["spans"] = spans
        return " ".join(f.message for f in check_record(bad, raw, "t"))
    quote = raw.index("“")
    assert "enclosing" in messages([{"start": quote, "end": quote + 6, "label": "SLOGAN"}])
    assert "differs" in messages([{"start": quote + 1, "end": quote + 5, "label": "SLOGAN", "text": "四个不"}])
    money = raw.index("24")
    assert "overlaps" in messages([{"start": money - 1, "end": money + 4, "label": "MONEY"},
                                   {"start": money, "end": money + 4, "label": "PROJECT"}])
    assert "unknown label" in messages([{"start": 0, "end": 2, "label": "ORG"}])
    assert "outside" in messages([{"start": 0, "end": 999, "label": "MONEY"}])
    assert "not sorted" in messages([{"start": money, "end": money + 4, "label": "MONEY", "text": "24亿元"},
                                     {"start": money - 3, "end": money + 4, "label": "TARGET", "text": "总投资24亿元"}])
    assert messages([{"start": quote + 1, "end": quote + 5, "label": "SLOGAN", "text": "四个不摘"}]) == ""


def test_place_folds_are_disjoint_and_cover_every_place(reports):
    folds = place_folds(reports, 5)
    places = [p for fold in folds for p in fold]
    assert len(places) == len(set(places)) == len({r.place for r in reports})
    for fold in range(5):
        split = fold_splits(reports, 5, fold)
        seen = [{r.place for r in split[name]} for name in ("train", "dev", "test")]
        assert not (seen[0] & seen[1] or seen[0] & seen[2] or seen[1] & seen[2])
        assert sum(len(split[name]) for name in split) == len(reports)


def test_train_only_reports_train_every_fold_and_are_never_scored(reports):
    """Train-only reports come from corpus-raw places outside the gold corpus; they join each
    fold's train split and never its dev or test split, and a gold place among them is refused."""
    extra = load_train_only()
    assert len(extra) == 160 and len({r.place for r in extra}) == 160  # one report per place
    records = [json.loads(f.read_text(encoding="utf-8")) for f in TRAIN_ONLY_DIR.glob("*.jsonl")]
    assert all(record["source"]["path"].startswith("corpus-raw/") for record in records)  # standoff, never inline
    gold_places = {r.place for r in reports} | {r.meta["city"] for r in reports}
    assert not {r.place for r in extra} & gold_places
    for fold in range(5):
        split = fold_splits(reports, 5, fold, train_only=extra)
        assert split["train"][-len(extra):] == extra
        assert split["dev"] == fold_splits(reports, 5, fold)["dev"]
        assert split["test"] == fold_splits(reports, 5, fold)["test"]
    with pytest.raises(ValueError, match="places in the evaluated corpus"):
        fold_splits(reports, 5, 0, train_only=[reports[0]])
    lushi = next(r for r in reports if r.id == "henan-lushi-2023")  # 卢氏县 of 三门峡市
    prefecture = GoldReport("henan-sanmenxia-2023", {"city": lushi.meta["city"], "county": None}, "")
    with pytest.raises(ValueError, match="三门峡市"):
        fold_splits(reports, 5, 0, train_only=[prefecture])
    _, alignment = to_docbin(build_rules_pipeline(), extra)
    assert alignment.span_share > 0.98, alignment.misses[:10]


def test_datasets_loader_gives_county_disjoint_splits():
    corpus = load_corpus(k=5, fold=1)
    assert set(corpus) == {"train", "dev", "test"}
    assert not set(corpus["train"]["place"]) & set(corpus["test"]["place"])
    assert set(r.id for r in load_train_only()) <= set(corpus["train"]["id"])
    row = corpus["test"][0]
    span = row["spans"][0]
    assert row["text"][span["start"]:span["end"]] == span["text"]


def test_docbin_round_trips_aligned_gold_spans(reports):
    nlp = build_rules_pipeline()
    report = next(r for r in reports if r.id == "henan-lushi-2023")
    alignment = Alignment()
    docs = report_docs(nlp, report, alignment)
    prepared = prepare(report.text)
    offset_of = {}
    cursor = 0
    for doc in docs:
        start = prepared.text.index(doc.text, cursor)
        offset_of[id(doc)] = start
        cursor = start + len(doc.text)
    recovered = set()
    for doc in docs:
        base = offset_of[id(doc)]
        for span in list(doc.ents) + list(doc.spans[SPANS_KEY]):
            raw = prepared.to_raw(base + span.start_char, base + span.end_char)
            recovered.add((*raw, span.label_))
    gold = {(s.start, s.end, s.label) for s in report.spans}
    assert recovered <= gold
    assert len(recovered) == alignment.aligned and alignment.span_share > 0.98


def test_training_docs_carry_the_features_parsing_computes(reports, tmp_path):
    """Paragraph training docs hold the rule features of the whole report (section context),
    the reader puts them on the predicted docs, and they equal what the feature component
    computes when the whole report is parsed."""
    from spacy.training import Example

    from reportie.components.features import RuleFeatures
    from reportie.corpus.docbin import copy_features, create_reader, to_docbin

    nlp = build_rules_pipeline()
    report = next(r for r in reports if r.id == "henan-lushi-2023")
    prepared = prepare(report.text)
    whole = RuleFeatures()(nlp.make_doc(prepared.text))
    at_parse = {t.idx: t.tag_ for t in whole}
    to_docbin(nlp, [report], tmp_path / "one.spacy")
    examples = list(create_reader(tmp_path / "one.spacy")(nlp))
    cursor, kinds = 0, set()
    for example in examples:
        start = prepared.text.index(example.reference.text, cursor)
        cursor = start + len(example.reference.text)
        assert [t.tag_ for t in example.predicted] == [t.tag_ for t in example.reference]
        assert [t.tag_ for t in example.reference] == [at_parse[start + t.idx] for t in example.reference]
        kinds.update(t.tag_.split("|")[0] for t in example.predicted)
    assert {"revi", "plan", "glos"} <= kinds  # paragraphs know their section
    text = "2023年工作安排\n地区生产总值增长8%,总投资24亿元"
    bare = copy_features(Example(nlp.make_doc(text), nlp.make_doc(text)))  # no stored features
    assert [t.tag_ for t in bare.predicted] == [t.tag_ for t in RuleFeatures()(nlp.make_doc(text))]
    assert [t.tag_ for t in bare.predicted[-2:]] == ["plan|MB", "plan|MI"]


def test_corpus_cli_stats_render_and_agreement(tmp_path):
    from typer.testing import CliRunner

    from reportie.corpus.__main__ import app

    runner = CliRunner()
    stats = runner.invoke(app, ["stats"])
    assert stats.exit_code == 0 and "| henan-lushi-2023 |" in stats.stdout and "**total (30)**" in stats.stdout
    out = tmp_path / "lushi.html"
    rendered = runner.invoke(app, ["render", "henan-lushi-2023", "--out", str(out)])
    assert rendered.exit_code == 0 and "四个不摘" in out.read_text(encoding="utf-8")
    assert runner.invoke(app, ["render", "no-such-report", "--out", str(out)]).exit_code == 2
    agreement = runner.invoke(app, ["agreement"])
    assert agreement.exit_code == 0 and "| MONEY |" in agreement.stdout


def test_docbin_round_trips_every_gold_span(reports):
    """Every gold span of the whole corpus lies on token edges and comes back exactly."""
    nlp = build_rules_pipeline()
    alignment = Alignment()
    recovered, gold = set(), set()
    for report in reports:
        prepared = prepare(report.text)
        cursor = 0
        for doc in report_docs(nlp, report, alignment):
            base = prepared.text.index(doc.text, cursor)
            cursor = base + len(doc.text)
            for span in list(doc.ents) + list(doc.spans[SPANS_KEY]):
                recovered.add((report.id, *prepared.to_raw(base + span.start_char, base + span.end_char), span.label_))
        gold |= {(report.id, s.start, s.end, s.label) for s in report.spans}
    assert alignment.misses == [] and alignment.aligned == alignment.spans == len(gold)
    assert recovered == gold


def test_markup_round_trips_every_train_only_record_byte_for_byte():
    """The train-only records were corrected as inline markup: writing each as markup and
    reading it back gives the committed JSONL line again, nested spans of both layers included."""
    from reportie.corpus.markup import check_markup, to_markup, to_record
    from reportie.corpus.records import read_raw

    for path in sorted(TRAIN_ONLY_DIR.glob("*.jsonl")):
        line = path.read_text(encoding="utf-8").strip()
        record = json.loads(line)
        raw = read_raw(DEFAULT_SHARED_DIR / record["source"]["path"])
        spans = [(s["start"], s["end"], s["label"]) for s in record["spans"]]
        found, errors = check_markup(to_markup(raw, spans), raw)
        assert errors == [] and found == sorted(spans), path.name
        again = to_record(record["id"], record["meta"], record["source"]["path"], raw, found)
        assert json.dumps(again, ensure_ascii=False) == line, path.name


def test_markup_errors_name_their_line():
    from reportie.corpus.markup import check_markup

    raw = "总投资5亿元的卢氏县城污水处理厂项目开工。\n推进“两山”转化。"
    assert check_markup("总投资[[M|5亿元]]的[[P|卢氏县城污水处理厂]]项目开工。\n推进“[[S|两山]]”转化。", raw)[1] == []
    crossing = check_markup("总投资[[M|5亿元的[[P|卢氏县城]]污水]]处理厂项目开工。\n推进“两山”转化。", raw)[1]
    assert any("line 1" in e and "opens inside" in e for e in crossing)
    edited = check_markup("总投资[[M|5亿元]]的卢氏县污水处理厂项目开工。\n推进“两山”转化。", raw)[1]
    assert len(edited) == 1 and "differs from the raw report at character 10 (line 1)" in edited[0]
    quoted = check_markup("总投资5亿元的卢氏县城污水处理厂项目开工。\n推进[[S|“两山”]]转化。", raw)[1]
    assert quoted == [f"SLOGAN '“两山”' at {raw.index('“')}: includes the enclosing “”"]
    # the validator's rules: a TARGET ending in a quoted value keeps its closing quote (漳州 2024)
    unbalanced = check_markup("{{T|超3000家企业“上云上平台}}”。", "超3000家企业“上云上平台”。")[1]
    assert unbalanced == ["TARGET '超3000家企业“上云上平台' at 0: unbalanced “”"]
    assert "never closed" in check_markup("{{T|总投资5亿元的卢氏县城污水处理厂项目开工。\n推进“两山”转化。", raw)[1][0]


def test_corpus_cli_markup_then_unmark_gives_the_record_back(tmp_path):
    from typer.testing import CliRunner

    from reportie.corpus.__main__ import app

    path = sorted(TRAIN_ONLY_DIR.glob("*.jsonl"))[0]
    record = json.loads(path.read_text(encoding="utf-8"))
    runner = CliRunner()
    ann = tmp_path / "report.ann"
    result = runner.invoke(app, ["markup", record["id"], "--out", str(ann), str(TRAIN_ONLY_DIR)])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["unmark", str(ann), "--source", record["source"]["path"], "--id", record["id"],
                                 "--meta", json.dumps(record["meta"], ensure_ascii=False)])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == record
    ann.write_text(ann.read_text(encoding="utf-8").replace("。", "，", 1), encoding="utf-8")
    result = runner.invoke(app, ["unmark", str(ann), "--source", record["source"]["path"], "--id", record["id"],
                                 "--meta", "{}"])
    assert result.exit_code == 1 and "differs from the raw report" in result.stderr
