"""Persons a notice describes by unit and post only (县财政局局长, 某镇党委书记, 某局负责人).

They become persons with a post and a level and no name (a wrong name is worse than none).
"""

from __future__ import annotations

import re

from . import posts
from .level import cadre_level
from .lexicon import POST_WORDS, word_alternation
from .model import ParsedPerson

_MIN_UNIT_CHARS = 2
_POST_ALT = word_alternation(POST_WORDS)
# ``白城市政府办公室负责人受到组织处理``, ``…局、…街道负责人和其他相关责任人分别受到…``.
_RESPONSIBLE_RE = re.compile(
    r"(?:^|(?<=[，。；：\n]))(?P<unit>[^，。；：\n]{2,60}?)(?<!有关)(?<!相关)(?P<post>主要负责人|负责人)"
    r"(?=和|及|、|受到|分别|被|均|负有)"
)
# A post printed as the subject or object of a decision, no name after it: ``给予县精神病医院
# 院长党内警告处分``, ``对…镇党委书记进行问责``, ``县财政局局长用公款宴请…``, ``，总经理受到…``.
_POST_SUBJECT_RE = re.compile(
    r"(?:^|(?<=[，。；：\n])|(?<=给予)|(?<=对))(?P<unit>[^，。；：\n、]{0,40}?)(?P<post>" + _POST_ALT + r")"
    r"(?=受到|被(?!告)|党内|政务|行政|分别|均|进行|予以|提醒|诫勉|实施|用公款|违规|因)"
)
_DECISION_VERB_RE = re.compile(r"给予|(?<![面针])对")
# ``对某镇政府包括镇长、副镇长在内的8名干部给予…处分``: the posts the count includes are persons.
_INCLUDED_POSTS_RE = re.compile(
    r"(?P<unit>[^，。；：\n]{0,40}?)包括(?P<posts>[^，。；：\n]{2,60}?)在内的(?:\d+|[一二两三四五六七八九十]+)(?:名|位|人)"
)
_LIST_SPLIT_RE = re.compile(r"、|和|及|与")
_PLACE_LEVELS = frozenset(("", "镇", "乡", "县", "市", "区", "村", "街道"))
_POST_END_RE = re.compile("(?:" + _POST_ALT + ")$")
_STAFF_POST_RE = re.compile(r"干部|员工|职工|工作人员|人员|员$")
_UNIT_NOUN_RE = re.compile(
    r"(?:^|(?<=[，。；：\n]))(?P<unit>[\u4e00-\u9fff]{2,24}?(?:有限公司|公司|集团|局|医院|学校|中心|委员会|政府))"
)


def unnamed_persons(text: str, *, posts_too: bool = False) -> list[ParsedPerson]:
    """Persons described by post only, each with unit and level.

    ``posts_too`` also reads any post word as a person (only when the case names nobody:
    next to named people a bare post is usually one of theirs)."""
    found: list[ParsedPerson] = []
    for m in _RESPONSIBLE_RE.finditer(text):
        for printed in m.group("unit").split("、"):
            _add(found, posts.trim_lead(printed), m.group("post"))
    if posts_too:
        for m in _INCLUDED_POSTS_RE.finditer(text):
            unit = posts.trim_lead(_DECISION_VERB_RE.split(m.group("unit"))[-1])
            for printed in _LIST_SPLIT_RE.split(m.group("posts")):
                post = _POST_END_RE.search(printed)
                if post:
                    lead = printed[: post.start()]  # 镇党委副书记 under 某镇政府: the 镇 is the unit's
                    _add(found, unit if lead in _PLACE_LEVELS else unit + lead, post.group(0))
        for m in _POST_SUBJECT_RE.finditer(text):
            printed = _DECISION_VERB_RE.split(m.group("unit"))[-1]  # 甲县纪委给予县医院院长: the object
            unit = posts.trim_lead(printed) if printed else _unit_before(text, m.start())
            for printed in re.split(r"和|及", unit):
                _add(found, printed, m.group("post"))
    return found


def _unit_before(text: str, position: int) -> str:
    """``珠海某公司借…大吃大喝，总经理受到…``: a post printed alone belongs to the unit that opens the sentence."""
    start = max(text.rfind(c, 0, position) for c in "。；\n") + 1
    m = _UNIT_NOUN_RE.search(text, start, position)
    return m.group("unit") if m else ""


def _add(found: list[ParsedPerson], unit: str, post: str) -> None:
    if len(unit) < _MIN_UNIT_CHARS or any(p.unit == unit and p.position == post for p in found):
        return
    if _STAFF_POST_RE.search(post) and any(p.unit == unit for p in found):
        return
    person = ParsedPerson(name="", position=post, unit=unit)
    person.level = cadre_level(unit, post, unit + post)
    found.append(person)
