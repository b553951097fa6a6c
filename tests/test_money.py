import pytest

from reportie.components.money import find_money, parse_amount
from reportie.textprep import prepare

# ANNOTATION.md's MONEY table, prepared as the pipeline sees it.
TABLE = [
    ("完成投资217亿元,占年度投资计划的150%", ["217亿元"]),
    ("FDI到资150万美元", ["150万美元"]),
    ("减免、优惠房租120余万元", ["120余万元"]),
    ("成功签约总投资百亿元的河洛(卢氏)康养度假区项目", ["百亿元"]),
    ("力争今年实现2个亿以上产值", ["2个亿"]),
    ("新签约亿元以上项目40个", ["亿元"]),
    ("城镇居民人均可支配收入完成31508元", ["31508元"]),
    ("1亿元至4亿元之间", ["1亿元", "4亿元"]),
    ("總投資22.24億元", ["22.24亿元"]),
    ("完成46.57 亿\n元", ["46.57 亿\n元"]),
    ("粮食2.7亿斤,3亿棒,1.2万吨,16.2万人,4.8亿千瓦时,百亿级,双百亿", []),
    ("打破城乡二元结构,推进多元化", []),
]


@pytest.mark.parametrize("text,expected", TABLE)
def test_money_rule_on_annotation_examples(text, expected):
    prepared = prepare(text).text
    assert [prepared[s:e] for s, e, _ in find_money(prepared)] == expected


@pytest.mark.parametrize(
    "surface,value,currency,approx",
    [
        ("217亿元", 217e8, "CNY", False),
        ("150万美元", 150e4, "USD", False),
        ("120余万元", 120e4, "CNY", True),
        ("百亿元", 1e10, "CNY", False),
        ("2个亿", 2e8, "CNY", False),
        ("亿元", 1e8, "CNY", False),
        ("31508元", 31508, "CNY", False),
        ("22.24億元", 22.24e8, "CNY", False),
        ("46.57 亿\n元", 46.57e8, "CNY", False),
        ("83.4亿元", 83.4e8, "CNY", False),
        ("三千万元", 3e7, "CNY", False),
        ("十余亿元", 1e9, "CNY", True),
    ],
)
def test_parse_amount(surface, value, currency, approx):
    amount = parse_amount(surface)
    assert amount.value == pytest.approx(value) and amount.currency == currency and amount.approx == approx


@pytest.mark.parametrize("surface", ["1-4亿元", "1亿-4亿元", "1亿至4亿元"])
def test_range_keeps_both_ends(surface):
    """A part with its own multiplier (1亿-4亿元) takes it, not the shared one on top of it."""
    amount = parse_amount(surface)
    assert (amount.value, amount.value_max) == (1e8, 4e8)


def test_not_money_is_an_error():
    with pytest.raises(ValueError):
        parse_amount("2.7亿斤")


def test_every_gold_money_span_normalises():
    from reportie.corpus.records import load_reports

    spans = [s for r in load_reports() for s in r.spans if s.label == "MONEY"]
    assert len(spans) > 500
    for span in spans:
        amount = parse_amount(span.text)
        assert amount.value > 0 and amount.currency, span.text


@pytest.mark.parametrize("city, year", [("开封市", 2023), ("长治市", 2023)])
def test_a_bare_wanyuan_before_gdp_is_a_unit_not_an_amount(city, year):
    """corpus-raw: in 万元GDP能耗 the 万元 is the unit of an intensity (energy per 10,000 yuan
    of output), not an amount; the reports' real amounts are all still found."""
    from reportie.corpus.records import DEFAULT_SHARED_DIR, read_raw

    text = prepare(read_raw(DEFAULT_SHARED_DIR / f"corpus-raw/prefecture-cities/{city}/{year}.md")).text
    unit = text.index("万元GDP")
    amounts = find_money(text)
    assert not any(start <= unit < end for start, end, _ in amounts)
    assert sum(text[start:end].endswith("亿元") for start, end, _ in amounts) >= 10
