"""Money figures (元, 万元, 亿元, 余) — other numbers (亩, 平方米, 人次, 岁 …) are ignored."""

from __future__ import annotations

import re

_CN_NUM = "零一二两三四五六七八九十百千万亿"
_AMOUNT_RE = re.compile(
    rf"(?P<num>\d+(?:\.\d+)?|[{_CN_NUM}]+)"
    r"(?P<u1>[百千万亿])?(?P<y1>余|多)?(?P<u2>[万亿])?(?P<y2>余|多)?"
    r"(?:元|块钱)(?![宵旦素化论])"
)
# Penalties imposed by a court are money figures but not the amount of the misconduct.
_PENALTY_BEFORE_RE = re.compile(r"(?:罚金|罚款|没收)(?:人民币)?$")
_NOT_YUAN_BEFORE = frozenset("美欧日港澳韩英")
_VAGUE_RE = re.compile(r"数额(?:特别)?巨大|巨额|数额较大|数额特别大")
_VAGUE_BEFORE = frozenset("数几上近成")
_MULT = {"十": 10, "百": 100, "千": 1_000, "万": 10_000, "亿": 100_000_000}
_DIGIT = {"零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def cn_number(text: str) -> float:
    """Parse a Chinese numeral such as 三千五百 or 一万二千 (0 when unreadable)."""
    total = 0
    section = 0
    digit = 0
    for ch in text:
        if ch in _DIGIT:
            digit = _DIGIT[ch]
        elif ch in ("万", "亿"):
            total = (total + section + digit) * _MULT[ch]
            section = digit = 0
        elif ch in _MULT:
            section += (digit or 1) * _MULT[ch]
            digit = 0
        else:
            return 0
    return float(total + section + digit)


def _value(m: re.Match[str]) -> float:
    num = m.group("num")
    value = float(num) if num[0].isdigit() else cn_number(num)
    for unit in (m.group("u1"), m.group("u2")):
        if unit:
            value *= _MULT[unit]
    return round(value, 2)


def _money(text: str) -> list[tuple[float, bool]]:
    """(value in yuan, is a court penalty) for every money figure, in order, without repeats."""
    found: list[tuple[float, bool]] = []
    for m in _AMOUNT_RE.finditer(text):
        if not m.group("num")[0].isdigit() and text[max(0, m.start() - 1) : m.start()] in _VAGUE_BEFORE:
            continue
        if text[m.end() - 2 : m.end() - 1] in _NOT_YUAN_BEFORE:
            continue  # 3.6万美元 is not yuan
        value = _value(m)
        penalty = _PENALTY_BEFORE_RE.search(text[max(0, m.start() - 8) : m.start()]) is not None
        if value > 0 and value not in [v for v, _ in found]:
            found.append((value, penalty))
    return found


def find_amounts(text: str) -> list[float]:
    """Every money figure in order of appearance, without repeats."""
    return [value for value, _ in _money(text)]


def misconduct_amount(text: str) -> float | None:
    """The largest figure that is not a court penalty (罚金, 没收)."""
    values = [value for value, penalty in _money(text) if not penalty]
    return max(values) if values else None


def has_vague_amount(text: str) -> bool:
    """数额特别巨大 / 巨额 … without a figure."""
    return _VAGUE_RE.search(text) is not None
