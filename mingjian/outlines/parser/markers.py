"""Heading markers: 一、 （一） 1. （1） ① 第一， 第一部分 一是 一要 首先/其次/再次/最后 其一 …

Each marker belongs to a *style* (its family, whatever the punctuation: （一） and (一) are one
style, 1. and 1、 another). Numbered styles have the conventional rank of 党政机关公文
(一、 > （一） > 1. > （1）), used only when a senior style first appears after a junior one.
Word styles (一是, 一要, 首先 …) have no rank: they nest wherever they stand.

Matching runs on the shadow (see text.py): full-width brackets and colons, ASCII digits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

LAST = 99  # 最后 closes a 首先/其次 series whatever its length


@dataclass(frozen=True)
class Style:
    key: str
    rank: float | None = None  # None: a word style, no conventional place
    # A word style that may head a whole speech (第一, 首先): a numbered heading after it is
    # its child, not its sibling. 一是/一要 are run-in points, and a numbered heading closes them.
    structural: bool = False


@dataclass(frozen=True)
class Marker:
    style: Style
    ordinal: int
    end: int  # end of the marker as printed, its own punctuation (、 ） .) included
    body: int  # where the heading text starts: after a comma, colon or spaces


CN_DUN = Style("cn_dun", 1)
CN_PAREN = Style("cn_paren", 2)
ARABIC = Style("arabic", 3)
ARABIC_PAREN = Style("arabic_paren", 4)
ARABIC_RPAREN = Style("arabic_rparen", 4.5)
CIRCLED = Style("circled", 5)
SHI = Style("shi")
YAO = Style("yao")
SEQUENCE = Style("sequence", structural=True)
QI = Style("qi", structural=True)
ORDINAL = Style("ordinal", structural=True)
# 第X章 / 第X部分 / 第X节 / 第X条 rank above 一、; the others are points like 第一.
_DI_RANKS = {"章": -3.0, "部分": -2.0, "节": -1.0, "条": 0.0}
_DI_STYLES = {
    cls: Style(f"ordinal:{cls}", _DI_RANKS.get(cls), structural=True)
    for cls in ("章", "部分", "节", "条", "方面", "件事", "阶段", "点", "项", "步")
}

_N = "[一二三四五六七八九十]{1,3}"
_WORDS = {"首先": 1, "其次": 2, "再次": 3, "最后": LAST}
_PATTERNS: tuple[tuple[Style | None, re.Pattern[str]], ...] = (
    (CN_PAREN, re.compile(rf"（(?P<n>{_N})）")),
    (ARABIC_PAREN, re.compile(r"（(?P<n>\d{1,2})）")),
    (CN_DUN, re.compile(rf"(?P<n>{_N})(?:、|[.．](?!\d))")),
    (ARABIC, re.compile(r"(?P<n>\d{1,2})(?:、|[.．](?![\d%]))")),
    (ARABIC_RPAREN, re.compile(r"(?P<n>\d{1,2})）")),
    (CIRCLED, re.compile(r"(?P<c>[①-⑳])")),
    (
        None,
        re.compile(rf"第(?P<n>{_N})(?:个)?(?P<cls>方面|部分|件事|阶段|章|节|条|点|项|步)(?=[，、：\s]|$)"),
    ),
    (ORDINAL, re.compile(rf"第(?P<n>{_N})(?=[，、：])")),
    (SHI, re.compile(rf"(?P<n>{_N})是")),
    (YAO, re.compile(rf"(?P<n>{_N})要")),
    (SEQUENCE, re.compile(r"(?P<w>首先|其次|再次|最后)")),
    (QI, re.compile(r"其(?P<n>[一二三四五六七八九十])(?=[，：])")),
)
_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")}


def cn_number(text: str) -> int:
    """一 → 1, 十二 → 12, 二十 → 20, 二十三 → 23."""
    if "十" not in text:
        return _DIGITS[text[-1]]
    tens, _, units = text.partition("十")
    return (_DIGITS[tens] if tens else 1) * 10 + (_DIGITS[units] if units else 0)


def _ordinal(m: re.Match[str]) -> int:
    groups = m.groupdict()
    if groups.get("w"):
        return _WORDS[groups["w"]]
    if groups.get("c"):
        return ord(groups["c"]) - ord("①") + 1
    n = groups["n"]
    return int(n) if n.isdigit() else cn_number(n)


def _extent(shadow: str, end: int, word: bool) -> tuple[int, int]:
    """(end of the marker as printed, start of its text): a word marker keeps a following 、
    (第一、) but not a comma or colon (第一，→ 第一)."""
    if word and shadow[end : end + 1] == "、":
        end += 1
    body = end
    while body < len(shadow) and shadow[body] in "，：、 ":
        body += 1
    return end, body


def marker_at(shadow: str, pos: int = 0) -> Marker | None:
    """The marker starting at `pos` of a shadow, if any."""
    for style, pattern in _PATTERNS:
        m = pattern.match(shadow, pos)
        if m is None:
            continue
        found = style or _DI_STYLES[m.group("cls")]
        end, body = _extent(shadow, m.end(), found.rank is None or found.key.startswith("ordinal"))
        return Marker(found, _ordinal(m), end, body)
    return None


def line_marker_end(shadow: str) -> int | None:
    """Where a marker opening the line ends (for joining wrapped lines and bare markers)."""
    found = marker_at(shadow)
    return found.end if found else None
