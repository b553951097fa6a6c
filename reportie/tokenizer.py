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


# Head words that end a project name, and the activity word 建设 that follows one: a segmenter
# often glues them to what follows or precedes (工程建设, 项目前期, 二高建设, 中学按计划), which
# would hide the end of the name.
_HEADS = re.compile(r"(项目|工程|建设|中学|小学)")

# List particles glued to the end of a name (棠溪服装城等, 京雄保国际智慧港及) or conjunctions
# glued to its start (和范蠡路, 及西张庄): cut off, except in the words they belong to.
_TRAILING_PARTICLES = "等及"
_LEADING_PARTICLES = "和及与"
_PARTICLE_WORDS = frozenset(
    "平等 同等 高等 中等 初等 对等 均等 相等 等等 优等 头等 特等 次等 上等 "
    "以及 涉及 普及 危及 波及 顾及 不及 惠及 遍及 提及 企及 殃及 论及 触及 来不及 "
    "和谐 和平 和美 和睦 和解 和气 和顺 和煦 和田 和畅 及时 及早 及格 与会 与其".split()
)


# 县/市 ending a place name glued to the next word (精河县|室内滑冰场): a two-character token that
# starts with the suffix is cut unless it is one of the words 县/市 begin.
_ADMIN_SUFFIXES = "县市"
_ADMIN_WORDS = frozenset(
    "县城 县域 县级 县委 县长 县区 县乡 县市 县直 县府 县志 县属 县情 县内 县外 县镇 县里 县政 "
    "市场 市民 市区 市委 市长 市级 市政 市域 市直 市容 市面 市值 市属 市内 市外 市县 市镇 市井 市价 市里 "
    "市郊 市辖 市情 市况".split()
)


def _split_particles(piece: str) -> Iterator[str]:
    if len(piece) < 2 or piece in _PARTICLE_WORDS:
        yield piece
    elif len(piece) == 2 and piece[0] in _ADMIN_SUFFIXES and piece not in _ADMIN_WORDS:
        yield piece[0]
        yield from _split_particles(piece[1:])
    elif piece[0] in _LEADING_PARTICLES and piece[:2] not in _PARTICLE_WORDS:
        yield piece[0]
        yield from _split_particles(piece[1:])
    elif piece[-1] in _TRAILING_PARTICLES and piece[-2:] not in _PARTICLE_WORDS and piece[-3:] not in _PARTICLE_WORDS:
        yield from _split_particles(piece[:-1])
        yield piece[-1]
    else:
        yield piece


def refine(words: Iterable[str]) -> Iterator[str]:
    """Cut each word at character-class changes, around project head words and list particles;
    Han runs otherwise keep the segmenter's cuts."""
    for word in words:
        for piece in _PIECES.findall(word):
            for part in (_HEADS.split(piece) if len(piece) > 2 else (piece,)):
                if part:
                    yield from _split_particles(part)


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


# Where a report's phrase structure puts an edge that a statistical segmenter glues over when a
# name is unknown to it (推进县|医院, 服务美|联地产, 港及, 指鸭|仔塘). Each alternative is a class
# of boundary that holds in general, so the cut never depends on the name itself; an extra cut
# inside a word costs nothing for span alignment (every entity edge stays a token edge).
_BOUNDARIES = re.compile(
    # after a governing verb or modal verb that takes a project or goal as its object
    # (推进|县医院整体迁建项目, 安排|市以上重点项目599项, 努力|消除…, 储备|力达阳极管束)
    r"(?:推进|助推|实施|安排|储备|服务|投用|谋划|努力|力争|确保|争取|(?:规划|建设|运营|管理)好)(?P<after>)"
    # after the copula of a definition: “八景”指|鸭仔塘溪…, 主要是指|日处理300吨…
    r"|(?<=[”\"」是即])指(?P<after2>)"
    # before a trailing status phrase (ANNOTATION: status words stay outside a project)
    r"|(?P<before>)(?=试运行|进展顺利|建成投用|投入使用|投产|竣工)"
    # before a road segment or a bypass: 南山快速路|北段, 保沧线|绕县城
    r"|(?P<before2>)(?=[东南西北中]段|绕(?:县城|城))"
    # before a numeral + classifier count: 华北汽车白车身|两个省重点项目
    r"|(?P<before3>)(?<![一二两三四五六七八九十百千])(?=[一二两三四五六七八九十百千]+个)"
    # after a line-initial entry number glued to a digit term: 24.|17110工作制度
    r"|^[ \t]*[0-9]{1,3}\.(?P<after3>)(?=[0-9]+[\u3400-\u9fff])",
    re.M,
)


def boundary_edges(text: str) -> set[int]:
    """Offsets of the phrase boundaries in ``_BOUNDARIES`` (see there)."""
    edges = set()
    for match in _BOUNDARIES.finditer(text):
        for name, value in match.groupdict().items():
            if value is not None:
                edges.add(match.start(name))
    return edges


def extra_cuts(text: str) -> set[int]:
    """Where to cut besides the segmenter: the edges of money expressions (an amount never
    shares a token with its context) and the phrase boundaries of :func:`boundary_edges`,
    except inside an amount (a line-initial ``6.77亿元`` is an amount, not entry 6.)."""
    from .components.money import find_money

    amounts = [(start, end) for start, end, _ in find_money(text)]
    inside = {i for start, end in amounts for i in range(start + 1, end)}
    return {edge for span in amounts for edge in span} | (boundary_edges(text) - inside)


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
        return list(cut_at(text, refine(self.pkuseg.cut(text)), extra_cuts(text)))

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
