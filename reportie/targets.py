"""Reading a TARGET span: indicator, comparator, value, unit, kind of change and period.

``城镇调查失业率控制在5.5%以内`` → indicator 城镇调查失业率 (canonical ``unemployment``),
change ``cap``, comparator ``≤``, value 5.5, unit ``%``. A span that states one value per
indicator (城乡居民收入分别增长7.5%和8%) has no single value: ``value`` is None and ``values``
holds them in order. The canonical indicator table is a
plain dict that users extend: ``reportie.targets.INDICATORS["forest_cover"] = r"森林覆盖率"``;
the first pattern that matches wins, so specific indicators come before general ones.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .components.money import CURRENCY_UNITS

INDICATORS: dict[str, str] = {
    "energy_intensity": r"单位生产总值能耗|单位GDP能耗|万元GDP能耗|能耗",
    "gdp": r"地区生产总值|生产总值|GDP|经济总量|国内生产总值",
    "industrial_value_added": r"规上工业增加值|规模以上工业增加值|工业增加值",
    "fixed_asset_investment": r"固定资产投资|固投",
    "retail_sales": r"社会消费品零售总额|社零",
    "general_budget_revenue": r"一般公共预算收入|地方财政收入|公共预算收入|地方一般公共预算收入",
    "fiscal_revenue": r"财政总收入|财政收入",
    "urban_income": r"城镇居民人均可支配收入|城镇常住居民人均可支配收入",
    "rural_income": r"农村居民人均可支配收入|农村常住居民人均可支配收入|农民人均可支配收入",
    "income": r"居民人均可支配收入",
    "unemployment": r"城镇调查失业率|城镇登记失业率|失业率",
    "new_urban_jobs": r"城镇新增就业|新增城镇就业",
    "cpi": r"居民消费价格|CPI",
    "urbanization": r"城镇化率",
    "foreign_trade": r"外贸进出口|进出口总额|进出口|外贸出口|出口",
    "foreign_investment": r"实际利用外资|利用外资|外资",
    "grain_output": r"粮食产量|粮食总产|粮食播种面积",
    "rd_intensity": r"研发投入强度|研发经费投入强度|R&D",
    "forest_cover": r"森林覆盖率",
}

_CN_NUMBER = "零〇一二两三四五六七八九十百千万亿"
_ROMAN = {"Ⅰ": 1, "Ⅱ": 2, "Ⅲ": 3, "Ⅳ": 4, "Ⅴ": 5}
# A currency with its scale first (5千万元 is 5 × 千万元, 1.2亿美元 keeps its currency), then the rest.
_UNITS = (f"(?:万亿|千亿|百亿|亿|千万|百万|万)?(?:{'|'.join(CURRENCY_UNITS)})|"
          "%|‰|个百分点|万亿|亿|万人次|万人|万吨|万亩|万平方米|平方米|万千瓦|千瓦|公里|千米|米|"
          "个|家|户|所|座|条|项|人|场次|场|次|亩|吨|辆|套|张|台|件|处|批|名|位|万|类|级|倍|天|小时|年")
_VALUE = re.compile(
    rf"(?P<value>[0-9]+(?:\.[0-9]+)?|[零〇一二两三四五六七八九十百千][{_CN_NUMBER}]*|[ⅠⅡⅢⅣⅤ])"
    rf"\s*(?P<unit>{_UNITS})?"
)
_QUOTED = re.compile(r"“[^”]*”|「[^」]*」|《[^》]*》")
_TRAILING = re.compile(r"(?:同比|年均|分别|均|力争|确保|稳定|保持)?(?:增长|提高|提升|增加|达到|达|突破|超过|超|控制在|"
                       r"保持在|稳定在|下降|降低|降至|缩小到|实现|完成|为|在)+$")
_COMPARATORS = (("≤", re.compile(r"以内|以下|控制在|不超过|低于|降至|之内")),
                ("≥", re.compile(r"以上|突破|超过|不低于|不少于|超|至少|翻一番|翻番")),
                ("≈", re.compile(r"左右|约|上下")))
_CHANGES = (("growth", re.compile(r"增长|提高|提升|增加|下降|降低|缩小|翻一番|翻番")),
            ("cap", re.compile(r"控制在|以内|不超过|之内")),
            ("share", re.compile(r"率|比重|占比|强度|覆盖率")))
_PERIOD = re.compile(r"到\s*(20\d\d)\s*年|(20\d\d)\s*年(?:底|末)?前?|“十[四五六]五”(?:期间|末)?|五年|三年")


@dataclass(frozen=True)
class TargetReading:
    indicator: str
    indicator_canonical: str | None
    change: str
    comparator: str
    value: float | None
    unit: str | None
    period: str
    deadline: int | None
    values: tuple[float, ...]  # every value of the span in the unit read (分别增长9.5%和11%: 9.5, 11)


def _number(text: str) -> float | None:
    if text in _ROMAN:
        return float(_ROMAN[text])
    if re.fullmatch(r"[0-9.]+", text):
        return float(text)
    import cn2an

    for candidate in (text, "一" + text):  # 百亿 is 一百亿
        try:
            return float(cn2an.cn2an(candidate, "smart"))
        except (ValueError, KeyError):
            continue
    return None


def _is_single_chinese_numeral(text: str) -> bool:
    return len(text) == 1 and text in _CN_NUMBER


def canonical_indicator(indicator: str, indicators: dict[str, str] | None = None) -> str | None:
    """The first canonical name whose pattern occurs in the indicator (table order matters)."""
    for name, pattern in (indicators or INDICATORS).items():
        if re.search(pattern, indicator):
            return name
    return None


def read_target(text: str, context: str = "", indicators: dict[str, str] | None = None) -> TargetReading:
    """Read a TARGET's prepared text; ``context`` is the sentence text before it (for 到2026年)."""
    # Numbers in quotation marks belong to a name (“一村一年一场戏”), and a one-character
    # Chinese numeral without a unit to a word (一般, 零售), unless the target has no other
    # number (国控集团达到“3A”评级, 十大项民生实事).
    numbers = [m for m in _VALUE.finditer(text) if _number(m.group("value")) is not None]
    quoted = [m.span() for m in _QUOTED.finditer(text)]
    numbers = [m for m in numbers if not any(a < m.start() < b for a, b in quoted)] or numbers
    values = [m for m in numbers if m.group("unit") or not _is_single_chinese_numeral(m.group("value"))] or numbers
    first = values[0] if values else None
    with_unit = [m for m in values if m.group("unit")]
    last = with_unit[-1] if with_unit else (values[-1] if values else None)
    if first is None:
        indicator = text
    elif first.start() == 0:  # count first: 3000户户厕改造
        indicator = text[first.end():]
    else:
        indicator = _TRAILING.sub("", text[: first.start()].rstrip(" ,、"))
    indicator = indicator.strip(" ,、") or text
    if "翻一番" in text or "翻番" in text:
        value, unit, all_values = 100.0, "%", (100.0,)
    else:
        value = _number(last.group("value")) if last else None
        unit = last.group("unit") if last else None
        all_values = tuple(_number(m.group("value")) for m in values if m.group("unit") == unit) if last else ()
        if "分别" in text and len(all_values) > 1:  # one value per indicator: none of them is the value
            value = None
    comparator = next((sym for sym, pattern in _COMPARATORS if pattern.search(text)), "=")
    change = next((name for name, pattern in _CHANGES if pattern.search(text)), "level")
    if change == "share" and unit not in ("%", "‰", "个百分点"):
        change = "level"
    period_match = _PERIOD.search(context[-30:]) if context else None
    deadline = None
    if period_match:
        year = period_match.group(1) or period_match.group(2)
        deadline = int(year) if year else None
    period = "multi-year" if (period_match and not re.fullmatch(r"(20\d\d)\s*年", period_match.group(0))) \
        or text.startswith("年均") or "年均" in text[:len(indicator) + 4] else "annual"
    return TargetReading(indicator, canonical_indicator(indicator, indicators), change, comparator, value, unit,
                         period, deadline, all_values)
