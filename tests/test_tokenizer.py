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
