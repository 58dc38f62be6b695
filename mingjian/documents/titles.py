"""Breaking a 公文 title into lines: "词意完整，排列对称" (GB/T 9704-2012 7.3.1).

The title is cut only between words, preferably between phrases, into as few lines as fit, and
the lines are kept close in length (a trapezoid or a diamond, never an hourglass). Words come
from rjieba (a pinned dictionary, so the result is deterministic) corrected by a small lexicon of
公文 terms and by the names the caller knows (issuer, addressee): rjieba alone splits 优亲|厚友
and 纪检监察|建议, which is exactly the "…纪检监察建" / "议" break a clerk sends back.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

import rjieba

from mingjian.documents.geometry import TITLE_MAX_UNITS
from mingjian.documents.text import width_units

# Terms never to be broken: the 文种 the product writes, and compounds that rjieba splits.
LEXICON = (
    "纪检监察建议",
    "纪律检查建议",
    "监察建议",
    "整改情况报告",
    "履责情况报告",
    "情况报告",
    "专项行动总结",
    "工作总结",
    "实施方案",
    "工作方案",
    "以案促改",
    "以案促治",
    "优亲厚友",
    "全面从严治党",
    "主体责任",
    "监督责任",
    "中央八项规定精神",
    "纪律检查委员会",
    "监察委员会",
    "纪检监察组",
    "纪检监察",
    "农村低保",
    "最低生活保障",
    "专项治理",
    "警示教育",
    "形式主义",
    "官僚主义",
)

# Words that open or close a phrase: a break next to them falls between phrases, not inside one.
_ENDS_PHRASE = frozenset({"的", "中", "等", "后", "时", "上", "下", "之"})
_STARTS_PHRASE = frozenset(
    [
        "和",
        "及",
        "与",
        "暨",
        "并",
        "对",
        "关于",
        "开展",
        "加强",
        "深化",
        "进一步",
        "推进",
        "落实",
        "完善",
        "健全",
    ]
)
# Head nouns close the phrase their modifiers open: "以案促改|工作" splits a phrase, "工作|的" does not.
_HEAD_NOUNS = frozenset({"工作", "问题", "情况", "资金", "制度", "管理", "建设", "责任", "行动", "机制"})
_NO_LINE_START = "，。、；：？！”’）》】〕"
_NO_LINE_END = "“‘（《【〔"

FORBIDDEN = 1000  # inside a protected term, a number or before a closing mark
INSIDE_WORD = 60
BETWEEN_WORDS = 12
BETWEEN_PHRASES = 3
AFTER_PUNCTUATION = 0


def split_title(title: str, *, max_units: float = TITLE_MAX_UNITS, keep: Iterable[str] = ()) -> list[str]:
    """The title's lines. `keep` lists names that must stay whole (unit names in the title)."""
    title = re.sub(r"\s+", " ", title.strip())
    if not title:
        raise ValueError("公文标题不能为空。")
    if width_units(title) <= max_units:
        return [title]
    costs = _break_costs(title, tuple(keep))
    minimum = int(-(-width_units(title) // max_units))
    best: tuple[float, list[str]] | None = None
    for count in (minimum, minimum + 1):
        found = _best_split(title, costs, count, max_units)
        if found and (best is None or found[0] < best[0]):
            best = found
        if best and best[0] < FORBIDDEN:
            break
    if best is None:  # a single unbreakable run longer than a line: the renderer wraps it
        return [title]
    return best[1]


def _best_split(
    title: str, costs: Sequence[float], count: int, max_units: float
) -> tuple[float, list[str]] | None:
    best: tuple[float, list[str]] | None = None
    candidates = [i for i in range(1, len(title)) if costs[i] < FORBIDDEN] or list(range(1, len(title)))
    for cuts in itertools.combinations(candidates, count - 1):
        lines = [title[a:b].strip() for a, b in itertools.pairwise((0, *cuts, len(title)))]
        widths = [width_units(line) for line in lines]
        if max(widths) > max_units or not all(lines):
            continue
        score = sum(costs[c] for c in cuts) + _shape_cost(widths)
        # On a tie the later cut wins: a longer first line, the usual "…的" / "文种" shape.
        if best is None or score <= best[0]:
            best = (score, lines)
    return best


def _shape_cost(widths: list[float]) -> float:
    """Lines close in length; a short middle line (hourglass) or a stub line is penalised."""
    mean = sum(widths) / len(widths)
    cost = sum((w - mean) ** 2 for w in widths) / 4
    if len(widths) >= 3 and any(  # noqa: PLR2004 - an hourglass needs three lines
        widths[i] < widths[i - 1] and widths[i] < widths[i + 1] for i in range(1, len(widths) - 1)
    ):
        cost += 40
    if min(widths) < max(widths) / 3:
        cost += 30
    return cost


def _break_costs(title: str, keep: tuple[str, ...]) -> list[float]:
    """costs[i] is the price of a line break before title[i] (index 0 unused)."""
    costs = [float(INSIDE_WORD)] * (len(title) + 1)
    position = 0
    words = _words(title)
    for prev, word in itertools.pairwise(["", *words]):
        if position:
            costs[position] = _boundary_cost(prev, word)
        position += len(word)
    for start, end in _protected_spans(title, keep):
        for i in range(start + 1, end):
            costs[i] = FORBIDDEN
    for i in range(1, len(title)):
        if title[i] in _NO_LINE_START or title[i - 1] in _NO_LINE_END:
            costs[i] = FORBIDDEN
        elif title[i - 1].isascii() and title[i].isascii() and title[i - 1] != " ":
            costs[i] = FORBIDDEN  # never inside a number or a Latin word
    return costs


def _boundary_cost(prev: str, word: str) -> float:
    if prev[-1] in "，、：；” " or word == " ":
        return AFTER_PUNCTUATION
    if word in _ENDS_PHRASE:  # 中, 的 … belong to the word before them; no line starts with 的
        return INSIDE_WORD / 2
    if prev in _STARTS_PHRASE:  # 关于, 深化 … lead into the words after them
        return BETWEEN_WORDS * 2
    if prev in _ENDS_PHRASE or prev in _HEAD_NOUNS or word in _STARTS_PHRASE:
        return BETWEEN_PHRASES
    if word in _HEAD_NOUNS:
        return BETWEEN_WORDS * 2
    return BETWEEN_WORDS


def _protected_spans(title: str, keep: tuple[str, ...]) -> list[tuple[int, int]]:
    spans = []
    for term in (*keep, *LEXICON):
        for match in re.finditer(re.escape(term), title) if term else ():
            spans.append(match.span())
    # A 《book title》 stays whole when it fits on one line.
    for match in re.finditer(r"《[^》]*》", title):
        if width_units(match.group()) <= TITLE_MAX_UNITS:
            spans.append(match.span())
    return spans


@lru_cache(maxsize=512)
def _words(title: str) -> tuple[str, ...]:
    return tuple(rjieba.cut(title))
