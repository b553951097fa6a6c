"""MONEY by rule: a number, an optional multiplier and a currency unit (ANNOTATION.md).

Works on prepared text (simplified script, ASCII digits). ``parse_amount`` turns a MONEY
surface into a value in units of its currency, so the rule and the typed view agree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from decimal import Decimal

from spacy.language import Language

from .spans import CharSpan, RuleSpans

CURRENCIES = {"美元": "USD", "港元": "HKD", "港币": "HKD", "欧元": "EUR", "日元": "JPY", "英镑": "GBP",
              "澳元": "AUD", "元": "CNY"}
MULTIPLIERS = {"十": 10, "百": 100, "千": 1_000, "万": 10_000, "亿": 100_000_000}
_CN_DIGITS = "零〇一二两三四五六七八九"
_ARABIC = r"[0-9]+(?:,[0-9]{3})*(?:\.[0-9]+)?"
_CN = rf"[{_CN_DIGITS}十百千]+(?:点[{_CN_DIGITS}]+)?"
_NUMBER = rf"(?:{_ARABIC}|{_CN})[余多]?"
_GAP = r"[ \n]{0,2}"
# Longest first, so that 美元 is not read as 元 (a regex alternation takes the first that fits).
CURRENCY_UNITS = tuple(sorted(CURRENCIES, key=len, reverse=True))
_UNIT = "|".join(CURRENCY_UNITS)
# 万元GDP能耗, 万元地区生产总值用水量: a bare 万元 before an output measure is the unit of an
# intensity (per 10,000 yuan), not an amount.
_PER_UNIT = re.compile(r"GDP|地区生产总值|生产总值|工业增加值")
_MONEY = re.compile(
    rf"(?P<num>{_NUMBER}(?:[-~至到]{_NUMBER})?){_GAP}(?P<mult>[十百千万亿]*[余多]?){_GAP}(?P<cur>{_UNIT})"
    rf"|(?P<colloq>{_NUMBER})个亿"
    rf"|(?<![0-9{_CN_DIGITS}十百千万亿余多])(?P<bare>[十百千]?[万亿]{_GAP}元)"
)


@lru_cache(maxsize=16)
def find_money(text: str) -> tuple[CharSpan, ...]:
    """Character spans of money amounts in prepared text. Memoised: the tokenizer's cuts,
    the features and the money rule ask for the amounts of the same text."""
    found = []
    for match in _MONEY.finditer(text):
        num = match.group("num")
        if num is not None and not match.group("mult") and re.fullmatch(rf"[{_CN_DIGITS}十百千]", num):
            continue  # 二元结构, 一元化: a lone Chinese numeral before 元 is not an amount
        if match.group("bare") == "万元" and _PER_UNIT.match(text, match.end()):
            continue
        found.append((match.start(), match.end(), "MONEY"))
    return tuple(found)


@dataclass(frozen=True)
class Amount:
    value: float
    currency: str
    approx: bool
    value_max: float | None = None


def _number(text: str) -> Decimal:
    text = text.rstrip("余多")
    if re.fullmatch(_ARABIC, text):
        return Decimal(text.replace(",", ""))
    import cn2an

    return Decimal(str(cn2an.cn2an(text, "smart")))


def parse_amount(surface: str) -> Amount:
    """Value of a MONEY surface in units of its currency: 120余万元 → 1.2e6 CNY, approx."""
    text = re.sub(r"\s", "", surface)
    text = text.translate(str.maketrans("萬億圓", "万亿元"))
    approx = "余" in text or "多" in text
    if text.endswith("个亿"):
        return Amount(float(_number(text[:-2]) * MULTIPLIERS["亿"]), "CNY", approx)
    unit = next((c for c in CURRENCY_UNITS if text.endswith(c)), None)
    if unit is None and text.endswith("亿"):  # colloquial 亿 means 亿元 (ANNOTATION.md: 2个亿)
        unit, text = "元", text + "元"
    if unit is None:
        raise ValueError(f"{surface!r} does not end in a currency unit")
    currency = CURRENCIES[unit]
    body, scale = _split_scale(text[: -len(unit)])
    if not body:
        return Amount(float(scale), currency, approx)
    # 1-4亿元 is a range; 70和50亿元 lists two amounts sharing a unit: value is the first. A
    # part with a multiplier of its own (1亿-4亿元) does not take the shared one.
    values = []
    for part in re.split(r"[-~至到和、及]", body, maxsplit=1):
        number, own = _split_scale(part)
        values.append(float(_number(number) * (own if own != 1 else scale)) if number else float(own))
    is_range = len(values) > 1 and not re.search(r"[和、及]", body)
    return Amount(values[0], currency, approx, values[1] if is_range else None)


def _split_scale(body: str) -> tuple[str, Decimal]:
    """``body`` without its trailing multipliers, and their product: 4.5千万 → (4.5, 1e7)."""
    body = body.rstrip("余多")
    scale = Decimal(1)
    while body and body[-1] in "万亿" or (body and body[-1] in "十百千" and (len(body) == 1 or body[-2] in "0123456789.余多")):
        scale *= MULTIPLIERS[body[-1]]
        body = body[:-1].rstrip("余多")
    return body, scale


@Language.factory("reportie_money_rules", default_config={"replace_model": False})
def make_money_rules(nlp: Language, name: str, replace_model: bool) -> RuleSpans:
    """Adds MONEY entities found by :func:`find_money` where no entity is yet; with
    ``replace_model``, they replace the model's MONEY (amounts are regular enough that the
    rule reads them better: see the variants in docs/EVALUATION.md)."""
    return RuleSpans(find_money, replaces="MONEY" if replace_model else None)
