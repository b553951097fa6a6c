import pytest

from reportie.components.glossary import find_footnotes, find_glossary
from reportie.components.sections import find_sections, heading_kind
from reportie.components.slogans import find_slogans
from reportie.components.targets import find_targets
from reportie.meta import find_meta
from reportie.textprep import prepare

from .conftest import seed


def pairs(prefix):
    text = prepare(seed(prefix)).text
    found = find_glossary(text)
    terms = [text[s:e] for s, e, label in found if label == "GLOSS_TERM"]
    defs = [text[s:e] for s, e, label in found if label == "GLOSS_DEF"]
    return list(zip(terms, defs))


def test_glossary_of_seed_000_follows_annotation_md():
    found = dict(pairs("000"))
    assert found["四个不摘"] == "摘帽不摘责任、摘帽不摘政策、摘帽不摘帮扶、摘帽不摘监管"
    assert found["三大改造"] == "智能化改造、绿色化改造、技术改造"
    assert len(found) >= 15


def test_glossary_of_seed_002_keeps_inner_quotes_and_leading_ji():
    found = dict(pairs("002"))
    assert found["四好农村路"] == "即把农村公路建好、管好、护好、运营好"
    assert "“1+7+N”县域商贸体系" in found and "“四上”企业" in found


def test_glossary_of_seed_004_splits_two_entries_on_one_line():
    found = dict(pairs("004"))
    assert found["四美乡村"] == "指农村环境美、田园美、村庄美、庭院美"
    assert "放管服效" in found and "枫桥经验" in found


def test_no_glossary_in_seed_without_one():
    assert pairs("001") == []


def test_footnote_markers():
    text = prepare(seed("000")).text
    markers = find_footnotes(text)
    assert markers and all(text[s:e] == f"[{n}]" for s, e, n in markers)


@pytest.mark.parametrize("prefix,kinds", [
    ("000", ["other", "review", "plan", "government-building", "glossary"]),
    ("001", ["other", "review", "plan", "plan", "government-building"]),
    ("004", ["other", "review", "plan", "plan", "government-building", "glossary"]),
])
def test_sections(prefix, kinds):
    assert [s.kind for s in find_sections(prepare(seed(prefix)).text)] == kinds


def test_heading_kinds():
    assert heading_kind("一、2022年工作回顾") == "review"
    assert heading_kind("二、2023年工作安排") == "plan"
    assert heading_kind("三、加强政府自身建设") == "government-building"
    assert heading_kind("《政府工作报告》有关词语注释") == "glossary"


def test_unnumbered_year_headings_open_review_and_plan_parts(reports_by_id):
    """Reports whose parts are headed "2023年工作回顾" / "**2024年工作安排**" (no 一、), with
    numbered sub-headings that continue the part they sit in."""
    for report_id, heading in [("guangdong-huizhou-2024", "**2024年工作安排**"),
                               ("hebei-yixian-2025", "二〇二五年主要目标任务"),
                               ("xinjiang-bortala-2023", "2023年工作安排")]:
        text = prepare(reports_by_id[report_id].text).text
        sections = find_sections(text)
        plan = next(s for s in sections if s.heading == heading)
        assert plan.kind == "plan"
        assert sections[sections.index(plan) - 1].kind in ("review", "government-building")
        assert all(s.kind in ("plan", "government-building", "glossary") for s in sections[sections.index(plan):])


def test_a_later_year_without_kind_words_is_the_plan(reports_by_id):
    text = prepare(reports_by_id["hebei-tangxian-2020"].text).text
    assert [(s.heading, s.kind) for s in find_sections(text)][1:3] == [
        ("一、2019年工作回顾", "review"), ("二、2020年工作", "plan")]


def test_targets_only_in_plan_sections():
    text = prepare(seed("000")).text
    found = [text[s:e] for s, e, _ in find_targets(text)]
    assert "常住人口城镇化率提高1.5个百分点" in found
    assert "城镇调查失业率控制在5.5%以内" in found
    review = next(s for s in find_sections(text) if s.kind == "review")
    assert all(not review.start <= s < review.end for s, _, _ in find_targets(text))


def test_slogan_rule_excludes_plan_periods_and_finds_repeats():
    text = prepare(seed("000")).text
    found = [text[s:e] for s, e, _ in find_slogans(text)]
    assert "四个不摘" in found and "三个一批" in found and "十四五" not in found


@pytest.mark.parametrize("prefix,year,county", [("000", 2023, "卢氏县"), ("001", 2022, "凤泉区"),
                                                 ("002", 2024, "兴山县"), ("003", 2022, "绛县"), ("004", 2022, "西平县")])
def test_meta_from_meeting_line(prefix, year, county):
    meta = find_meta(prepare(seed(prefix)).text)
    assert (meta.year, meta.county) == (year, county)


def test_meta_of_seed_001_names_province_and_city():
    meta = find_meta(prepare(seed("001")).text)
    assert (meta.province, meta.city) == ("河南省", "新乡市")
