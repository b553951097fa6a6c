"""Report metadata: the meeting line, the title, and the division table for what they omit."""

import pytest

from reportie.corpus.dataset import load_train_only
from reportie.corpus.records import DEFAULT_SHARED_DIR, GOLD_DIR, load_reports, read_raw
from reportie.meta import find_meta
from reportie.places import locate
from reportie.textprep import prepare

from .conftest import seed

# The two gold texts that state neither their place nor their year (they begin at 各位代表 or
# at the review): their fields stay unknown, not guessed.
UNSTATED = {"hebei-rongcheng-2020", "henan-xinan-2024"}


def meta_of(text):
    return find_meta(prepare(text).text)


def test_meta_of_every_annotated_report_matches_its_record():
    records = [*load_reports(), *load_train_only(), *load_reports([GOLD_DIR.parent / "held-back"])]
    assert len(records) == 206
    for record in records:
        meta = meta_of(record.text)
        found = (meta.province, meta.city, meta.county, meta.year)
        if record.id in UNSTATED:
            assert found == (None, None, None, None), record.id
        else:
            expected = tuple(record.meta[k] for k in ("province", "city", "county", "year"))
            assert found == expected, record.id


@pytest.mark.parametrize("prefix,year,county", [("000", 2023, "卢氏县"), ("001", 2022, "凤泉区"),
                                                 ("002", 2024, "兴山县"), ("003", 2022, "绛县"), ("004", 2022, "西平县")])
def test_meta_from_meeting_line(prefix, year, county):
    meta = meta_of(seed(prefix))
    assert (meta.year, meta.county) == (year, county)


def test_a_county_report_gets_its_prefecture_and_province_from_the_division_table():
    meta = meta_of(seed("000"))  # the text names 卢氏县 only
    assert (meta.province, meta.city, meta.county) == ("河南省", "三门峡市", "卢氏县")


def raw(city, year):
    return read_raw(DEFAULT_SHARED_DIR / f"corpus-raw/prefecture-cities/{city}/{year}.md")


@pytest.mark.parametrize("city,file_year,expected", [
    # "——2023年1月6日丹东市第十七届人民代表大会第二次会议通过": no 在, 通过 for 上
    ("丹东市", 2023, ("辽宁省", "丹东市", 2023)),
    # "——二〇二三年一月四日在商丘市…": the date in Chinese numerals
    ("商丘市", 2023, ("河南省", "商丘市", 2023)),
    # "——在哈密市第二届人民代表大会第一次会议上", the date on a line of its own below it
    ("哈密市", 2022, ("新疆维吾尔自治区", "哈密市", 2022)),
    # "在自治州第十五届…" names nothing; the title's 巴音郭楞蒙古自治州 stands
    ("巴音郭楞蒙古自治州", 2023, ("新疆维吾尔自治区", "巴音郭楞蒙古自治州", 2023)),
    # "恩施州政府工作报告", "在州九届人大二次会议上": the short name and the short meeting form
    ("恩施土家族苗族自治州", 2023, ("湖北省", "恩施土家族苗族自治州", 2023)),
    # a meeting in December: the year is the meeting's, not the file's
    ("日喀则市", 2023, ("西藏自治区", "日喀则市", 2022)),
])
def test_meta_of_scraped_prefecture_reports(city, file_year, expected):
    meta = meta_of(raw(city, file_year))
    assert (meta.province, meta.city, meta.year) == expected
    assert meta.county is None


def test_a_county_level_city_is_the_county_of_its_prefecture():
    assert locate("安国市", None, "") == locate(None, "安国市", "")
    place = locate("安国市", None, "")
    assert (place.province, place.city, place.county) == ("河北省", "保定市", "安国市")


def test_an_ambiguous_district_resolves_only_through_the_text():
    assert locate(None, "朝阳区", "").province is None  # 北京 and 长春 both have one
    place = locate(None, "朝阳区", "在长春市委、市政府的坚强领导下")
    assert (place.province, place.city, place.county) == ("吉林省", "长春市", "朝阳区")
    place = locate(None, "朝阳区", "北京市朝阳区")
    assert (place.province, place.city) == ("北京市", "北京市")


def test_unknown_names_come_back_as_given():
    place = locate("雄安新区", None, "")
    assert (place.province, place.city, place.county) == (None, "雄安新区", None)


def without_scraped_title(text):
    return text.split("---", 2)[2]


@pytest.mark.parametrize("city,year,speaker", [
    ("七台河市", 2022, "李兵"),                # the name alone on the line under the meeting line
    ("宝鸡市", 2023, "王勇"),                  # 市长：王勇
    ("双鸭山市", 2020, "郑大光"),              # **市长 郑大光** (markdown bold)
    ("哈密市", 2023, "吾拉木江·热依木"),        # a transliterated name joined by ·
    ("宜春市", 2023, "严允"),                  # 市长 严允作政府工作报告
])
def test_speaker_from_the_report_body(city, year, speaker):
    assert meta_of(without_scraped_title(raw(city, year))).speaker == speaker


def test_speaker_from_the_scraped_title_when_the_body_has_none():
    text = raw("吴忠市", 2020)  # the body gives the meeting line, no name
    assert meta_of(without_scraped_title(text)).speaker is None
    assert meta_of(text).speaker == "喜清江"


def test_divisions_changed_after_the_table_and_renamed_counties():
    assert locate("那曲市", None, "").province == "西藏自治区"  # 那曲地区 until 2017
    # 莱芜市 merged into 济南市 in 2019: its 钢城区 resolves through the prefecture the text names
    assert locate(None, "钢城区", "").city is None
    assert locate(None, "钢城区", "济南市钢城区人民政府").city == "济南市"
    assert locate(None, "钢城区", "莱芜市委、市政府").city == "莱芜市"
    place = locate(None, "邵东市", "")  # 邵东县 until 2019: found by its stem, named as given
    assert (place.province, place.city, place.county) == ("湖南省", "邵阳市", "邵东市")


def test_the_salutation_under_the_meeting_line_is_no_speaker():
    text = prepare(without_scraped_title(raw("商丘市", 2023))).text
    meeting_end = text.index("会议上") + len("会议上")
    salutation_only = text[:meeting_end] + "\n各位代表\n" + text[text.index("现在"):]
    assert "摆向阳" not in salutation_only[:meeting_end + 10]
    assert find_meta(salutation_only).speaker != "各位代表"
