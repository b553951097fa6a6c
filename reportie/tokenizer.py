"""reportie's Chinese tokenizer: pkuseg words, cut again wherever an entity may begin or end.

pkuseg gives word tokens (fewer tokens, so faster and shorter spans than characters), but a
word can swallow an entity edge: a number glued to the next word, a quote glued to a term.
``refine`` cuts every token at character-class changes (digits / Han / Latin / each
punctuation mark / whitespace), so quotes, brackets, footnote markers, 、 lists and
number edges are always token edges; ``cut_at`` also cuts at the edges of money
expressions (百亿元 after 投资), which are Han on both sides. The segmentation model is trained here
(``training/pkuseg_model.py``), shipped in ``reportie/resources/pkuseg`` and written into
every saved pipeline by ``to_disk``, like spaCy's own ``ChineseTokenizer``.
"""

from __future__ import annotations

import re
import tempfile
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, Callable

import srsly
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import DummyTokenizer, ensure_path, from_disk, get_words_and_spaces, registry, to_disk
from spacy.vocab import Vocab

SHIPPED_PKUSEG = Path(__file__).parent / "resources" / "pkuseg"
SEGMENTERS = ("pkuseg", "char")
PKUSEG_FILES = ("features.msgpack", "weights.npz")

# One class per alternative; a token never spans two classes, and every punctuation mark,
# whitespace run and symbol is its own token (except the decimal point and % inside numbers).
_PIECES = re.compile(
    r"[0-9]+(?:[.,][0-9]+)*%?"          # Arabic numbers: 22.24, 1,200, 8.5%
    r"|[A-Za-z]+"                        # Latin: GDP, PPP, N
    r"|[\u3400-\u9fff\uf900-\ufaff]+"    # Han, Chinese numerals included
    r"|\s+"                              # whitespace run
    r"|."                                # anything else: one character each
, re.S)


# Head words that end a project name: a segmenter often glues them to what follows
# (工程建设, 项目前期), which would hide the end of the name.
_HEADS = re.compile(r"(项目|工程)")


def refine(words: Iterable[str]) -> Iterator[str]:
    """Cut each word at character-class changes and around project head words; Han runs
    otherwise keep the segmenter's cuts."""
    for word in words:
        for piece in _PIECES.findall(word):
            yield from (part for part in _HEADS.split(piece) if part) if len(piece) > 2 else (piece,)


def cut_at(text: str, words: Iterable[str], cuts: set[int]) -> Iterator[str]:
    """Split words (in order, covering ``text`` except whitespace) at the offsets in ``cuts``."""
    ordered = sorted(cuts)
    position = 0
    for word in words:
        start = text.find(word, position)
        if start < 0:  # the segmenter changed the text: keep its word as is
            yield word
            continue
        position = start + len(word)
        inner = [c - start for c in ordered[bisect_right(ordered, start):bisect_left(ordered, position)]]
        for a, b in zip([0] + inner, inner + [len(word)]):
            yield word[a:b]


def money_edges(text: str) -> set[int]:
    """Edges of money expressions: an amount must never share a token with its context."""
    from .components.money import find_money

    return {edge for start, end, _ in find_money(text) for edge in (start, end)}


def load_pkuseg(path: Path | str = SHIPPED_PKUSEG):
    """Load a spacy-pkuseg model directory without touching the network."""
    import spacy_pkuseg

    path = Path(path)
    missing = [name for name in PKUSEG_FILES if not (path / name).is_file()]
    if missing:
        raise FileNotFoundError(
            f"no pkuseg model in {path} (missing {', '.join(missing)}); train one with "
            "`python training/pkuseg_model.py` or use segmenter='char'"
        )
    # user_dict=None: never load pkuseg's downloadable default dictionary.
    return spacy_pkuseg.pkuseg(str(path), user_dict=None)


class ReportieTokenizer(DummyTokenizer):
    """Segments with pkuseg (or per character) and refines the cuts with :func:`refine`."""

    def __init__(self, vocab: Vocab, segmenter: str = "pkuseg", pkuseg_model: str | None = None) -> None:
        if segmenter not in SEGMENTERS:
            raise ValueError(f"segmenter must be one of {SEGMENTERS}, not {segmenter!r}")
        self.vocab = vocab
        self.segmenter = segmenter
        self.pkuseg = load_pkuseg(pkuseg_model or SHIPPED_PKUSEG) if segmenter == "pkuseg" else None

    def words(self, text: str) -> list[str]:
        if self.pkuseg is None:
            return list(text)
        return list(cut_at(text, refine(self.pkuseg.cut(text)), money_edges(text)))

    def __call__(self, text: str) -> Doc:
        words, spaces = get_words_and_spaces(self.words(text), text)
        return Doc(self.vocab, words=words, spaces=spaces)

    # Serialisation: the pkuseg weights travel inside the saved pipeline.
    def to_disk(self, path: str | Path, **kwargs: Any) -> None:
        def save_model(target: Path) -> None:
            if self.pkuseg is not None:
                target.mkdir(parents=True, exist_ok=True)
                self.pkuseg.model.save(str(target))
                self.pkuseg.feature_extractor.save(str(target))

        to_disk(ensure_path(path), {
            "cfg": lambda p: srsly.write_json(p, {"segmenter": self.segmenter}),
            "pkuseg_model": save_model,
        }, [])

    def from_disk(self, path: str | Path, **kwargs: Any) -> "ReportieTokenizer":
        def load_cfg(p: Path) -> None:
            self.segmenter = srsly.read_json(p)["segmenter"]

        def load_model(p: Path) -> None:
            self.pkuseg = load_pkuseg(p) if self.segmenter == "pkuseg" else None

        from_disk(ensure_path(path), {"cfg": load_cfg, "pkuseg_model": load_model}, [])
        return self

    def to_bytes(self, **kwargs: Any) -> bytes:
        with tempfile.TemporaryDirectory() as tmp:
            self.to_disk(tmp)
            files = {p.relative_to(tmp).as_posix(): p.read_bytes() for p in Path(tmp).rglob("*") if p.is_file()}
        return srsly.msgpack_dumps(files)

    def from_bytes(self, data: bytes, **kwargs: Any) -> "ReportieTokenizer":
        with tempfile.TemporaryDirectory() as tmp:
            for name, content in srsly.msgpack_loads(data).items():
                target = Path(tmp) / name
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(content)
            return self.from_disk(tmp)


@registry.tokenizers("reportie.Tokenizer.v1")
def create_tokenizer(segmenter: str = "pkuseg", pkuseg_model: str | None = None) -> Callable[[Language], ReportieTokenizer]:
    """Config entry point: ``@tokenizers = "reportie.Tokenizer.v1"``."""

    def make(nlp: Language) -> ReportieTokenizer:
        return ReportieTokenizer(nlp.vocab, segmenter=segmenter, pkuseg_model=pkuseg_model)

    return make
