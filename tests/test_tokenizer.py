import pytest
import spacy
from spacy.util import registry

from reportie.tokenizer import ReportieTokenizer, refine

# (text, tokens that must be cut out exactly): every entity edge of ANNOTATION.md's
# examples must be a token edge.
EDGE_CASES = [
    ("完成投资217亿元,占年度投资计划的150%", ["217", "亿元"]),
    ("严格落实“四个不摘”[1],建立", ["“", "”", "[", "1", "]"]),
    ("加强“1+7+N”县域商贸体系建设", ["1", "+", "7", "N"]),
    ("确保河南新能硅业低铁石英砂(二期)、卢氏县杜关镇", ["(", ")", "、"]),
    ("地区生产总值增长8.5%以上,规上工业增加值", ["8.5%", ","]),
]


@pytest.fixture(scope="module")
def tokenizer():
    return ReportieTokenizer(spacy.blank("zh").vocab)


def test_refine_cuts_at_class_changes():
    assert list(refine(["投资217亿元", "“四个不摘”[1]"])) == ["投资", "217", "亿元", "“", "四个不摘", "”", "[", "1", "]"]


@pytest.mark.parametrize("text,pieces", EDGE_CASES)
def test_entity_edges_are_token_edges(tokenizer, text, pieces):
    doc = tokenizer(text)
    assert doc.text == text
    tokens = [t.text for t in doc]
    for piece in pieces:
        assert piece in tokens, f"{piece!r} not a token in {tokens}"


@pytest.mark.parametrize(
    "text,span",
    [
        ("成功签约总投资百亿元的河洛(卢氏)康养度假区项目", "百亿元"),
        ("新签约亿元以上项目40个", "亿元"),
        ("总投资24亿元的易成阳光锂电池项目一期竣工投产", "易成阳光锂电池项目一期"),
    ],
)
def test_money_and_project_edges(tokenizer, text, span):
    doc = tokenizer(text)
    start = text.index(span)
    assert doc.char_span(start, start + len(span)) is not None, [t.text for t in doc]


def test_tokenizer_is_registered_and_serialises(tmp_path):
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"@tokenizers": "reportie.Tokenizer.v1"}}})
    assert registry.tokenizers.get("reportie.Tokenizer.v1")
    text = "全县地区生产总值140亿元,同比增长5.6%"
    expected = [t.text for t in nlp(text)]
    nlp.to_disk(tmp_path / "pipe")
    assert (tmp_path / "pipe" / "tokenizer" / "pkuseg_model" / "weights.npz").is_file()
    reloaded = spacy.load(tmp_path / "pipe")
    assert [t.text for t in reloaded(text)] == expected
    copy = ReportieTokenizer(nlp.vocab, segmenter="char").from_bytes(nlp.tokenizer.to_bytes())
    assert copy.segmenter == "pkuseg" and [t.text for t in copy(text)] == expected


def test_char_segmenter_and_bad_segmenter():
    vocab = spacy.blank("zh").vocab
    assert [t.text for t in ReportieTokenizer(vocab, segmenter="char")("六稳")] == ["六", "稳"]
    with pytest.raises(ValueError):
        ReportieTokenizer(vocab, segmenter="jieba")


def test_missing_model_gives_a_clear_error(tmp_path):
    with pytest.raises(FileNotFoundError, match="no pkuseg model"):
        ReportieTokenizer(spacy.blank("zh").vocab, pkuseg_model=str(tmp_path))


# Real report sentences where pkuseg glued an entity edge to its neighbour; the gold span
# (corpus/annotations/gold) must come out as whole tokens.
GLUED_EDGES = [
    # a governing verb glued to 县/市 that starts the object (推进县, 实施县, 安排市, 投用县)
    ("加快推进县福利养老服务中心建设和殡仪馆搬迁。", "县福利养老服务中心"),
    ("全年实施县以上重点项目不少于50个,其中纳入省市重点不少于20个。", "县以上重点项目不少于50个"),
    ("安排市以上重点项目599项,总投资5942亿元", "市以上重点项目599项"),
    ("建成投用县疾控检验检测中心,加快撒莲县域医疗卫生次中心建设", "县疾控检验检测中心"),
    # other governing and modal verbs glued to a name
    ("储备力达阳极管束等亿元项目20个。", "力达阳极管束"),
    ("持续跟踪服务美联地产乡村振兴示范区综合开发、兴振科技年产3万吨有机硅新材料等重点项目落地开工。", "美联地产乡村振兴示范区综合开发"),
    ("努力消除村集体收入5万元以下的村,村集体收入10万元以上的村达到50%以上", "消除村集体收入5万元以下的村"),
    ("高标准规划好、建设好、运营好雄清片林和白洋淀大道景观带", "雄清片林"),
    # list particles and conjunctions glued to a name
    ("加快推进棠溪服装城等专业市场升级改造", "棠溪服装城"),
    ("推动京雄保国际智慧港及“一带一路”商品展示展销中心等项目建设", "京雄保国际智慧港"),
    ("实施雄德线、徐新公路及西张庄至大河公路改建项目", "西张庄至大河公路"),
    ("完成永茂大街贯通、平安路改造和范蠡路提升工程", "范蠡路提升"),
    # the copula of a glossary definition
    ("“八景”指鸭仔塘溪流域生态修复和景观提升工程、宁远河流域生态修复和景观提升工程", "鸭仔塘溪流域生态修复和景观提升工程"),
    ("“十一村”指南山村景村融合示范村、梅联社区休闲旅游示范村", "南山村景村融合示范村"),
    ("主要是指日处理300吨的生活垃圾焚烧处理厂、日处理30吨的餐厨垃圾处理厂", "日处理300吨的生活垃圾焚烧处理厂"),
    # status words, activity words, segments, bypasses and counts after a name
    ("投资10亿元的泽龙国际教育城进展顺利", "泽龙国际教育城"),
    ("续鲁、磨里2个农村生活污水处理站试运行。", "续鲁、磨里2个农村生活污水处理站"),
    ("加快推进新安二高建设,实现顺利搬迁。", "新安二高"),
    ("育贤中学按计划节点推进", "育贤中学"),
    ("鹅城大桥主桥合龙,南山快速路北段、中段隧道贯通。", "南山快速路"),
    ("推进津保南线、保沧线绕县城项目和县城东外环建设", "保沧线"),
    ("力争格瑞机械球铰链、华北汽车白车身两个省重点项目年内具备试生产条件", "华北汽车白车身"),
    # a place name's 县/市 glued to the next word
    ("完成博乐市、精河县室内滑冰场和温泉县冰雪主题展览馆建设", "精河县"),
    # a glossary entry number glued to a term that starts with digits
    ("24.17110工作制度:指市委提出的重点工作推进机制", "17110工作制度"),
]


@pytest.mark.parametrize("text,span", GLUED_EDGES)
def test_glued_entity_edges_are_cut(tokenizer, text, span):
    doc = tokenizer(text)
    assert doc.text == text
    start = text.index(span)
    assert doc.char_span(start, start + len(span)) is not None, [t.text for t in doc]


def test_particles_stay_inside_their_words():
    assert list(refine(["以及", "平等", "和谐", "及时", "城等", "港及", "和范", "县城", "市场", "县室"])) == [
        "以及", "平等", "和谐", "及时", "城", "等", "港", "及", "和", "范", "县城", "市场", "县", "室"]


def test_a_line_initial_decimal_amount_is_not_cut_as_an_entry_number(tokenizer):
    """安国 2022's project table: "总投资\n6.77亿元" is an amount, while "24.17110工作制度" in a
    glossary is entry 24 glued to its term."""
    doc = tokenizer("3健康食品产业园项目。\n总投资\n6.77亿元\n2022年启动\n24.17110工作制度:指")
    assert "6.77" in [t.text for t in doc]
    start = doc.text.index("17110")
    assert doc.char_span(start, start + len("17110工作制度")) is not None
