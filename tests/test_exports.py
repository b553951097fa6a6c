import json

import duckdb
from typer.testing import CliRunner

import reportie
from reportie.cli import app
from reportie.export import report_rows
from reportie.lexicon import build_lexicon, normalise

from .conftest import SEEDS, seed

runner = CliRunner()


def test_report_rows_keep_offsets_into_the_file(nlp):
    text = seed("000")
    rows = report_rows(reportie.parse(text, nlp=nlp), "lushi")
    assert rows["reports"][0]["county"] == "卢氏县"
    for table in ("money", "slogans", "targets"):
        assert rows[table] and all(text[r["start"]:r["end"]] == r["text"] for r in rows[table])


def test_duckdb_batch_run_resumes_and_answers_sql(tmp_path):
    out = tmp_path / "results.duckdb"
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "missing-link.txt").symlink_to(tmp_path / "nowhere.txt")
    first = runner.invoke(app, ["parse", str(SEEDS[0].parent), "--out", str(out)])
    assert first.exit_code == 0, first.output
    second = runner.invoke(app, ["parse", str(SEEDS[0].parent), "--out", str(out)])
    assert "resuming: 5 files" in second.stderr
    with_bad = runner.invoke(app, ["parse", str(bad / "missing-link.txt"), str(SEEDS[0]), "--out", str(out)])
    assert with_bad.exit_code == 1 and "cannot parse" in with_bad.stderr
    connection = duckdb.connect(str(out))
    assert connection.execute("select count(*) from reports").fetchone()[0] == 5
    gdp = connection.execute("select county, value from targets where indicator_canonical = 'gdp' and unit = '%' "
                             "order by county").fetchall()
    assert ("卢氏县", 8.5) in gdp


def test_jsonl_and_parquet_outputs(tmp_path):
    for name in ("results.jsonl", "results.parquet"):
        result = runner.invoke(app, ["parse", str(SEEDS[0]), str(SEEDS[2]), "--out", str(tmp_path / name)])
        assert result.exit_code == 0, result.output
    lines = (tmp_path / "results.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2 and json.loads(lines[0])["tables"]["money"]
    count = duckdb.connect().execute(f"select count(*) from read_parquet('{tmp_path / 'results.parquet' / 'reports.parquet'}')").fetchone()[0]
    assert count == 2
    assert runner.invoke(app, ["parse", str(SEEDS[0]), "--out", str(tmp_path / "x.csv")]).exit_code == 2


def test_lexicon_meets_scripts_and_links_definitions(nlp):
    assert normalise("萬人助萬企") == normalise("“万人助万企”")
    reports = [(p.name, reportie.parse(p, nlp=nlp)) for p in SEEDS]
    entries = {e["slogan"]: e for e in build_lexicon(reports)}
    assert entries["四个不摘"]["definitions"]
    assert any(len(e["reports"]) >= 2 for e in entries.values())


def test_show_writes_html(tmp_path):
    out = tmp_path / "show.html"
    result = runner.invoke(app, ["show", str(SEEDS[0]), "--html", str(out)])
    assert result.exit_code == 0 and "四个不摘" in out.read_text(encoding="utf-8")


def test_duckdb_column_types_come_from_the_dataclasses_not_the_first_row(tmp_path):
    from reportie.export import TABLES, DuckDBWriter

    writer = DuckDBWriter(tmp_path / "typed.duckdb")
    empty = {table: [] for table in TABLES}
    writer.write("a", {**empty, "projects": [{"report": "a", "name": "X项目", "investment_value": None}]})
    writer.write("b", {**empty, "projects": [{"report": "b", "name": "Y项目", "investment_value": 24e8}],
                       "targets": [{"report": "b", "year": 2023, "value": 8}]})
    writer.write("c", {**empty, "targets": [{"report": "c", "year": None, "value": 8.5, "values": (8.5,)}]})
    writer.write("d", {**empty, "targets": [{"report": "d", "year": None, "value": None, "values": (7.5, 8)}]})
    top = writer.connection.execute("select name from projects order by investment_value desc nulls last").fetchone()
    values = writer.connection.execute("select value from targets order by value").fetchall()
    listed = writer.connection.execute("select list_sum(\"values\") from targets where report = 'd'").fetchone()
    writer.close()
    assert top == ("Y项目",) and values == [(8.0,), (8.5,), (None,)] and listed == (15.5,)


def test_resuming_a_file_without_a_newer_column_adds_it(tmp_path):
    """A DuckDB file written before ``Target.values`` existed: resuming into it adds the
    column (NULL for the old rows) instead of silently dropping the new values."""
    from reportie.export import TABLES, DuckDBWriter

    path = tmp_path / "old.duckdb"
    empty = {table: [] for table in TABLES}
    writer = DuckDBWriter(path)
    writer.write("old", {**empty, "targets": [{"report": "old", "year": 2022, "value": 8.0, "values": (8.0,)}]})
    writer.connection.execute('alter table targets drop column "values"')
    writer.close()
    writer = DuckDBWriter(path)
    writer.write("new", {**empty, "targets": [{"report": "new", "year": 2023, "value": None, "values": (7.5, 8)}]})
    rows = writer.connection.execute('select report, "values" from targets order by report').fetchall()
    writer.close()
    assert rows == [("new", [7.5, 8.0]), ("old", None)]


def test_a_report_whose_parse_raises_is_logged_and_skipped(tmp_path, monkeypatch):
    """A failure inside the pipeline on one report (here: building its Report) must not end
    the batch: the other reports are written and the exit code says one failed."""
    import reportie.api

    build = reportie.api.build_report

    def fragile(prepared, found):
        if "BOOM" in prepared.raw:
            raise RuntimeError("cannot build this one")
        return build(prepared, found)

    monkeypatch.setattr(reportie.api, "build_report", fragile)
    folder = tmp_path / "reports"
    folder.mkdir()
    for name, text in (("a.txt", seed("000")), ("b.txt", "BOOM 总投资24亿元"), ("c.txt", seed("002"))):
        (folder / name).write_text(text, encoding="utf-8")
    out = tmp_path / "results.jsonl"
    result = runner.invoke(app, ["parse", str(folder), "--out", str(out), "--model", "rules"])
    assert result.exit_code == 1
    assert "cannot parse" in result.stderr and "b.txt" in result.stderr
    written = [json.loads(line)["report"] for line in out.read_text(encoding="utf-8").splitlines()]
    assert [name.rsplit("/", 1)[-1] for name in written] == ["a.txt", "c.txt"]
