import pytest

from reportie.components.glossary import find_footnotes, find_glossary, glossary_sections
from reportie.components.sections import find_sections, heading_kind
from reportie.components.slogans import find_slogans
from reportie.components.targets import find_targets
from reportie.corpus.records import read_raw
from reportie.textprep import prepare

from .conftest import REPORTS, seed


def pairs(prefix):
    return gloss_pairs(prepare(seed(prefix)).text)


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


@pytest.mark.parametrize("report, heading, kinds", [
    # "2023年重点工作" opens the plan; its numbered parts used to stay in the review before it
    ("宝鸡市/2023", "一、着力实施扩大内需战略", ["review", "plan", "plan"]),
    # "一、攻坚奋斗的2022年" holds a plan word (奋斗) but names the year before the plan's
    ("红河哈尼族彝族自治州/2023", "二、踔厉奋发2023年", ["review", "plan"]),
    # "**2023年政府工作**": a year and 政府工作 head the plan, as 工作安排 would
    ("酒泉市/2023", "**2023年政府工作**", ["review", "plan"]),
    # "回顾2022年工作" and "做好2023年工作": the year after a verb
    ("邯郸市/2023", "做好2023年工作", ["review", "plan"]),
    # the part after a numbered review of a period ("一、2022年工作回顾") is the plan, whatever
    # its words; after a review of a field (阿坝's "一、矢志不移优生态…" under "2022年工作回顾") not
    ("扬州市/2023", "二、深入贯彻落实党的二十大精神,全面推进中国式现代化扬州新实践", ["review", "plan"]),
    ("阿坝藏族羌族自治州/2023", "二、全力以赴拼经济、搞建设,发展步伐更坚实", ["review", "review", "review"]),
    # the part after a review part 一 that sets out ("开启…新征程", "奋力开创…新局面") is the plan
    # too, and the parts after it continue it: 铜陵's whole 2021 plan was a review, and the
    # shipped model found none of its targets
    ("铜陵市/2021", "三、奋勇争先,实现“十四五”良好开局", ["review", "plan", "plan"]),
    ("怒江傈僳族自治州/2023", "二、真抓实干、笃行不怠,奋力开创高质量发展新局面", ["review", "plan"]),
    # results still to come ("取得更大成效") do not make a review of the plan's parts
    ("凉山彝族自治州/2025", "二、以科技创新引领新质生产力发展,努力在推动产业建圈强链、优化升级上取得更大成效",
     ["review", "plan", "plan", "plan", "plan"]),
])
def test_plan_parts_found_by_their_heading_and_year(report, heading, kinds):
    """corpus-raw reports whose plan part the sections missed, so the plan's targets carried
    review (or no section) features and the review filter dropped them: the heading words
    (重点工作, 政府工作, 开启…新征程) and the years of the parts decide."""
    from reportie.corpus.records import DEFAULT_SHARED_DIR

    text = prepare(read_raw(DEFAULT_SHARED_DIR / f"corpus-raw/prefecture-cities/{report}.md")).text
    sections = [s for s in find_sections(text) if s.heading]
    upto = next(i for i, s in enumerate(sections) if s.heading == heading) + 1
    assert [s.kind for s in sections[:upto]][-len(kinds):] == kinds
    assert sections[0].kind == "review"


def test_heading_kinds():
    assert heading_kind("一、2022年工作回顾") == "review"
    assert heading_kind("一、凝心聚力、砥砺奋进,经济社会发展取得新成绩") == "review"
    assert heading_kind("三、善作善成、奋勇争先,以优异成绩迎接党的二十大胜利召开") == "other"
    assert heading_kind("二、2023年工作安排") == "plan"
    assert heading_kind("三、加强政府自身建设") == "government-building"
    assert heading_kind("《政府工作报告》有关词语注释") == "glossary"


@pytest.mark.parametrize("report_id, heading", [("hebei-boye-2025", "※名词解释※"), ("hebei-yixian-2025", "※注释※"),
                                                ("hebei-lixian-2022", "附件一:名词解释")])
def test_decorated_glossary_headings_open_the_glossary(reports_by_id, report_id, heading):
    """Glossaries under ※…※ or 附件一: headings are glossaries: every gold glossary entry of
    these reports lies in one (before, none did, and the glossary rules never saw them)."""
    report = reports_by_id[report_id]
    prepared = prepare(report.text)
    assert heading in prepared.text.split("\n")
    bodies = glossary_sections(prepared.text)
    entries = [prepared.from_raw(s.start, s.end) for s in report.spans if s.label.startswith("GLOSS")]
    assert len(entries) > 20 and all(any(a <= start < b for a, b in bodies) for start, _ in entries)


def test_page_chrome_ends_the_glossary(reports_by_id):
    """A site's disclaimer after the last entry (免责声明：本文仅代表作者观点…) is page chrome
    (DECISIONS.md): the glossary body ends before it, so no model span there survives."""
    text = prepare(reports_by_id["shandong-gaotang-2025"].text).text
    disclaimer = text.index("免责声明")
    (start, end), = glossary_sections(text)
    assert start < disclaimer and end == disclaimer


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


# Glossary formats, on fragments of real reports (shared/corpus-raw, full width as scraped).

def gloss_pairs(text):
    """(term, definition) pairs of the rule glossary of prepared ``text``, which must come as
    alternating term and definition spans."""
    found = find_glossary(text)
    assert [label for _, _, label in found] == ["GLOSS_TERM", "GLOSS_DEF"] * (len(found) // 2)
    return [(text[t[0]:t[1]], text[d[0]:d[1]]) for t, d in zip(found[::2], found[1::2])]


def gloss(raw):
    return gloss_pairs(prepare(raw).text)


BODY = "一、2020年工作回顾\n\n全市地区生产总值增长3%。\n\n"


@pytest.mark.parametrize("heading", ["**名词解释**", "名词解释和说明", "附：名词解析", "【名词解释】", "<!-- 名词解释 -->",
                                     "《政府工作报告》有关内容名词注释", "附注：", "2.注释", "注 释", "部分用语说明",
                                     "名词注释（按报告中出现顺序排列）", "**名词解释及有关情况的说明**", "有关用语释义",
                                     "**《政府工作报告》释义**"])
def test_glossary_headings(heading):
    raw = BODY + heading + "\n\n2.“六稳”：稳就业、稳金融、稳外贸、稳外资、稳投资、稳预期。\n"
    assert heading_kind(prepare(heading).text) == "glossary"
    assert gloss(raw) == [("六稳", "稳就业、稳金融、稳外贸、稳外资、稳投资、稳预期")]


def test_a_glossary_divided_like_its_report_stays_one_glossary():
    """四平市 2015 (corpus-raw) explains its terms under "《政府工作报告》释义", in parts
    numbered again from 一 like the report ("一、 2014年工作回顾"): those parts are the
    glossary's, not a second review and plan, and their entries are found. 安国市's appendix
    "…十大工程进展情况说明" explains no terms, so its parts keep their kind."""
    from reportie.corpus.records import DEFAULT_SHARED_DIR

    text = prepare(read_raw(DEFAULT_SHARED_DIR / "corpus-raw/prefecture-cities/四平市/2015.md")).text
    sections = find_sections(text)
    first = next(i for i, s in enumerate(sections) if s.kind == "glossary")
    assert "释义" in sections[first].heading and len(sections) - first >= 3
    assert all(s.kind == "glossary" for s in sections[first:])
    found = dict(gloss_pairs(text))
    assert found["五个强市"].startswith("市委六届四次全会提出,重点打造装备制造强市")
    assert len(found) >= 30
    anguo = prepare(read_raw(next(p for p in REPORTS if "安国市" in p.name))).text
    kinds = {s.heading: s.kind for s in find_sections(anguo)}
    assert kinds["安国市2021年十大工程进展情况说明"] == "glossary"
    assert kinds["一、高标准建设国家药用植物园-华北园"] == "other" and kinds["名词解释:"] == "glossary"


@pytest.mark.parametrize("city, year, first_part, entries", [
    ("昭通市", 2023, "一、稳定扩大就业", 20),  # 附件1 10件民生实事, each part with 年度目标 and 主办单位
    ("株洲市", 2014, "一、十大工业项目", 26),  # 附件: 十大工业项目、…
])
def test_an_appendix_after_the_glossary_is_not_glossary(city, year, first_part, entries):
    """corpus-raw reports whose glossary is followed by an appendix numbered from 一 again:
    its parts were read as the glossary's, so "年度目标:…" became glossary entries and the
    year's targets were dropped as a glossary's. The appendix line ends the glossary."""
    from reportie.corpus.records import DEFAULT_SHARED_DIR

    text = prepare(read_raw(DEFAULT_SHARED_DIR / f"corpus-raw/prefecture-cities/{city}/{year}.md")).text
    kinds = {s.heading: s.kind for s in find_sections(text)}
    assert kinds[first_part] == "other"
    assert sum(kind == "glossary" for kind in kinds.values()) == 1
    found = dict(gloss_pairs(text))
    assert len(found) == entries and "年度目标" not in found and "主办单位" not in found


def test_glossary_numbered_entries_and_edges():
    # "11.41条…" and "12、4G" are entries 11 and 12 only because 10 comes before them
    raw = BODY + ("**名词解释**\n\n10．三重两大一保障：“三重”是指加快重大基础设施建设。\n\n"
                  "11.41条超常规举措：《关于进一步采取超常规举措奋力完成全年经济发展目标的实施方案》。\n\n"
                  "12、4G：第四代移动通信技术。\n\n"
                  "[^2]: 一手打伞、一手干活：“打伞”表示做好疫情常态防控，“干活”表示推动经济社会发展。\n\n"
                  "〔36〕“四好农村路”：即把农村公路建好、管好、护好、运营好。\n")
    assert gloss(raw) == [
        ("三重两大一保障", "“三重”是指加快重大基础设施建设"),
        ("41条超常规举措", "《关于进一步采取超常规举措奋力完成全年经济发展目标的实施方案》"),
        ("4G", "第四代移动通信技术"),
        ("一手打伞、一手干活", "“打伞”表示做好疫情常态防控,“干活”表示推动经济社会发展"),
        ("四好农村路", "即把农村公路建好、管好、护好、运营好"),
    ]


def test_glossary_two_entries_on_one_line_and_circled_numbers():
    raw = BODY + ("名词解释\n\n11.“四县一山”：九江县、星子县、湖口县、瑞昌市和庐山。12.“两声三乱”：麻将声、鞭炮声，乱停、乱放、乱摆。\n\n"
                  "13.“三个一”工程：招商引资是“一号工程”。\n")
    assert [t for t, _ in gloss(raw)] == ["四县一山", "两声三乱", "“三个一”工程"]
    assert gloss(raw)[1] == ("两声三乱", "麻将声、鞭炮声,乱停、乱放、乱摆")
    # ①…⑨ become bare digits under NFKC: an entry number only where it is the one due
    circled = BODY + "名词解释\n\n" + "".join(f"{chr(0x2460 + i)}第{i + 1}条:定义{i + 1}。\n\n" for i in range(8)) + (
        "⑨一路五桥：吉泰走廊区域105国道改道。\n\n⑩三馆一站：图书馆、文化馆、博物馆和乡镇综合文化站。\n\n"
        "11五大发展理念：党的十八届五中全会提出的创新发展、协调发展、绿色发展、开放发展、共享发展。\n")
    assert [t for t, _ in gloss(circled)][7:] == ["第8条", "一路五桥", "三馆一站", "五大发展理念"]


def test_glossary_term_alone_on_its_line_and_period_separator():
    raw = BODY + ("部分用语说明\n\n15.四水四定\n\n以水定城、以水定地、以水定人、以水定产。\n\n"
                  "16.两清零一提标\n\n城市建成区雨污合流管网基本清零、城市建成区黑臭水体动态清零。\n\n"
                  "1.三量齐升。经济总量、人均均量和运行质量的同步提升。\n")
    assert gloss(raw) == [("四水四定", "以水定城、以水定地、以水定人、以水定产"),
                          ("两清零一提标", "城市建成区雨污合流管网基本清零、城市建成区黑臭水体动态清零"),
                          ("三量齐升", "经济总量、人均均量和运行质量的同步提升")]


def test_glossary_unnumbered_entries_and_where_it_ends():
    raw = BODY + ("【名词解释】\n\n田园综合体：集现代农业、休闲旅游、田园社区为一体的特色小镇和乡村综合发展模式。\n\n"
                  "三社：社区、社会组织、社工。\n\n附件1\n\n2018年云浮市十件民生实事\n\n"
                  "提高标准：城镇低保对象补差水平提高。\n")
    assert gloss(raw) == [("田园综合体", "集现代农业、休闲旅游、田园社区为一体的特色小镇和乡村综合发展模式"),
                          ("三社", "社区、社会组织、社工")]
    chrome = BODY + "名词解释\n\n三社：社区、社会组织、社工。\n\n---\n\n来源：市政府办公室\n\n责任编辑：张三\n"
    assert gloss(chrome) == [("三社", "社区、社会组织、社工")]


def test_glossary_rule_replaces_model_gloss_spans_in_its_section():
    from reportie.components.glossary import GlossaryFinder
    from reportie.pipeline import build_rules_pipeline

    nlp = build_rules_pipeline()
    raw = BODY + "名词解释\n\n1.“六稳”：稳就业、稳金融、稳外贸、稳外资、稳投资、稳预期。\n"
    doc = nlp.make_doc(prepare(raw).text)
    start = doc.text.index("六稳")
    wrong = doc.char_span(start - 1, start + 3, label="GLOSS_TERM", alignment_mode="expand")
    target = doc.char_span(0, doc.text.index("3%") + 2, label="TARGET", alignment_mode="expand")
    doc.spans["sc"] = [target, wrong]
    doc = GlossaryFinder()(doc)
    got = sorted((s.label_, s.text) for s in doc.spans["sc"])
    assert got == [("GLOSS_DEF", "稳就业、稳金融、稳外贸、稳外资、稳投资、稳预期"), ("GLOSS_TERM", "六稳"), ("TARGET", target.text)]


def test_money_rule_can_replace_the_models_amounts(rules_nlp):
    import spacy

    text = "总投资\n6.77亿元\n2022年启动"
    for replace, expected in ((False, ["亿元"]), (True, ["6.77亿元"])):
        nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"@tokenizers": "reportie.Tokenizer.v1"}}})
        nlp.add_pipe("reportie_money_rules", config={"replace_model": replace})
        doc = nlp.make_doc(text)
        doc.set_ents([doc.char_span(text.index("亿元"), text.index("亿元") + 2, label="MONEY")])  # a model's miss
        assert [e.text for e in nlp.get_pipe("reportie_money_rules")(doc).ents] == expected


def test_model_gloss_spans_outside_the_glossary_section_are_dropped(rules_nlp):
    from reportie.labels import SPANS_KEY

    text = prepare(seed("000")).text
    doc = rules_nlp.make_doc(text)
    running = text.index("四个不摘")  # in running text, before the glossary
    doc.spans[SPANS_KEY] = [doc.char_span(running, running + 4, label="GLOSS_TERM")]
    doc = rules_nlp.get_pipe("reportie_glossary")(doc)
    glossary_start = next(s.start for s in find_sections(text) if s.kind == "glossary")
    spans = doc.spans[SPANS_KEY]
    assert spans and all(s.start_char >= glossary_start for s in spans if s.label_.startswith("GLOSS"))


def test_project_filter_drops_counts_and_classes_but_keeps_names():
    """ANNOTATION.md "Not PROJECT": a count or a class phrase the model took for a name is
    dropped, and so is a bare capacity; names with an identifying element stay (spans from
    seeds 000 and 002)."""
    import spacy

    from reportie.components.projects import ProjectFilter

    text = prepare(seed("000")).text + prepare(seed("002")).text
    nlp = spacy.blank("zh")
    phrases = ["水毁堤防修复工程", "9个重点项目", "72个省市重点项目", "金卢水库", "年产30万吨", "兴振科技年产3万吨有机硅新材料"]
    doc = nlp.make_doc(text)
    ents = []
    for phrase in phrases:
        start = text.index(phrase)
        ents.append(doc.char_span(start, start + len(phrase), label="PROJECT", alignment_mode="expand"))
    doc.set_ents(ents)
    kept = [e.text for e in ProjectFilter()(doc).ents]
    assert sorted(kept) == sorted(["水毁堤防修复工程", "金卢水库", "兴振科技年产3万吨有机硅新材料"])


def test_project_filter_drops_regions():
    """ANNOTATION.md "Not PROJECT": bare places. Regions named in the 惠州市 report are places,
    whatever is built in them; a park being built there (产业园) stays a name."""
    from reportie.components.projects import is_generic_project

    text = prepare(read_raw(next(p for p in REPORTS if "惠州市" in p.name))).text
    regions = ["深圳都市圈", "惠州空港经济区"]
    assert all(region in text for region in regions)
    assert all(is_generic_project(region) for region in regions)
    assert not is_generic_project("多向模锻智能产业园") and not is_generic_project("城乡交通一体化")


def test_project_filter_drops_a_bare_daily_capacity():
    """A capacity alone names no project, daily as well as yearly: the model's
    日处理污水6万吨 (高阳县 2018) goes, a plant with its capacity stays."""
    from reportie.components.projects import is_generic_project

    text = prepare(read_raw(next(p for p in REPORTS if "高阳县_2018" in p.name))).text
    assert "日处理污水6万吨" in text
    assert is_generic_project("日处理污水6万吨") and is_generic_project("年产30万吨")
    assert not is_generic_project("日处理645吨的建筑垃圾再生利用中心")


def test_project_list_siblings_follow_annotation_md():
    """Once one item of an "A、B、C等项目" list is a PROJECT, the others are too; the shared
    head and a leading investment phrase stay outside (lists from seeds 000 and 001)."""
    from reportie.components.projects import list_items

    text = prepare(seed("000")).text
    first = "河洛(卢氏)康养度假区"
    start = text.index(first + "、莘川坊")
    found = [text[a:b] for a, b, _ in list_items(text, [(start, start + len(first))])]
    assert found == ["莘川坊商旅文化综合体", "长征国家文化公园河南卢氏段",
                     "双龙湾风景区5G智慧景区建设及基础设施提升改造工程", "中州自在谷"]
    assert list_items(text, []) == []

    text = prepare(seed("001")).text
    first = "凤凰山引水工程"
    start = text.index(first + "、投资3.5亿元")
    assert [text[a:b] for a, b, _ in list_items(text, [(start, start + len(first))])] == ["云龙山一期"]


def test_unanchored_project_lists_start_after_the_lead_verbs():
    """Without a model anchor, every 等…项目 list gives its items; the first starts after the
    lead verbs (重点推进), and a first item after other words is left out (seed 001)."""
    from reportie.components.projects import list_items

    text = prepare(seed("001")).text
    clause = "重点推进诚德能源年产1000台超低温压力容器、鑫源制管年产50000吨精密滤水管等项目"
    start = text.index(clause)
    found = [(a, b) for a, b, _ in list_items(text, [], anchored=False) if start <= a < start + len(clause)]
    assert [text[a:b] for a, b in found] == ["诚德能源年产1000台超低温压力容器", "鑫源制管年产50000吨精密滤水管"]
    assert list_items(text, [], anchored=True) == []


def test_glossary_rule_leaves_a_closing_page_reference_out(reports_by_id):
    """DECISIONS.md: page references (见第2页) and the final 。 are outside GLOSS_DEF."""
    text = prepare(reports_by_id["hebei-fuping-2022"].text).text
    found = dict(zip(*[[text[s:e] for s, e, label in find_glossary(text) if label == kind]
                       for kind in ("GLOSS_TERM", "GLOSS_DEF")]))
    assert found["四个不摘"].endswith("摘帽不摘监管,防止贫困反弹")


def _model_output(nlp, text, spans):
    """A doc of ``text`` carrying ``spans`` (label, start, end) as a model's layer B."""
    from reportie.labels import SPANS_KEY

    doc = nlp.make_doc(text)
    doc.spans[SPANS_KEY] = [doc.char_span(s, e, label=label) for label, s, e in spans]
    return doc


def _gold_in_prepared(report, label, where):
    prepared = prepare(report.text)
    gold = next(s for s in report.spans if s.label == label and where(s.text))
    return prepared.text, prepared.from_raw(gold.start, gold.end)


def test_glossary_edges_extend_a_definition_cut_at_its_first_sentence(reports_by_id, rules_nlp):
    """The model often ends a definition of several sentences at its first 。 (seen on
    corpus-raw); the entry, and so GLOSS_DEF, runs to the end of its line (兴山县, 2024)."""
    from reportie.components.glossary import fit_definitions

    text, (start, end) = _gold_in_prepared(reports_by_id["hubei-xingshan-2024"], "GLOSS_DEF", lambda t: "。" in t)
    term_end = text.rindex(":", 0, start)
    cut = text.index("。", start)
    inside = text.index("医保", cut)  # a layer-B span the longer definition covers
    doc = fit_definitions(_model_output(rules_nlp, text, [("GLOSS_TERM", text.rindex(".", 0, term_end) + 1, term_end),
                                                          ("GLOSS_DEF", start, cut), ("TARGET", inside, inside + 2)]))
    assert sorted((s.label_, s.start_char, s.end_char) for s in doc.spans["sc"])[0] == ("GLOSS_DEF", start, end)
    assert [s.label_ for s in doc.spans["sc"]].count("TARGET") == 0


def test_glossary_edges_stop_before_the_next_entry_and_add_a_missing_definition(rules_nlp):
    """Two entries on one line (seed 004): each definition ends at the 。 before the next
    term; a term followed by a colon whose definition the model missed gets one."""
    from reportie.components.glossary import fit_definitions, glossary_sections

    text = prepare(seed("004")).text
    first = text.index("四美乡村", glossary_sections(text)[0][0])
    second = text.index("放管服效", first)
    assert "\n" not in text[first:second]
    doc = fit_definitions(_model_output(rules_nlp, text, [("GLOSS_TERM", first, first + 4),
                                                          ("GLOSS_DEF", first + 5, text.index("、", first)),
                                                          ("GLOSS_TERM", second, second + 4)]))
    defs = [s.text for s in doc.spans["sc"] if s.label_ == "GLOSS_DEF"]
    assert defs[0] == "指农村环境美、田园美、村庄美、庭院美"
    assert len(defs) == 2 and defs[1] == dict(pairs("004"))["放管服效"]


def test_slogan_filter_drops_plan_periods_and_quoted_categories_but_keeps_formulas(rules_nlp):
    """ANNOTATION.md "Not SLOGAN": plan periods (“十四五”, “八五”普法), incident codes
    (“7.24”), statistical categories (“四上”企业) and nicknames of measure packages
    (“人才科技政策30条”) go; coined formulas stay (seed 000)."""
    from reportie.components.slogans import drop_excluded_slogans

    text = prepare(seed("000")).text
    doc = rules_nlp.make_doc(text)
    quoted = ["十四五", "八五", "7.24", "四上", "人才科技政策30条", "专精特新", "一岗双责", "四个不摘"]
    starts = [text.index(f"“{phrase}”") + 1 for phrase in quoted]
    doc.set_ents([doc.char_span(s, s + len(p), label="SLOGAN") for s, p in zip(starts, quoted)])
    assert [e.text for e in drop_excluded_slogans(doc).ents] == ["四个不摘", "一岗双责"]


def test_glossary_fill_adds_the_entries_the_model_missed_without_overlap(rules_nlp):
    """With ``fill``, the rule's entries that touch no model span join the model's (seed 004):
    the model's term gets its definition from fitting, the rule adds the other entries,
    nothing overlaps."""
    from reportie.components.glossary import fill_entries, find_glossary, fit_definitions, glossary_sections

    text = prepare(seed("004")).text
    first = text.index("四美乡村", glossary_sections(text)[0][0])
    doc = fill_entries(fit_definitions(_model_output(rules_nlp, text, [("GLOSS_TERM", first, first + 4)])))
    got = sorted((s.start_char, s.end_char, s.label_) for s in doc.spans["sc"])
    rule = sorted(find_glossary(text))
    assert got == rule and len(rule) > 20
    assert all(a[1] <= b[0] for a, b in zip(got, got[1:]))


def _ents(nlp, text, phrases, label="PROJECT"):
    """A Doc of ``text`` with ``phrases`` (each found after the previous one) as entities."""
    doc = nlp.make_doc(text)
    ents, position = [], 0
    for phrase in phrases:
        start = text.index(phrase, position)
        ents.append(doc.char_span(start, start + len(phrase), label=label))
        position = start + len(phrase)
    doc.set_ents(ents)
    return doc


def test_project_filter_cuts_the_shared_head_of_a_coordination(rules_nlp):
    """DECISIONS.md: in "A和B项目" the 项目 is shared and belongs to neither item, as the
    gold of seed 000 has it; after "A工程及", B项目 keeps its own head, and a count class
    (三大新能源项目) is no name at all."""
    from reportie.components.projects import ProjectFilter, is_generic_project

    text = prepare(seed("000")).text
    model = ["县医院医技综合楼", "心血管医院影像中心综合楼项目", "官道口南幽村水果连体大棚", "将军山特色水果产业园冷库项目",
             "金卢水库工程", "抽水蓄能项目"]
    kept = [e.text for e in ProjectFilter()(_ents(rules_nlp, text, model)).ents]
    assert kept == ["县医院医技综合楼", "心血管医院影像中心综合楼", "官道口南幽村水果连体大棚", "将军山特色水果产业园冷库",
                    "金卢水库工程", "抽水蓄能项目"]
    assert is_generic_project("三大新能源项目") and not is_generic_project("十宜高速兴山段")


def test_project_filter_trims_the_clause_around_a_name(rules_nlp):
    """ANNOTATION.md: a name keeps neither the investment phrase and verb before it (its own
    example: 成功签约总投资百亿元的河洛(卢氏)康养度假区项目) nor status words after it
    (西漯快速路全线贯通); a capacity joined by 的 stays (日处理300吨的生活垃圾焚烧处理厂,
    seed 000's glossary). Spans that took the clause are cut, names are left alone."""
    from reportie.components.projects import ProjectFilter, name_edges

    text = prepare(seed("000")).text + "\n" + prepare(seed("004")).text
    model = ["成功签约总投资百亿元的河洛(卢氏)康养度假区项目", "日处理300吨的生活垃圾焚烧处理厂", "西漯快速路全线贯通"]
    doc = _ents(rules_nlp, text, model)
    assert [e.text for e in ProjectFilter()(doc).ents] == ["河洛(卢氏)康养度假区项目", "日处理300吨的生活垃圾焚烧处理厂", "西漯快速路"]
    for clause, name in [("启动建设内陆港铁路专用线延伸项目", "内陆港铁路专用线延伸项目"),
                         ("抽水蓄能项目首台机组并网发电", "抽水蓄能项目"),
                         ("华北地区年单产能力最大的圣霖刨花板项目", "圣霖刨花板项目"),
                         ("及陕京输气管线沿线城市花园工程", "陕京输气管线沿线城市花园工程"),
                         ("漳州核电1号机组投入商业运行", "漳州核电1号机组"),  # corpus-raw, the largest-projects query
                         ("百利良焦炉煤气综合利用项目试生产", "百利良焦炉煤气综合利用项目"),
                         ("三明郊野国家地质公园揭碑开园", "三明郊野国家地质公园")]:
        start, end = name_edges(clause, 0, len(clause))
        assert clause[start:end] == name
    for name in ("华能260兆瓦光伏发电", "韩美生物科技免疫佐剂及银耳异聚多糖生产"):  # gold names: 发电, 生产 name the plant
        assert name_edges(name, 0, len(name)) == (0, len(name))


def test_span_edges_trim_separators_and_unmatched_quotes(rules_nlp):
    """ANNOTATION.md: no span keeps the punctuation around it. A separator (、), a lone
    quotation mark or a pair enclosing the whole span goes; quotes inside a span
    (“三个一批”项目) stay; a span of punctuation alone is dropped (seed 000)."""
    from reportie.components.edges import SpanEdges, trimmed

    text = prepare(seed("000")).text
    doc = _ents(rules_nlp, text, ["疫情要防住、", "“项目为王”", "“三个一批”项目", "结对帮扶日”"], label="SLOGAN")
    assert [e.text for e in SpanEdges()(doc).ents] == ["疫情要防住", "项目为王", "“三个一批”项目", "结对帮扶日"]
    comma = text.index("、")
    assert trimmed(text, comma, comma + 1) == (comma + 1, comma + 1)
    noted = text.index("四个不摘”[1]")  # the closing quote and the footnote marker go
    assert text[slice(*trimmed(text, noted, noted + len("四个不摘”[1]")))] == "四个不摘"


def test_review_filter_keeps_targets_of_the_plan_only(rules_nlp):
    """ANNOTATION.md: past results are no targets, and no gold target lies in a glossary. Of
    three TARGET-shaped spans in seed 000 (the review, the plan, the glossary), the plan's stays."""
    from reportie.components.targets import ReviewFilter

    text = prepare(seed("000")).text
    phrases = ["规上工业增加值同比增长9.4%", "地区生产总值增长8.5%以上", "授粉蜂4个中心"]
    assert text.index(phrases[0]) < text.index("2023年工作总体要求") < text.index(phrases[1]) < text.index("名词解释")
    doc = rules_nlp.make_doc(text)
    spans = []
    for phrase in phrases:
        start = text.index(phrase)
        spans.append(doc.char_span(start, start + len(phrase), label="TARGET", alignment_mode="expand"))
    doc.spans["sc"] = spans
    assert [s.text for s in ReviewFilter()(doc).spans["sc"]] == ["地区生产总值增长8.5%以上"]


def test_slogan_filter_drops_scare_quotes(rules_nlp):
    """ANNOTATION.md "Not SLOGAN": scare quotes (its own example, “中梗阻”). A quoted phrase
    naming a problem (…现象, …问题, after 防止/严打) goes when the model takes it for a 提法;
    formulas stay, even before 问题 (seeds 000, 002 and 004)."""
    from reportie.components.slogans import drop_excluded_slogans, is_scare_quote

    def at(text, phrase):
        start = text.index(f"“{phrase}”") + 1
        return start, start + len(phrase)

    text = prepare(seed("000")).text
    assert is_scare_quote(text, *at(text, "中梗阻"))
    assert is_scare_quote(prepare(seed("002")).text, *at(prepare(seed("002")).text, "急难愁盼"))
    assert is_scare_quote(prepare(seed("004")).text, *at(prepare(seed("004")).text, "大班额"))
    doc = rules_nlp.make_doc(text)
    doc.set_ents([doc.char_span(*at(text, p), label="SLOGAN") for p in ("项目为王", "三个一批", "中梗阻")])
    assert sorted(e.text for e in drop_excluded_slogans(doc).ents) == ["三个一批", "项目为王"]
