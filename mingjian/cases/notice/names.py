"""Person names: candidates by shape and context, scored by role and repetition."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .lexicon import (
    COMPOUND_SURNAMES,
    NAME_FOLLOWERS,
    NAME_STOP_CHARS,
    NOT_NAME_PREFIXES,
    POST_WORDS,
    SINGLE_SURNAMES,
)

_SANCTION_WORDS = (
    "开除",
    "党内",
    "政务",
    "行政",
    "留党",
    "撤销",
    "严重警告",
    "警告",
    "记过",
    "记大过",
    "降级",
    "撤职",
    "诫勉",
    "免职",
    "批评",
    "通报",
    "组织处理",
    "相应",
    "分别",
    "身为",
    "作为",
    "系",
    "担任",
    "时任",
    "任职",
    "的",
)
_FOLLOW_ALT = "|".join(
    re.escape(w) for w in sorted({*NAME_FOLLOWERS, *_SANCTION_WORDS}, key=len, reverse=True)
)
_SURNAME_ALT = "|".join(COMPOUND_SURNAMES) + "|[" + "".join(sorted(SINGLE_SURNAMES)) + "]"
_NAME_RE = re.compile(
    rf"(?=((?:{_SURNAME_ALT})(?:某某?|[\u4e00-\u9fff]{{1,2}}?))(?:{_FOLLOW_ALT}|$))", re.MULTILINE
)
_UNIT_END_CHARS = "会委局院村镇乡司团心所站办厅部处科队区县市省组行校馆厂社场园街"
_POST_END_RE = re.compile(
    "(?:" + "|".join(re.escape(w) for w in sorted(POST_WORDS, key=len, reverse=True)) + ")$"
)
_BOUNDARY_CHARS = frozenset("，。；：、“”（）！？ \n月日年对经给予即")
_MAX_GIVEN_CHARS = 2
_DIRECT_SANCTION = r"(?:党内|政务|行政|开除|留党察看|撤销党内|严重警告|记大?过|降级|撤职)[^。；]{0,12}处分"
_ANCHOR_AFTER = ("受到", "分别受到", "被", "同志受到", "被给予", "被开除", "等人")


@dataclass
class NameCandidate:
    """A name string with the evidence that it names a person of the case."""

    name: str
    first: int
    count: int = 0
    after_post: bool = False
    sanctioned: bool = False

    @property
    def score(self) -> float:
        return self.count + (10 if self.sanctioned else 0) + (3 if self.after_post else 0)


def surname_len(text: str) -> int:
    """Length of the surname at the start of ``text`` (0 if none)."""
    if text[:2] in COMPOUND_SURNAMES:
        return 2
    return 1 if text[:1] in SINGLE_SURNAMES else 0


def is_masked(name: str) -> bool:
    return name.endswith("某")


def _valid_shape(name: str) -> bool:
    if name[:2] in NOT_NAME_PREFIXES:
        return False
    given = name[surname_len(name) :]
    if not given or len(given) > _MAX_GIVEN_CHARS:
        return False
    if "某" in given:
        return given in ("某", "某某")
    return not any(ch in NAME_STOP_CHARS for ch in given)


def _left_context(text: str, start: int) -> tuple[bool, bool]:
    """(is a word boundary, follows a post word) for a name starting at ``start``."""
    if start == 0:
        return True, False
    before = text[max(0, start - 8) : start]
    if _POST_END_RE.search(before):
        return True, True
    return before[-1] in _BOUNDARY_CHARS or before[-1] in _UNIT_END_CHARS, False


def _spans(text: str) -> list[tuple[int, str, bool]]:
    """(start, name, after_post) for every plausible name occurrence."""
    found: list[tuple[int, str, bool]] = []
    for m in _NAME_RE.finditer(text):
        name = m.group(1)
        if not _valid_shape(name):
            continue
        ok, after_post = _left_context(text, m.start())
        if ok:
            found.append((m.start(), name, after_post))
    return found


def _prefer_repeated(text: str, names: set[str]) -> set[str]:
    """Drop a longer reading when a shorter prefix is repeated more often (周岩 vs 周岩严)."""
    keep = set(names)
    for name in names:
        for other in names:
            if other != name and other.startswith(name) and text.count(other) < text.count(name):
                keep.discard(other)
            elif other != name and other.startswith(name):
                keep.discard(name)
    return keep


def _is_sanctioned(text: str, name: str) -> bool:
    if any(text.find(a + name) >= 0 for a in ("给予", "给予其")):
        return True
    if re.search(re.escape(name) + _DIRECT_SANCTION, text):
        return True
    if any(text.find(name + a) >= 0 for a in _ANCHOR_AFTER[:6]):
        return True
    return re.search(re.escape(name) + r"(?:、[^，。；]{2,4}){0,6}(?:分别)?受到", text) is not None


def name_candidates(text: str) -> list[NameCandidate]:
    """All name candidates of a case text, best first."""
    spans = _spans(text)
    names = _prefer_repeated(text, {name for _, name, _ in spans})
    by_name: dict[str, NameCandidate] = {}
    for start, name, after_post in spans:
        if name not in names:
            continue
        cand = by_name.setdefault(name, NameCandidate(name, start))
        cand.after_post = cand.after_post or after_post
    for cand in by_name.values():
        cand.count = text.count(cand.name)
        cand.sanctioned = _is_sanctioned(text, cand.name)
    return sorted(by_name.values(), key=lambda c: (-c.score, c.first))


def main_names(text: str) -> list[str]:
    """Names of the people the case is about, in order of first mention."""
    cands = name_candidates(text)
    if not cands:
        return []
    chosen = [c for c in cands if c.sanctioned]
    if not chosen:
        chosen = [c for c in cands if c.after_post][:1] or cands[:1]
    return [c.name for c in sorted(chosen, key=lambda c: c.first)]
