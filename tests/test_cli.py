import json
from pathlib import Path

from typer.testing import CliRunner

from reportie.cli import app

from .conftest import EXAMPLE

runner = CliRunner()


def test_parse_prints_json_for_the_bundled_example():
    result = runner.invoke(app, ["parse", str(EXAMPLE)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["meta"]["county"] == "卢氏县" and data["spans"]


def test_parse_jsonl_and_a_missing_file(tmp_path):
    result = runner.invoke(app, ["parse", str(EXAMPLE), str(tmp_path / "nope.txt"), "--format", "jsonl"])
    assert result.exit_code == 1
    lines = [line for line in result.stdout.splitlines() if line.startswith("{")]
    assert len(lines) == 1 and "cannot parse" in result.stderr


def test_parse_a_directory_prints_one_json_array(tmp_path):
    for name in ("a.txt", "b.md", "notes.csv"):
        (tmp_path / name).write_bytes(EXAMPLE.read_bytes())
    result = runner.invoke(app, ["parse", str(tmp_path)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [Path(d["file"]).name for d in data] == ["a.txt", "b.md"]  # .csv is no report suffix
    assert data[0]["spans"] == data[1]["spans"]


def test_parse_reads_standard_input_in_any_encoding():
    text = EXAMPLE.read_text(encoding="utf-8")
    result = runner.invoke(app, ["parse", "-"], input=text.encode("gb18030"))
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["file"] == "-" and data["meta"]["county"] == "卢氏县"
    assert all(text[s["start"]:s["end"]] == s["text"] for s in data["spans"])


def test_parse_an_empty_directory_is_a_usage_error(tmp_path):
    result = runner.invoke(app, ["parse", str(tmp_path)])
    assert result.exit_code == 2 and "no report files" in result.stderr


def test_evaluate_reports_missing_gold_with_exit_2(tmp_path):
    result = runner.invoke(app, ["evaluate", str(tmp_path / "none.jsonl")])
    assert result.exit_code == 2


def test_evaluate_writes_a_readable_report_per_label_county_and_errors(tmp_path):
    from reportie.corpus.records import GOLD_DIR

    gold = GOLD_DIR / "henan-lushi-2023.jsonl"
    md, page, scores = tmp_path / "eval.md", tmp_path / "eval.html", tmp_path / "scores.json"
    result = runner.invoke(app, ["evaluate", str(gold), "--model", "rules", "-o", str(scores),
                                 "--markdown", str(md), "--html", str(page)])
    assert result.exit_code == 0, result.output
    assert "| MONEY |" in result.stdout and "seqeval" in result.stdout
    text = md.read_text(encoding="utf-8")
    assert "## Per county" in text and "| henan-lushi-2023 | 卢氏县 |" in text
    record = json.loads(gold.read_text(encoding="utf-8"))
    missed = json.loads(scores.read_text(encoding="utf-8"))["total"]["per_label"]["PROJECT"]["fn"]
    assert missed > 0  # the rule baseline misses projects, so the report must show some
    project_rows = text.split("### PROJECT")[1].split("###")[0]
    golds = {record["text"][s["start"]:s["end"]] for s in record["spans"] if s["label"] == "PROJECT"}
    shown = [line.split("**")[1] for line in project_rows.splitlines() if "| FN |" in line]
    assert shown and set(shown) <= golds
    assert "<table>" in page.read_text(encoding="utf-8")


def test_error_sample_keeps_both_kinds_of_every_label():
    from reportie.evaluation_report import error_sample

    rows = [{"kind": kind, "label": label, "start": i, "end": i + 1, "text": "x", "left": "", "right": ""}
            for i, (kind, label) in enumerate([("FN", "PROJECT")] * 9 + [("FP", "PROJECT")] * 2 + [("FN", "MONEY")])]
    sample = error_sample(rows, per_kind=3)
    assert [(r["kind"], r["label"]) for r in sample].count(("FN", "PROJECT")) == 3
    assert ("FP", "PROJECT") in {(r["kind"], r["label"]) for r in sample} and len(sample) == 6


def test_error_breakdown_tells_wrong_edges_from_misses():
    from reportie.evaluation_report import error_breakdown

    def row(kind, label, start, end):
        return {"kind": kind, "label": label, "start": start, "end": end}

    rows = [row("FN", "PROJECT", 0, 10), row("FP", "PROJECT", 2, 10),  # found with a shorter start
            row("FN", "PROJECT", 20, 25), row("FP", "SLOGAN", 20, 25),  # other label: still missed
            row("FP", "MONEY", 30, 33)]
    counts = error_breakdown(rows)
    assert counts["PROJECT"] == {"wrong edges": 1, "missed": 1, "spurious": 0}
    assert counts["SLOGAN"]["spurious"] == 1 and counts["MONEY"]["spurious"] == 1
