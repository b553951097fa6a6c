import reportie
from reportie.corpus.records import DEFAULT_SHARED_DIR
from reportie.outcomes import find_outcomes, pair_targets

BAODING = DEFAULT_SHARED_DIR / "corpus-raw" / "prefecture-cities" / "保定市"


def test_targets_of_2021_meet_outcomes_reported_in_2022(rules_nlp):
    reports = list(reportie.parse_many([BAODING / "2021.md", BAODING / "2022.md"], nlp=rules_nlp))
    assert [r.meta.year for r in reports] == [2021, 2022]
    outcomes = find_outcomes(reports[1])
    assert all(reports[1].text[o.start:o.end] == o.text for o in outcomes)
    pairs = {p.indicator_canonical: p for p in pair_targets(reports)}
    gdp = pairs["gdp"]
    assert (gdp.year, gdp.target.value, gdp.target.comparator) == (2021, 8.0, "≥")
    assert gdp.outcome.value == 7.2 and gdp.met is False
    assert pairs["industrial_value_added"].met is True
