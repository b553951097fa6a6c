"""Any input gives a Report or a clear error, and every offset is exact."""

import random
import socket

import pytest
from hypothesis import HealthCheck, given, settings
from threadpoolctl import threadpool_info, threadpool_limits

import reportie
import reportie.api as api
from reportie.pipeline import _load_cached

from .conftest import seed
from .fuzzing import check_parse, check_prepare, encode_input, examples, parse_inputs, prepare_texts, small_windows

SEED_000 = seed("000")
SEED_001 = seed("001")


def assert_exact(report, text):
    assert report.text == text
    for span in report.spans:
        assert 0 <= span.start < span.end <= len(text)
        assert text[span.start:span.end] == span.text


@pytest.mark.parametrize("text", [
    "", " ", "\n\n\t", "?" * 50, "\ud800\udfff孤立代理", "\x00\x01\x02控制字符\x7f",
    "<html><body><p>总投资24亿元的易成阳光锂电池项目一期竣工投产</p></body></html>",
    "no report structure at all, just English text with 5 dollars",
])
def test_odd_texts_give_reports(nlp, text):
    assert_exact(reportie.parse(text, nlp=nlp), text)


def test_binary_garbage_bytes_are_decoded_safely(nlp):
    data = bytes(random.Random(1).randrange(256) for _ in range(5000))
    report = reportie.parse(data, nlp=nlp)
    assert_exact(report, report.text)


def test_output_is_deterministic(nlp):
    first = reportie.parse(SEED_000, nlp=nlp).to_dict()
    assert reportie.parse(SEED_000, nlp=nlp).to_dict() == first


def test_long_input_is_windowed_without_losing_money_at_the_edges(nlp, monkeypatch):
    whole = reportie.parse(SEED_000, nlp=nlp)
    monkeypatch.setattr(api, "WINDOW", 3000)
    monkeypatch.setattr(api, "OVERLAP", 600)
    parts = api.windows(reportie.prepare(SEED_000).text)
    assert len(parts) > 4
    windowed = reportie.parse(SEED_000, nlp=nlp)
    assert_exact(windowed, SEED_000)
    assert [m.text for m in windowed.money] == [m.text for m in whole.money]
    # a span that straddles a cut of a window is kept once, from the window that holds it whole
    cut = parts[0][1]
    straddling = [m for m in whole.money if m.start < cut < m.end]
    assert all(sum(1 for w in windowed.money if w.start == m.start) == 1 for m in straddling)


def test_an_amount_straddling_a_window_cut(nlp, monkeypatch):
    text = "甲" * 2990 + "总投资22.24亿元建设" + "乙" * 3000
    monkeypatch.setattr(api, "WINDOW", 3000)
    monkeypatch.setattr(api, "OVERLAP", 600)
    start, keep, end = api.windows(text)[0]
    assert keep < text.index("亿元") < end
    money = [m.text for m in reportie.parse(text, nlp=nlp).money]
    assert money.count("22.24亿元") == 1


def test_a_window_cut_inside_an_amount_keeps_only_the_whole_amount(fast_nlp, monkeypatch):
    """Found by benchmarks/fuzz.py --windowed: the window after a cut inside 22.24亿元 found
    its tail (2.24亿元, 24亿元, 亿元) as a second, overlapping MONEY span."""
    monkeypatch.setattr(api, "WINDOW", 20)
    monkeypatch.setattr(api, "OVERLAP", 10)
    for before in range(12):
        text = "甲" * before + "总投资22.24亿元建设" + "乙" * 20
        money = [(m.start, m.text) for m in reportie.parse(text, nlp=fast_nlp).money]
        assert money == [(before + 3, "22.24亿元")], (before, money)


def test_parse_many_matches_parse_in_order(nlp):
    texts = [SEED_000, "", SEED_001]
    many = list(reportie.parse_many(texts, nlp=nlp))
    assert [r.text for r in many] == texts
    assert many[2].spans == reportie.parse(SEED_001, nlp=nlp).spans


def _blas_threads() -> set[int]:
    return {pool["num_threads"] for pool in threadpool_info() if pool["user_api"] == "blas"}


def test_parse_many_in_two_processes_uses_one_blas_thread_each(nlp):
    """The workers are forked inside the limit, so they inherit one BLAS thread; the
    caller's own thread count comes back when the reports are done."""
    texts = [SEED_000, SEED_001]
    with threadpool_limits(limits=2, user_api="blas"):
        reports = reportie.parse_many(texts, nlp=nlp, n_process=2)
        first = next(reports)
        assert _blas_threads() == {1}
        rest = list(reports)
        assert _blas_threads() == {2}
    assert [r.spans for r in [first, *rest]] == [reportie.parse(t, nlp=nlp).spans for t in texts]


def test_no_network_at_run_time(monkeypatch):
    def refuse(*args, **kwargs):
        raise OSError("network access attempted")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    _load_cached.cache_clear()
    try:
        report = reportie.parse(SEED_000)
    finally:
        _load_cached.cache_clear()
    assert report.spans


CASES = {"n": 0}


@settings(max_examples=examples(150), deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(case=parse_inputs)
def test_spans_slice_exactly_from_fragments_with_noise(nlp, case):
    text, encoding = case
    CASES["n"] += 1
    check_parse(reportie.parse, encode_input(text, encoding), nlp)


def test_report_generated_case_count():
    print(f"hypothesis generated {CASES['n']} fragment+noise inputs")
    assert CASES["n"] >= min(100, examples(150))


@pytest.fixture(scope="module")
def fast_nlp():
    """The rule pipeline on character tokens: the windowing and mapping code paths are the
    same as the trained pipeline's, at a speed that lets CI parse megabytes."""
    from reportie.pipeline import build_rules_pipeline

    return build_rules_pipeline(segmenter="char")


WINDOWED_CASES = {"n": 0}


@settings(max_examples=examples(100), deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(case=parse_inputs)
def test_small_windows_keep_offsets_exact_and_layers_apart(fast_nlp, case):
    """The windowing of long texts, fuzzed on short texts cut into windows of 1,500 characters."""
    text, encoding = case
    WINDOWED_CASES["n"] += 1
    with small_windows():
        check_parse(reportie.parse, encode_input(text, encoding), fast_nlp)


def test_report_windowed_case_count():
    print(f"hypothesis generated {WINDOWED_CASES['n']} fragment+noise inputs parsed in small windows")
    assert WINDOWED_CASES["n"] >= min(50, examples(100))


def test_a_report_repeated_50_times(fast_nlp):
    text = SEED_000 * 50
    single = reportie.parse(SEED_000, nlp=fast_nlp)
    report = reportie.parse(text, nlp=fast_nlp)
    assert_exact(report, text)
    assert len(report.money) == 50 * len(single.money)


def test_a_10_megabyte_input(fast_nlp):
    text = (SEED_001 + "\n") * (10_000_000 // len(SEED_001.encode("utf-8")) + 1)
    assert len(text.encode("utf-8")) >= 10_000_000
    report = reportie.parse(text.encode("utf-8"), nlp=fast_nlp)
    assert report.text == text and report.spans
    assert_exact(report, text)


def test_traditional_conversion_finds_the_same_entities(nlp):
    import opencc

    simplified = SEED_000
    traditional = opencc.OpenCC("s2t").convert(simplified)
    assert len(traditional) == len(simplified)  # s2t maps character for character here
    first = {(s.start, s.end, s.label) for s in reportie.parse(simplified, nlp=nlp).spans}
    second = {(s.start, s.end, s.label) for s in reportie.parse(traditional, nlp=nlp).spans}
    assert len(first & second) / len(first | second) > 0.97


@pytest.mark.parametrize("operation", ["delete", "insert"])
def test_seeds_with_random_characters_deleted_or_inserted(nlp, operation):
    rng = random.Random(7)
    for raw in (SEED_000, SEED_001, seed("003")):
        chars = list(raw)
        for _ in range(300):
            index = rng.randrange(len(chars))
            if operation == "delete":
                del chars[index]
            else:
                chars.insert(index, rng.choice(["?", "\n", "“", "亿", "元", "\ufffd", "(", ":", "。", " "]))
        text = "".join(chars)
        assert_exact(reportie.parse(text, nlp=nlp), text)


PREPARE_CASES = {"n": 0}


@settings(max_examples=examples(400), deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(text=prepare_texts)
def test_prepare_maps_every_character_back(text):
    PREPARE_CASES["n"] += 1
    check_prepare(text)


def test_report_prepare_case_count():
    print(f"hypothesis generated {PREPARE_CASES['n']} inputs for text preparation")
    assert PREPARE_CASES["n"] >= min(100, examples(400))


def test_windows_of_a_long_report_carry_the_whole_report_features(nlp, monkeypatch):
    """The models' features (section kind above all) come from the whole report even when
    it is parsed in windows: a window far below the plan heading still reads as plan."""
    from reportie.components.features import text_features

    component = nlp.get_pipe("reportie_rule_features")
    original, seen = type(component).__call__, []
    monkeypatch.setattr(type(component), "__call__", lambda self, doc: seen.append(original(self, doc)) or seen[-1])
    monkeypatch.setattr(api, "WINDOW", 3000)
    monkeypatch.setattr(api, "OVERLAP", 600)
    reportie.parse(SEED_000, nlp=nlp)
    prepared = reportie.prepare(SEED_000).text
    whole, parts = text_features(prepared), api.windows(prepared)
    assert len(seen) == len(parts) > 4
    for doc, (start, _, end) in zip(seen, parts):
        assert doc.text == prepared[start:end]
        assert [t.tag_ for t in doc] == [whole[start + t.idx] for t in doc]
    assert "二、2023年" not in seen[4].text and any(t.tag_.startswith("plan") for t in seen[4])
