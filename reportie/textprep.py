"""One clean, simplified view of a raw report, with an exact map back to the raw string.

The models only ever see ``PreparedText.text``; everything the library returns is mapped
back through :meth:`PreparedText.to_raw`, so ``raw[start:end]`` is always the caller's own
characters. This module is the only place that knows how the two texts differ.

What preparation does, and why:
- literal ``\\r\\n`` escapes, real CR/LF pairs and runs of ``??`` (line breaks lost in a
  broken GBK round trip) become one ``\\n``: paragraph structure survives the scrape;
- pinyin glosses after a character (``內(nèi)``) are dropped: they split words; a
  gloss maps back with its character, so a span ending on 內 ends after ``(nèi)``;
- traditional script becomes simplified (OpenCC ``t2s``), full-width forms become their
  NFKC equivalents (``，`` → ``,``, ``２`` → ``2``): one script, one punctuation for the models;
- control characters and lone surrogates become spaces, so nothing downstream can crash
  on them while offsets stay exact.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from dataclasses import dataclass
from functools import lru_cache

_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
_PINYIN_GLOSS = rf"(?<=[\u3400-\u9fff])\((?=[a-zü{_TONED}]*[{_TONED}])[a-zü{_TONED}]{{1,7}}\)"
_LINE_BREAK = r"\\r\\n|\\n|\\r|\r\n|\?{2,}"
_ODD = r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\u00a0\u3000\u2028\u2029\ufeff]"
_PATTERN = re.compile(f"(?P<gloss>{_PINYIN_GLOSS})|(?P<br>{_LINE_BREAK})|(?P<odd>{_ODD})")


@lru_cache(maxsize=1)
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


@lru_cache(maxsize=4096)
def _fold(char: str) -> str:
    """NFKC of one character when that stays one character (full-width → ASCII)."""
    folded = unicodedata.normalize("NFKC", char)
    return folded if len(folded) == 1 else char


@dataclass(frozen=True)
class PreparedText:
    """A prepared text and, for each of its characters, the raw range it came from."""

    raw: str
    text: str
    raw_starts: array
    raw_ends: array
    script: str

    def to_raw(self, start: int, end: int) -> tuple[int, int]:
        """Map a non-empty prepared span ``[start, end)`` to raw offsets."""
        if not 0 <= start < end <= len(self.text):
            raise ValueError(f"span {start}..{end} is not a non-empty span of a {len(self.text)}-character text")
        return self.raw_starts[start], self.raw_ends[end - 1]

    def from_raw(self, start: int, end: int) -> tuple[int, int] | None:
        """Map a raw span to the prepared span covering exactly it, or None if it has no exact image."""
        import bisect

        first = bisect.bisect_left(self.raw_starts, start)
        last = bisect.bisect_left(self.raw_ends, end)
        if first >= len(self.text) or last >= len(self.text):
            return None
        if self.raw_starts[first] != start or self.raw_ends[last] != end or last < first:
            return None
        return first, last + 1


def _simplify(text: str) -> tuple[str, str]:
    """Convert to simplified script character by character; report which script it was."""
    converted = _t2s().convert(text)
    if len(converted) != len(text):  # a phrase rule changed the length: fall back to chars
        converted = "".join(c if len(c) == 1 else o for o, c in zip(text, map(_t2s().convert, text)))
    changed = sum(1 for a, b in zip(text, converted) if a != b)
    han = len(re.findall(r"[\u4e00-\u9fff]", text)) or 1
    script = "traditional" if changed / han > 0.05 else "simplified"
    return "".join(map(_fold, converted)), script


def prepare(raw: str) -> PreparedText:
    """Prepare ``raw`` for the models, keeping an exact character map back to it."""
    if not isinstance(raw, str):
        raise TypeError(f"prepare() takes str, not {type(raw).__name__}; use reportie.read_input for bytes")
    pieces: list[str] = []
    starts = array("l")
    ends = array("l")
    position = 0

    def keep(upto: int) -> None:
        pieces.append(raw[position:upto])
        starts.extend(range(position, upto))
        ends.extend(range(position + 1, upto + 1))

    for match in _PATTERN.finditer(raw):
        keep(match.start())
        if match.lastgroup == "br":
            pieces.append("\n")
        elif match.lastgroup == "odd":
            pieces.append(" ")
        if match.lastgroup != "gloss":
            starts.append(match.start())
            ends.append(match.end())
        elif ends:  # a gloss belongs to the character it glosses
            ends[-1] = match.end()
        position = match.end()
    keep(len(raw))
    text, script = _simplify("".join(pieces))
    return PreparedText(raw, text, starts, ends, script)
