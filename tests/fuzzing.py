"""The one source of fuzz inputs and invariants, used by tests/test_robustness.py (bounded,
in CI) and by benchmarks/fuzz.py (long, by hand).

Inputs are real report fragments, read at run time from ``../shared/seeds`` and
``../shared/reports`` (never copied into the repository), cut at random places and mixed
with the noise scraped reports carry: ``??`` runs (a lost line break in a broken GBK round
trip), literal ``\\r\\n`` escapes and real CR/LF, pinyin glosses (``內(nèi)``), traditional
script, HTML, control characters, lone surrogates, BOMs and full-width spaces.
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from functools import lru_cache

from hypothesis import strategies as st

from reportie.corpus.records import read_raw
from reportie.labels import LAYER_A, LAYER_B
from reportie.textprep import prepare

from .conftest import REPORTS, SEEDS

#: Within a layer spans may not overlap (layer A: doc.ents; layer B: the spancat group).
LAYERS = (LAYER_A, LAYER_B)


def examples(default: int) -> int:
    """How many cases a fuzz test generates: ``REPORTIE_FUZZ_EXAMPLES`` or the CI default."""
    return int(os.environ.get("REPORTIE_FUZZ_EXAMPLES", default))


@lru_cache(maxsize=1)
def sources() -> tuple[str, ...]:
    """The seeds and the shared reports, read exactly as raw text (at run time)."""
    return tuple(read_raw(path) for path in [*SEEDS, *REPORTS])


@lru_cache(maxsize=1)
def _s2t():
    import opencc

    return opencc.OpenCC("s2t")


NOISE = [
    "??", "????", "??????", "?", "\\r\\n", "\\n", "\\r", "\r\n", "\r", "\n", "\n\n",
    "內(nèi)", "發(fā)", "(nèi)", "(fā)", "(zhǎn)", "(", ")", "()",
    "<p>", "</p>", "<br/>", "<div class=\"TRS_Editor\">", "&nbsp;", "&amp;", "<!-- x -->",
    "\x00", "\x01", "\x1b", "\x7f", "\x0b", "\x0c", "\ud800", "\udfff", "\udc80", "\ufeff",
    "\u3000", "\u00a0", "\u2028", "\ufffd", "\ufffd\ufffd", "　", "，", "２０２３", "［１］", "[1]",
    "亿元", "万元", "“", "”", "。", "、", "——", "2023年", "%", "％", "一是", "(一)", "附件:名词解释",
]
_PINYIN = st.sampled_from(["nèi", "fā", "zhǎn", "lǜ", "shǒu", "jiàn", "xīn", "ér", "nv", "ab"])


@st.composite
def fragment(draw, max_size: int = 1500) -> str:
    """A random cut of a real report, possibly in traditional script or with pinyin glosses."""
    text = draw(st.sampled_from(sources()))
    start = draw(st.integers(0, max(0, len(text) - 1)))
    piece = text[start:start + draw(st.integers(0, max_size))]
    if draw(st.integers(0, 3)) == 0:
        piece = _s2t().convert(piece)
    if draw(st.integers(0, 3)) == 0:  # pinyin glosses after some characters
        for _ in range(draw(st.integers(1, 5))):
            at = draw(st.integers(0, len(piece)))
            piece = piece[:at] + "(" + draw(_PINYIN) + ")" + piece[at:]
    if draw(st.integers(0, 4)) == 0:  # a scrape that escaped its line breaks
        piece = piece.replace("\n", draw(st.sampled_from(["\\r\\n", "\r\n", "??", "\\n"])))
    return piece


@st.composite
def report_texts(draw, max_pieces: int = 3, max_size: int = 1500) -> str:
    """Fragments joined and sprinkled with noise at random places."""
    pieces = draw(st.lists(fragment(max_size), min_size=1, max_size=max_pieces))
    text = "".join(pieces)
    noises = draw(st.lists(st.one_of(st.sampled_from(NOISE), st.text(max_size=6)), max_size=12))
    for noise in noises:
        at = draw(st.integers(0, len(text)))
        text = text[:at] + noise + text[at:]
    return text


PREPARE_ALPHABET = st.sampled_from(list("发展亿元万“”\"[]()?!\\rn\n\r 。,:、內發(fā)nèi0123456789")
                                   + ["\ud800", "\x00", "\u3000", "\ufeff"])
#: Inputs for text preparation alone: any text, noise-heavy text and report fragments.
prepare_texts = st.one_of(st.text(), st.text(alphabet=PREPARE_ALPHABET), report_texts())
#: Inputs for reportie.parse: report fragments with noise, sometimes passed as bytes.
parse_inputs = st.tuples(report_texts(), st.sampled_from([None, None, None, "utf-8", "gb18030", "utf-8-sig"]))


def encode_input(text: str, encoding: str | None) -> str | bytes:
    """The text itself, or its bytes in ``encoding`` when it encodes without loss."""
    if encoding is None:
        return text
    try:
        return text.encode(encoding)
    except UnicodeEncodeError:
        return text


def check_prepare(text: str) -> None:
    """prepare() maps every prepared character to a raw range, in order, and is deterministic."""
    prepared = prepare(text)
    assert prepared.raw is text
    assert len(prepared.raw_starts) == len(prepared.raw_ends) == len(prepared.text)
    previous_end = 0
    for i in range(len(prepared.text)):
        start, end = prepared.to_raw(i, i + 1)
        assert previous_end <= start < end <= len(text), (i, start, end)
        previous_end = end
    again = prepare(text)
    assert (again.text, list(again.raw_starts), list(again.raw_ends), again.script) == \
        (prepared.text, list(prepared.raw_starts), list(prepared.raw_ends), prepared.script)


def check_report(report, text: str) -> None:
    """Offsets exact on the caller's text, spans inside it, no overlap within a layer."""
    assert report.text == text
    for span in report.spans:
        assert 0 <= span.start < span.end <= len(text), span
        assert text[span.start:span.end] == span.text, span
    for layer in LAYERS:
        spans = sorted((s.start, s.end) for s in report.spans if s.label in layer)
        assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:])), f"{layer} spans overlap: {spans}"
    for view in (*report.money, *report.projects, *report.targets, *report.slogans):
        assert text[view.start:view.end] == (view.name if hasattr(view, "name") else view.text), view
    for entry in report.glossary:
        assert text[entry.term_start:entry.term_end] == entry.term, entry
        assert text[entry.definition_start:entry.definition_end] == entry.definition, entry
    for section in report.sections:
        assert 0 <= section["start"] <= section["end"] <= len(text), section


def check_parse(parse, source: str | bytes, nlp) -> None:
    """parse() gives a Report satisfying :func:`check_report`, the same one twice."""
    from reportie.inputs import read_input

    text = read_input(source)
    report = parse(source, nlp=nlp)
    check_report(report, text)
    assert parse(source, nlp=nlp).to_dict() == report.to_dict(), "parse is not deterministic"


#: Small windows for fuzzing the windowing of long texts on short ones: the overlap is
#: still longer than any span, as reportie.api.OVERLAP must be.
SMALL_WINDOW, SMALL_OVERLAP = 1500, 600


@contextmanager
def small_windows(size: int = SMALL_WINDOW, overlap: int = SMALL_OVERLAP):
    """Parse in windows of ``size`` characters instead of reportie.api.WINDOW."""
    import reportie.api as api

    saved = api.WINDOW, api.OVERLAP
    api.WINDOW, api.OVERLAP = size, overlap
    try:
        yield
    finally:
        api.WINDOW, api.OVERLAP = saved
