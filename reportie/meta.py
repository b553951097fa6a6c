"""Report metadata from the text itself: the meeting line, the title and the speaker line.

The meeting line (``——2023年1月5日在卢氏县第十六届人民代表大会第三次会议上``) is the
authority for the year (shared/README.md: file names and titles can be wrong).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_MEETING = re.compile(
    r"(?P<year>(?:19|20)\d\d)\s*年\s*(?P<month>\d{1,2})\s*月\s*(?P<day>\d{1,2})\s*日\s*在\s*"
    r"(?P<place>[\u4e00-\u9fff]{2,30}?)第?(?P<term>[一二三四五六七八九十]+)届人民代表大会"
    r"第(?P<session>[一二三四五六七八九十]+)次会议"
)
_TITLES = (
    re.compile(r"(?P<year>(?:19|20)\d\d)年(?P<place>[\u4e00-\u9fff]{2,15}?)(?:人民)?政府工作报告"),
    re.compile(r"(?P<place>[\u4e00-\u9fff]{2,15}?)(?P<year>(?:19|20)\d\d)年(?:人民)?政府工作报告"),
)
_SPEAKER = re.compile(r"(?:代理|代)?(?:县|区|市|州|旗|盟)长\s*(?P<name>[\u4e00-\u9fff](?: ?[\u4e00-\u9fff]){1,2})(?=\s|$)", re.M)
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
    """河南省新乡市凤泉区 → province, city, county (whatever parts are there)."""
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
    elif rest.endswith(("自治州", "地区", "盟")):
        meta.city = rest


def find_meta(text: str) -> Meta:
    """Metadata from prepared text; fields the text does not state stay None."""
    meta = Meta()
    head = text[:3000]
    titles = [m for m in (p.search(head) for p in _TITLES) if m and not m.group("place").startswith("人民")]
    if titles:
        title = min(titles, key=lambda m: m.start())
        meta.title = title.group(0)
        meta.year = int(title.group("year"))
        _split_place(title.group("place"), meta)
    if meeting := _MEETING.search(text[:6000]):
        meta.year = int(meeting.group("year"))
        meta.meeting = meeting.group(0)
        _split_place(meeting.group("place"), meta)
    if speaker := _SPEAKER.search(head):
        meta.speaker = speaker.group("name").replace(" ", "")
    return meta
