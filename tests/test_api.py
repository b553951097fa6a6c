import json


import pytest

import reportie

from reportie.textprep import prepare

from .conftest import EXAMPLE, SEEDS, read_raw, seed

CONTRACT_KEYS = {"meta", "sections", "spans", "money", "projects", "targets", "slogans", "glossary"}


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name)
def test_every_span_slices_out_of_the_raw_seed(nlp, path):
    raw = read_raw(path)
    report = reportie.parse(raw, nlp=nlp)
    assert report.text is raw and report.spans
    for span in report.spans:
        assert raw[span.start:span.end] == span.text
        assert span.text == span.text.strip()
    data = report.to_dict()
    assert CONTRACT_KEYS <= data.keys()
    assert all(set(s) == {"start", "end", "label", "text"} for s in data["spans"])
    json.loads(report.to_json())


@pytest.mark.parametrize("prefix,entries", [("000", 15), ("002", 15), ("004", 25)])
def test_glossaries_of_seeds_are_found(nlp, prefix, entries):
    report = reportie.parse(seed(prefix), nlp=nlp)
    assert len(report.glossary) >= entries
    linked = [s for s in report.slogans if s.definition]
    assert linked, "glossary terms used as slogans should link to their definitions"


def test_traditional_seed_spans_are_in_traditional_script(nlp):
    raw = seed("001")
    report = reportie.parse(raw, nlp=nlp)
    money = [m.text for m in report.money]
    assert any("億元" in m or "萬元" in m for m in money)
    assert all(raw[m.start:m.end] == m.text for m in report.money)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "big5", "utf-16"])
def test_bytes_in_any_common_encoding(nlp, encoding):
    raw = seed("001") if encoding == "big5" else seed("000")
    raw = raw.encode(encoding, errors="ignore").decode(encoding)  # what survives the encoding
    report = reportie.parse(raw.encode(encoding), nlp=nlp)
    assert report.text == raw
    assert [s.text for s in report.spans] == [s.text for s in reportie.parse(raw, nlp=nlp).spans]


def test_path_input_and_missing_path(nlp, tmp_path):
    report = reportie.parse(EXAMPLE, nlp=nlp)
    assert report.meta.county == "卢氏县" and report.meta.year == 2023
    with pytest.raises(FileNotFoundError):
        reportie.parse(tmp_path / "missing.txt", nlp=nlp)
    with pytest.raises(TypeError):
        reportie.parse(123, nlp=nlp)


def test_money_view_normalises_to_yuan(nlp):
    report = reportie.parse(seed("000"), nlp=nlp)
    by_text = {m.text: m for m in report.money}
    assert by_text["140亿元"].value == 140e8 and by_text["140亿元"].currency == "CNY"


def test_money_view_reads_through_pinyin_glosses_and_traditional_script(nlp):
    """Scraped pages gloss characters (億(yì)); the amount is read from the prepared text,
    while text and offsets stay the caller's."""
    text = seed("000").replace("140亿元", "140億(yì)元", 1)
    money = next(m for m in reportie.parse(text, nlp=nlp).money if "(yì)" in m.text)
    assert (money.text, money.value, money.currency) == ("140億(yì)元", 140e8, "CNY")
    assert text[money.start:money.end] == money.text


def test_targets_view_reads_comparators(nlp):
    report = reportie.parse(seed("000"), nlp=nlp)
    target = next(t for t in report.targets if t.text == "城镇调查失业率控制在5.5%以内")
    assert (target.comparator, target.value, target.unit) == ("≤", 5.5, "%")


def test_empty_and_whitespace_input_give_empty_reports(nlp):
    for text in ("", "   \n  "):
        report = reportie.parse(text, nlp=nlp)
        assert report.spans == [] and report.text == text


@pytest.mark.parametrize("raw", [
    "总投资24亿元的易成阳光锂电池项目一期竣工投产。京雄保国际总投资6833亿元。广安门医院保定医院开工",
    "總投資24億元的易成陽光鋰電池項目一期竣工投產。京雄保國際總投資6833億元。廣安門醫院保定醫院開工",
])
def test_project_investment_is_the_amount_of_its_own_phrase_and_status_reads_any_script(raw):
    from reportie.api import build_report

    prepared = prepare(raw)
    text = prepared.text
    found = [(text.index("24"), text.index("24") + 4, "MONEY"), (text.index("6833"), text.index("6833") + 6, "MONEY"),
             (text.index("易成"), text.index("一期") + 2, "PROJECT"), (text.index("广安门"), text.index("开工"), "PROJECT")]
    first, second = build_report(prepared, found).projects
    assert first.investment.value == 24e8 and first.status == "竣工投产"
    assert second.investment is None and second.status == "开工"
    assert raw[first.start:first.end] == first.name and first.name.startswith("易成")


def test_numpy_gemm_changes_speed_not_spans(nlp):
    """The shipped pipeline multiplies through NumPy's BLAS (reportie/ops.py); on a seed it
    finds exactly the spans it finds with thinc's default blis products."""
    import spacy
    from thinc.api import NumpyOps

    from reportie.ops import use_ops
    from reportie.pipeline import SHIPPED_MODEL

    assert all(node.ops.use_blis is False for node in nlp.get_pipe("tok2vec").model.walk())
    text = prepare(seed("001")).text
    with_numpy = nlp(text)
    blis_nlp = spacy.load(SHIPPED_MODEL)
    assert blis_nlp.pipe_names == nlp.pipe_names
    with_blis = use_ops(blis_nlp, NumpyOps())(text)
    assert [(e.start_char, e.end_char, e.label_) for e in with_numpy.ents] == \
        [(e.start_char, e.end_char, e.label_) for e in with_blis.ents]
    assert [(s.start_char, s.end_char, s.label_) for s in with_numpy.spans["sc"]] == \
        [(s.start_char, s.end_char, s.label_) for s in with_blis.spans["sc"]]
