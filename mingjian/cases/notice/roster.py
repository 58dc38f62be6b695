"""Rosters: people listed each with their own unit and post, then one shared outcome.

Roundups of investigations and dismissals print a run of ``单位+职务+姓名`` separated by
``、``, ``，`` or ``以及`` and close it with one clause for all of them (…县长李四均涉嫌严重违纪
违法，…；…局长王五6人被查的消息). The name rules see each name after its post, but only the
last one touches the outcome, so the others went unread or were swallowed into the first
person's position. Here the run is read as a whole: every item must end in a post word and a
name, the items must follow each other with nothing but a separator and the next unit between,
and the closing clause must say what happened (investigation, sanction, dismissal). Where a
name could be two or three characters long (李立平均涉嫌), the reading is the one after which the
separator or the closing clause follows.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .lexicon import COUNT_RE, POST_WORDS, count_value, word_alternation

_POST_RE = re.compile("(?:" + word_alternation(POST_WORDS) + ")(?=[\u4e00-\u9fff])")
_SEP_RE = re.compile(r"(?:、|，|以及|和|及)")
# What closes a roster: a shared adverb or count, then the outcome within a short clause.
_CLOSE_RE = re.compile(rf"(?:均|都|等|同日|先后|分别|(?:{COUNT_RE})(?:人|名))")
_OUTCOME_RE = re.compile(
    r"违纪|违法|职务犯罪|审查|调查|被查|查处|处分|免去|免职|被免|问责|处理|立案|留置|双开|开除|撤职|诫勉|通报批评"
)
# …or the outcome itself, right after the last name (…和大队长王五接受调查并被留置).
_OUTCOME_HEADS = ("涉嫌", "接受", "被")
_OUTCOME_WINDOW = 24
_NAME_LENGTHS = (3, 2)
_MAX_ITEM_GAP = 40
_GAP_STOPS = frozenset("。；：！？\n“”")
_MIN_ITEMS = 2


def _item_names(text: str, is_name: Callable[[str], bool]) -> list[tuple[int, int, str]]:
    """(start, end, name) for each post word directly followed by a name and then a separator
    or a closing word."""
    items: list[tuple[int, int, str]] = []
    for m in _POST_RE.finditer(text):
        at = m.end()
        for length in _NAME_LENGTHS:
            name = text[at : at + length]
            if len(name) < length or not is_name(name):
                continue
            rest = at + length
            if (
                _SEP_RE.match(text, rest)
                or _CLOSE_RE.match(text, rest)
                or text.startswith(_OUTCOME_HEADS, rest)
            ):
                items.append((at, rest, name))
                break
    return items


def _closes(text: str, end: int) -> bool:
    """Does the text after a roster's last name state the shared outcome?"""
    window = text[end : end + _OUTCOME_WINDOW]
    stop = min((window.find(ch) for ch in "。；\n" if ch in window), default=len(window))
    clause = window[:stop]
    return bool((_CLOSE_RE.match(clause) or clause.startswith(_OUTCOME_HEADS)) and _OUTCOME_RE.search(clause))


def roster_names(text: str, is_name: Callable[[str], bool]) -> list[tuple[int, str]]:
    """(position, name) of every person in a post-led roster that closes with an outcome."""
    items = _item_names(text, is_name)
    found: list[tuple[int, str]] = []
    run: list[tuple[int, int, str]] = []
    for item in items:
        if run:
            gap = text[run[-1][1] : item[0]]
            joined = (
                _SEP_RE.match(gap) is not None
                and len(gap) <= _MAX_ITEM_GAP
                and not any(ch in _GAP_STOPS for ch in gap)
            )
            if not joined:
                run = []
        run.append(item)
        if len(run) >= _MIN_ITEMS and _closes(text, item[1]):
            found.extend((start, name) for start, _, name in run)
            run = []
    return list(dict.fromkeys(found))


# 发现赵甲、钱乙、孙丙3名干部缺岗，…予以通报批评: bare names, then their number.
_COUNTED_LIST_RE = re.compile(
    rf"(?P<list>[\u4e00-\u9fff]{{2,4}}(?:、[\u4e00-\u9fff]{{2,3}})+)(?:等)?(?P<n>{COUNT_RE})(?:名|人|位)"
)
_LIST_HEAD_LENGTHS = (3, 2)


def counted_names(text: str, is_name: Callable[[str], bool]) -> list[tuple[int, str]]:
    """(position, name) of a list of bare names followed by their exact number, in a sentence
    that states an outcome. The first item is read back from the separator (发现|许某某)."""
    found: list[tuple[int, str]] = []
    for m in _COUNTED_LIST_RE.finditer(text):
        head, *rest = m.group("list").split("、")
        first = next((head[-n:] for n in _LIST_HEAD_LENGTHS if len(head) >= n and is_name(head[-n:])), "")
        items = [first, *rest] if first else []
        if len(items) != count_value(m.group("n")) or not all(is_name(item) for item in items):
            continue
        stop = min((i for i in (text.find(ch, m.end()) for ch in "。；\n") if i >= 0), default=len(text))
        if not _OUTCOME_RE.search(text, m.end(), stop):
            continue
        at = m.start("list") + len(head) - len(first)
        for item in items:
            found.append((at, item))
            at += len(item) + 1
    return found
