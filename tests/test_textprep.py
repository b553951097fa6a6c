import random

import pytest

from reportie.textprep import prepare

from .conftest import REPORTS, SEEDS, read_raw, seed


@pytest.mark.parametrize("path", SEEDS + REPORTS, ids=lambda p: p.name)
def test_every_prepared_character_maps_back_into_the_raw_text(path):
    raw = read_raw(path)
    prepared = prepare(raw)
    assert len(prepared.raw_starts) == len(prepared.raw_ends) == len(prepared.text)
    assert list(prepared.raw_starts) == sorted(prepared.raw_starts)
    rng = random.Random(0)
    for _ in range(300):
        start = rng.randrange(len(prepared.text))
        end = min(len(prepared.text), start + rng.randrange(1, 40))
        raw_start, raw_end = prepared.to_raw(start, end)
        assert 0 <= raw_start < raw_end <= len(raw)
        assert prepared.from_raw(raw_start, raw_end) == (start, end)


def test_traditional_seed_becomes_simplified_and_maps_back():
    raw = seed("001")
    prepared = prepare(raw)
    assert prepared.script == "traditional"
    index = prepared.text.index("凤泉区")
    start, end = prepared.to_raw(index, index + 3)
    assert raw[start:end] == "鳳泉區"


def test_pinyin_glosses_are_dropped_but_kept_inside_mapped_spans():
    raw = seed("003")
    prepared = prepare(raw)
    assert "(fā)" not in prepared.text and "內(nèi)" in raw
    index = prepared.text.index("发展")
    start, end = prepared.to_raw(index, index + 2)
    assert raw[start:end] == "發(fā)展"
    # a gloss belongs to its character: a span ending on it ends after the gloss
    start, end = prepared.to_raw(index, index + 1)
    assert raw[start:end] == "發(fā)"


def test_question_mark_runs_from_lost_line_breaks_become_newlines():
    raw = read_raw(next(p for p in REPORTS if "米易县" in p.name))
    prepared = prepare(raw)
    assert "????" in raw and "??" not in prepared.text
    assert "各位代表:\n现在" in prepared.text


def test_literal_escaped_newlines_become_newlines():
    prepared = prepare("各位代表:\\r\\n现在,我代表")
    assert prepared.text == "各位代表:\n现在,我代表"
    assert prepared.raw[slice(*prepared.to_raw(5, 6))] == "\\r\\n"


def test_control_characters_and_lone_surrogates_become_spaces():
    raw = "投资\x00217亿元\ud800完成"
    prepared = prepare(raw)
    assert prepared.text == "投资 217亿元 完成"


def test_full_width_forms_fold_to_ascii():
    assert prepare("增长８．５％，达到").text == "增长8.5%,达到"


def test_bad_arguments_are_rejected_clearly():
    with pytest.raises(TypeError):
        prepare(b"bytes")
    with pytest.raises(ValueError):
        prepare("abc").to_raw(2, 2)
