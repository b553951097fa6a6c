"""The layer-B suggester proposes few candidates and reaches the gold spans."""

from reportie.corpus.docbin import Alignment, report_docs
from reportie.pipeline import build_rules_pipeline
from reportie.suggester import build_clause_suggester, candidate_spans, coverage


def test_candidates_cover_gold_layer_b_of_a_report(reports_by_id):
    nlp = build_rules_pipeline()
    docs = report_docs(nlp, reports_by_id["henan-lushi-2023"], Alignment())
    candidates, total, covered = coverage(docs)
    assert total["TARGET"] > 40 and total["GLOSS_TERM"] > 10
    assert all(covered[label] / total[label] >= 0.95 for label in total), (covered, total)
    assert candidates / sum(len(doc) for doc in docs) < 2.5


def test_a_target_clause_and_a_glossary_line():
    nlp = build_rules_pipeline()
    doc = nlp.make_doc("确保城镇调查失业率控制在5.5%以内,粮食产量稳定。\n4.四好农村路:即把农村公路建好、管好。")
    texts = {doc[a:b].text for a, b in candidate_spans(doc)}
    assert "城镇调查失业率控制在5.5%以内" in texts
    assert {"四好农村路", "即把农村公路建好、管好"} <= texts
    assert "粮食产量稳定" not in texts  # no number, no colon: never a layer-B candidate


def test_registered_suggester_returns_ragged_per_doc():
    nlp = build_rules_pipeline()
    docs = [nlp.make_doc("地区生产总值增长8.5%以上"), nlp.make_doc("")]
    ragged = build_clause_suggester()(docs)
    assert ragged.lengths.tolist()[1] == 0 and ragged.lengths.tolist()[0] > 0
    assert ragged.dataXd.shape[1] == 2
