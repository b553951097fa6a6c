"""Report metadata from the text itself: the meeting line, the title and the speaker line.

The meeting line (``——2023年1月5日在卢氏县第十六届人民代表大会第三次会议上``) is the
authority for the year (shared/README.md: file names and titles can be wrong).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .places import locate

# A year in digits, or in Chinese numerals as many meeting lines write it (二〇二三, 二0二0).
_YEAR = r"(?P<year>(?:19|20)\d\d|[一二][〇○零O0九][〇○零O0一二三四五六七八九\d]{2})"
_NUMBER = r"[\d一二三四五六七八九十]{1,3}"
# "第十六届人民代表大会第三次会议", or the short form "十六届人大三次会议".
_CONGRESS = r"第?[一二三四五六七八九十]+\s*届\s*(?:人民代表大会|人大)\s*第?[一二三四五六七八九十]+\s*次(?:全体)?会议"
_MEETING = re.compile(
    rf"{_YEAR}\s*年\s*(?:{_NUMBER}\s*月\s*(?:{_NUMBER}\s*日月?)?)?\s*(?:在\s*)?"
    rf"(?P<place>[\u4e00-\u9fff]{{0,30}}?)\s*{_CONGRESS}"
)
# The meeting without its date ("——在哈密市第二届人民代表大会第一次会议上"); the date is then
# on a line of its own just before or after it.
_MEETING_UNDATED = re.compile(rf"在\s*(?P<place>[\u4e00-\u9fff]{{1,30}}?)\s*{_CONGRESS}")
_DATE = re.compile(rf"{_YEAR}\s*年\s*{_NUMBER}\s*月")
_GENERIC_PLACES = {"", "市", "县", "区", "州", "旗", "盟", "自治州", "自治县", "地区"}
_DIGITS = dict(zip("〇○零O0一二三四五六七八九", "00000123456789"))
_TITLES = (
    re.compile(r"(?P<year>(?:19|20)\d\d)年(?P<place>[\u4e00-\u9fff]{2,15}?)(?:人民)?政府工作报告"),
    re.compile(r"(?P<place>[\u4e00-\u9fff]{2,15}?)(?P<year>(?:19|20)\d\d)年(?:人民)?政府工作报告"),
    # the scraped title: 丹东市政府工作报告（2023年1月6日 郝建军）
    re.compile(r"(?P<place>[\u4e00-\u9fff]{2,15}?)(?:人民)?政府工作报告\s*[(（]\s*(?P<year>(?:19|20)\d\d)\s*年"),
)
# A name: two to four characters (吴 炜 with a space), or transliterated parts joined by ·
# (莫合买提·尼亚孜).
_NAME = r"(?P<name>[\u4e00-\u9fff]{1,6}(?:·[\u4e00-\u9fff]{1,10})+|[\u4e00-\u9fff](?: ?[\u4e00-\u9fff]){1,3})"
_SPEAKER = re.compile(rf"(?:代理|代)?(?:县|区|市|州|旗|盟)长\s*[:：—\-]*\s*{_NAME}(?=\s|$|\*|作政府工作报告)", re.M)
# The scraped title's bracket (丹东市政府工作报告（2023年1月6日 郝建军）), or the name alone on
# the line under the meeting line.
_TITLE_SPEAKER = re.compile(rf"政府工作报告\s*\(\s*(?:19|20)\d\d年\d{{1,2}}月(?:\d{{1,2}}日)?\s+{_NAME}\s*\)")
_NAME_LINE = re.compile(rf"[^\n]*\n\s*\**\s*(?!各位代表){_NAME}\s*\**\s*$", re.M)  # not the salutation
_PROVINCE = re.compile(r"^(?P<p>[\u4e00-\u9fff]{2,3}?(?:省|自治区)|北京市|上海市|天津市|重庆市|内蒙古自治区|广西壮族自治区|宁夏回族自治区|新疆维吾尔自治区|西藏自治区)")
_CITY = re.compile(r"^(?P<c>[\u4e00-\u9fff]{1,8}?(?:市|自治州|地区|盟))")
_COUNTY = re.compile(r"^(?P<x>[\u4e00-\u9fff]{1,8}?(?:县|区|市|旗))$")


@dataclass
class Meta:
    province: str | None = None
    city: str | None = None
    county: str | None = None
    year: int | None = None
    meeting: str | None = None
    speaker: str | None = None
    title: str | None = None


def _split_place(place: str, meta: Meta) -> None:
    """河南省新乡市凤泉区 → province, city, county (whatever parts are there). A bare 市 or
    自治州 ("在自治州第十五届人民代表大会…") names nothing."""
    if place in _GENERIC_PLACES:
        return
    rest, city = place, None
    if m := _PROVINCE.match(rest):
        meta.province, rest = m.group("p"), rest[m.end():]
    if (m := _CITY.match(rest)) and rest[m.end():]:
        city, rest = m.group("c"), rest[m.end():]
        meta.city = city
    if m := _COUNTY.match(rest):
        if rest.endswith(("县", "区", "旗")) or city:
            meta.county = m.group("x")
        elif meta.county != rest:
            meta.city = rest
    elif rest.endswith(("州", "地区", "盟")):  # 自治州, or its short form 恩施州
        meta.city = rest


def _year(digits: str) -> int:
    return int("".join(_DIGITS.get(c, c) for c in digits))


def find_meta(text: str) -> Meta:
    """Metadata from prepared text; fields the text does not state stay None. Province and
    prefecture come from the division table when the text names only the county."""
    meta = Meta()
    head, top = text[:3000], text[:6000]
    titles = [m for m in (p.search(head) for p in _TITLES) if m and not m.group("place").startswith("人民")]
    if titles:
        title = min(titles, key=lambda m: m.start())
        meta.title = re.split(r"\s*[(（]", title.group(0))[0]
        meta.year = int(title.group("year"))
        _split_place(title.group("place"), meta)
    if meeting := _MEETING.search(top):
        meta.year = _year(meeting.group("year"))
        meta.meeting = meeting.group(0)
        _split_place(meeting.group("place"), meta)
    elif meeting := _MEETING_UNDATED.search(top):
        meta.meeting = meeting.group(0)
        _split_place(meeting.group("place"), meta)
        nearby = list(_DATE.finditer(top, max(0, meeting.start() - 80), meeting.end() + 80))
        if nearby:
            closest = min(nearby, key=lambda m: abs(m.start() - meeting.start()))
            meta.year = _year(closest.group("year"))
    speaker = _SPEAKER.search(head) or _TITLE_SPEAKER.search(head)
    if speaker is None and meeting:
        speaker = _NAME_LINE.match(top, meeting.end())
    if speaker:
        meta.speaker = speaker.group("name").replace(" ", "")
    place = locate(meta.city, meta.county, text)
    meta.province = meta.province or place.province
    meta.city, meta.county = place.city, place.county
    return meta
