import json

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


def test_evaluate_reports_missing_gold_with_exit_2(tmp_path):
    result = runner.invoke(app, ["evaluate", str(tmp_path / "none.jsonl")])
    assert result.exit_code == 2
