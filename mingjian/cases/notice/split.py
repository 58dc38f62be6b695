"""Split a 典型问题通报 into per-case texts and drop exhortation paragraphs."""

from __future__ import annotations

import re
from dataclasses import dataclass

_CN_DIGITS = "零一二三四五六七八九"
_START = r"(?:^|(?<=[。；：！？\n ]))"
_SCHEMES: dict[str, re.Pattern[str]] = {
    "arabic": re.compile(_START + r"(\d{1,2})[.、](?![\d%])"),
    "paren_arabic": re.compile(_START + r"（(\d{1,2})）"),
    "chinese": re.compile(_START + r"([一二三四五六七八九十]{1,3})、"),
    "paren_chinese": re.compile(_START + r"（([一二三四五六七八九十]{1,3})）"),
    "anli": re.compile(_START + r"(?:典型)?案例([一二三四五六七八九十]{1,3}|\d{1,2})[：:、.]?"),
}
_LINE_MARKER_RE = re.compile(
    r"(?m)^(?:\d{1,2}[.、](?![\d%])|（\d{1,2}）|[一二三四五六七八九十]{1,3}、|（[一二三四五六七八九十]{1,3}）)"
)
CASE_LIKE_RE = re.compile(
    r"处分|开除党籍|开除公职|移送|组织处理|诫勉|免职|免去[^，。]{0,8}职务|问责|追缴|收缴|责令|立案|审查调查|被查|处理|通报批评"
    r"|判处"
)
# A numbered list of decisions (1.给予… 2.给予…) is the outcome of one case, not a list of cases.
_DECISION_ITEM_RE = re.compile(r"^(?:给予|对|责成|决定|建议|责令)")
_EXHORT_RE = re.compile(
    r"(?:^|(?<=[。！？\n ]))(?:"
    r"通报(?:强调|要求)"
    # 通报指出/称 opens the facts in a news write-up; it closes them only when it exhorts.
    r"|通报(?:指出|称)[^。]{0,30}(?:要|务必|必须|应当|引以为戒|警示|反映出|暴露出|充分说明)"
    r"|(?:以上|上述)[^。]{0,24}(?:案例|问题|典型|案件)"
    r"|(?:这|此)(?:些|几|\d+|[一二三四五六七八九十]+)起[^。]{0,10}(?:问题|案例|案件)"
    r"|(?:全区|全市|全县|全省|全镇|各级|广大)[^。]{0,16}(?:党组织|党员|干部|纪检监察机关)[^。]{0,20}(?:要|务必|必须|应当|引以为戒)"
    r"|(?:市|县|区|省)?纪委(?:监委)?(?:有关负责人)?(?:指出|强调|提醒)"
    r"|为进一步[^。]{0,30}(?:严明|压实|加强|推动|强化)"
    r"|[^。，]{0,24}要引以为戒"
    r")"
)
# Commentary that follows the facts and holds none: 【执纪者说】, 【评论】, a closing verse (这正是——).
_COMMENTARY_RE = re.compile(
    r"【(?:执纪者说|纪检监察干部说|评论|点评|短评|编后|以案说纪|以案说法)】|这正是[—-]+|^\s*[（(]?点评[）)]?[：:]",
    re.M,
)


def strip_commentary(text: str) -> str:
    """Drop 【执纪者说】-style commentary and what follows it (never the whole text)."""
    m = _COMMENTARY_RE.search(text)
    return text[: m.start()].rstrip() if m and m.start() > 0 else text


@dataclass
class _Marker:
    start: int
    end: int
    number: int
    at_line_start: bool


def cn_to_int(text: str) -> int:
    """Parse a small Chinese or Arabic ordinal (1–99)."""
    if text.isdigit():
        return int(text)
    if text == "十":
        return 10
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (_CN_DIGITS.index(tens) if tens else 1) * 10 + (_CN_DIGITS.index(ones) if ones else 0)
    return _CN_DIGITS.index(text) if text in _CN_DIGITS else 0


def _markers(text: str, pattern: re.Pattern[str]) -> list[_Marker]:
    """Markers that follow the sequence 1, 2, 3 … (a line-start 1 may restart it)."""
    accepted: list[_Marker] = []
    expected = 1
    for m in pattern.finditer(text):
        number = cn_to_int(m.group(1))
        line_start = m.start() == 0 or text[m.start() - 1] == "\n"
        first_at_top = not accepted and not text[: m.start()].strip()
        if number == expected or first_at_top or (number == 1 and line_start and expected > 1):
            accepted.append(_Marker(m.start(), m.end(), number, line_start))
            expected = number + 1
    return accepted


def _items(text: str, markers: list[_Marker]) -> list[str]:
    line_markers = [m.start() for m in _LINE_MARKER_RE.finditer(text)]
    items = []
    for i, marker in enumerate(markers):
        end = markers[i + 1].start if i + 1 < len(markers) else len(text)
        cut = [p for p in line_markers if marker.start < p < end]
        if cut:
            end = cut[0]
        items.append(text[marker.end : end].strip())
    return items


def strip_exhortation(text: str) -> str:
    """Cut closing 通报指出/强调 … paragraphs and commentary (never the whole text)."""
    text = strip_commentary(text)
    first_fact = CASE_LIKE_RE.search(text)
    if first_fact is None:
        return text.strip()
    for m in _EXHORT_RE.finditer(text, first_fact.end()):
        return text[: m.start()].strip()
    return text.strip()


def split_cases(text: str) -> list[str]:
    """Per-case texts of a notice; a notice without a numbered list is one case."""
    best: list[str] = []
    best_score = 0
    for pattern in _SCHEMES.values():
        markers = _markers(text, pattern)
        if not markers:
            continue
        items = [strip_exhortation(item) for item in _items(text, markers)]
        if items and all(_DECISION_ITEM_RE.match(item) for item in items):
            continue
        cases = [item for item in items if CASE_LIKE_RE.search(item)]
        if len(cases) > best_score:
            best, best_score = cases, len(cases)
    if best:
        return best
    return [strip_exhortation(text)] if text.strip() else []
