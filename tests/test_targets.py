import pytest

from reportie.corpus.records import load_reports
from reportie.targets import INDICATORS, canonical_indicator, read_target
from reportie.textprep import prepare


@pytest.mark.parametrize("text,indicator,canonical,change,comparator,value,unit", [
    ("城镇调查失业率控制在5.5%以内", "城镇调查失业率", "unemployment", "cap", "≤", 5.5, "%"),
    ("地区生产总值增长8.5%以上", "地区生产总值", "gdp", "growth", "≥", 8.5, "%"),
    ("常住人口城镇化率提高1.5个百分点", "常住人口城镇化率", "urbanization", "growth", "=", 1.5, "个百分点"),
    ("居民消费价格涨幅控制在3%左右", "居民消费价格涨幅", "cpi", "cap", "≤", 3.0, "%"),
    ("新签约亿元以上项目30个", "新签约亿元以上项目", None, "level", "≥", 30.0, "个"),
    ("3000户户厕改造", "户厕改造", None, "level", "=", 3000.0, "户"),
    ("固投稳定在百亿以上", "固投", "fixed_asset_investment", "level", "≥", 1e10, None),
    # a Chinese numeral inside a word is no value (一 of 一般, 零 of 零售)
    ("一般公共预算收入增长7%", "一般公共预算收入", "general_budget_revenue", "growth", "=", 7.0, "%"),
    ("社会消费品零售总额增长12%", "社会消费品零售总额", "retail_sales", "growth", "=", 12.0, "%"),
    ("新增城镇就业一千人", "新增城镇就业", "new_urban_jobs", "level", "=", 1000.0, "人"),
    # numbers in quotation marks belong to a name
    ("“一村一年一场戏”文化惠民活动700场以上", "“一村一年一场戏”文化惠民活动", None, "level", "≥", 700.0, "场"),
    # a currency keeps its scale and its name
    ("争取资金5千万元", "争取资金", None, "level", "=", 5.0, "千万元"),
    ("一般公共预算收入突破3千亿元", "一般公共预算收入", "general_budget_revenue", "level", "≥", 3.0, "千亿元"),
    ("外贸进出口达到1.2亿美元", "外贸进出口", "foreign_trade", "level", "=", 1.2, "亿美元"),
    ("实际利用外资突破5亿日元", "实际利用外资", "foreign_investment", "level", "≥", 5.0, "亿日元"),
])
def test_read_target(text, indicator, canonical, change, comparator, value, unit):
    reading = read_target(prepare(text).text)
    assert (reading.indicator, reading.indicator_canonical, reading.change, reading.comparator, reading.unit) == \
        (indicator, canonical, change, comparator, unit)
    assert reading.value == pytest.approx(value)


@pytest.mark.parametrize("text,values", [
    ("城乡居民收入分别增长7.5%左右和8%左右", (7.5, 8.0)),
    ("乡村中小学强校扩优覆盖率、省一类以上优质幼儿园占比分别达到50%、40%以上", (50.0, 40.0)),
])
def test_one_value_per_indicator_is_no_single_value(text, values):
    """DECISIONS.md keeps a 分别 list as one TARGET span (gold spans of the train-only corpus):
    each indicator has its own value, so the span has no single one."""
    reading = read_target(prepare(text).text)
    assert reading.value is None and reading.values == values and reading.unit == "%"
    assert read_target("地区生产总值增长8.5%以上").values == (8.5,)


def test_period_from_the_sentence_before_the_target():
    reading = read_target("地区生产总值达到134亿元", context="到2026年,")
    assert (reading.period, reading.deadline) == ("multi-year", 2026)
    assert read_target("地区生产总值增长8%", context="今年主要预期目标是:").period == "annual"


def test_users_extend_the_indicator_table(monkeypatch):
    assert canonical_indicator("数字经济核心产业增加值") is None
    monkeypatch.setitem(INDICATORS, "digital_economy", r"数字经济")
    assert canonical_indicator("数字经济核心产业增加值") == "digital_economy"


def test_every_gold_target_parses_into_a_comparator_and_a_value():
    count = 0
    for report in load_reports():
        prepared = prepare(report.text)
        for span in report.spans:
            if span.label == "TARGET":
                start, end = prepared.from_raw(span.start, span.end)
                reading = read_target(prepared.text[start:end], prepared.text[max(0, start - 30):start])
                assert (reading.value is not None or len(reading.values) > 1) and reading.comparator in "≥≤≈=" and reading.indicator, span.text
                count += 1
    assert count > 500


@pytest.mark.parametrize("name,canonical", [("一般公共预算收入", "general_budget_revenue"),
                                            ("社会消费品零售总额", "retail_sales")])
def test_gold_targets_of_a_named_indicator_read_it_whole(name, canonical):
    """Every gold TARGET that begins with the indicator reads it whole, numerals in it included."""
    readings = []
    for report in load_reports():
        prepared = prepare(report.text)
        for span in report.spans:
            start, end = prepared.from_raw(span.start, span.end)
            if span.label == "TARGET" and prepared.text[start:end].startswith(name):
                readings.append(read_target(prepared.text[start:end]))
    assert len(readings) >= 5
    assert all(r.indicator.startswith(name) and r.indicator_canonical == canonical for r in readings), \
        [r.indicator for r in readings if r.indicator_canonical != canonical]
