"""Money figures (元, 万元, 亿元, 余) — other numbers (亩, 平方米, 人次, 岁 …) are ignored."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

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


@lru_cache(maxsize=8)
def _money_matches(text: str) -> tuple[tuple[re.Match[str], float, bool], ...]:
    """(match, value in yuan, is a court penalty) for every money figure, in order (one scan
    serves the amount fields of a case: they ask for the same text in turn)."""
    found: list[tuple[re.Match[str], float, bool]] = []
    for m in _AMOUNT_RE.finditer(text):
        if not m.group("num")[0].isdigit() and text[max(0, m.start() - 1) : m.start()] in _VAGUE_BEFORE:
            continue
        if text[m.end() - 2 : m.end() - 1] in _NOT_YUAN_BEFORE:
            continue  # 3.6万美元 is not yuan
        value = _value(m)
        penalty = _PENALTY_BEFORE_RE.search(text[max(0, m.start() - 8) : m.start()]) is not None
        if value > 0:
            found.append((m, value, penalty))
    return tuple(found)


def _money(text: str) -> list[tuple[float, bool]]:
    """(value in yuan, is a court penalty) for every money figure, in order, without repeats."""
    found: list[tuple[float, bool]] = []
    for _, value, penalty in _money_matches(text):
        if value not in [v for v, _ in found]:
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


# ---- the three money fields: 违纪违法所得, 造成损失, 收缴/追缴/退赔 ------------------------------
# A figure's kind comes from the words of its own clause — recovery words first (追缴违规领取的资金
# is a recovery, not a gain), then loss, then gain; a clause without a cue (共计5000元) takes the
# nearest cue earlier in the sentence. A figure with no cue at all is left for the clerk.
_CUES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("recovered", re.compile(r"收缴|追缴|追回|退赔|退缴|退还|退回|清退|挽回|上缴|返还")),
    ("loss", re.compile(r"损失|违规发放|多发|错发|虚增|浪费|流失")),
    (
        "gains",
        re.compile(
            r"收受|索取|索要|贪污|侵占|套取|骗取|冒领|截留|私分|据为己有|受贿|获利|好处费|所得|非法占有|牟利"
            r"|领取|收取|敛财|(?:违规|非法)?(?:获得|分得)|违规报销"
            # expenses someone else paid for him: 由公司承担, 安排私营企业主支付…为其…
            r"|由[^，。；]{1,10}(?:承担|支付|报销|买单)|(?:为其|替其)(?:支付|报销)|支付[^，。；]{0,12}为其"
        ),
    ),
)
_TOTAL_BEFORE_RE = re.compile(r"(?:共计|合计|总计|累计|总额|共|折合)(?:人民币)?$")
_CLAUSE_STOPS = "，；。：！？\n"
_SENTENCE_STOPS = "；。！？\n"
MONEY_FIELDS: dict[str, str] = {
    "gains": "illicit_gains_yuan",
    "loss": "loss_yuan",
    "recovered": "recovered_yuan",
}


@dataclass
class MoneyFigures:
    """The largest figure of each kind (a printed total wins); ``uncertain`` names the fields
    where several separate figures were found and none is a total."""

    gains: float | None = None
    loss: float | None = None
    recovered: float | None = None
    uncertain: set[str] = field(default_factory=set)


def _last_stop(text: str, end: int, stops: str) -> int:
    return max(text.rfind(c, 0, end) for c in stops) + 1


def _kind(text: str, m: re.Match[str]) -> str:
    clause_start = _last_stop(text, m.start(), _CLAUSE_STOPS)
    after = re.match(rf"[^{_CLAUSE_STOPS}]*", text[m.end() :])
    clause = text[clause_start : m.start()] + (after.group(0) if after else "")
    for kind, cue in _CUES:
        if cue.search(clause):
            return kind
    earlier = text[_last_stop(text, clause_start, _SENTENCE_STOPS) : clause_start]
    hits = [(hit.end(), kind) for kind, cue in _CUES for hit in cue.finditer(earlier)]
    return max(hits)[1] if hits else ""


def money_by_kind(text: str) -> MoneyFigures:
    """违纪违法所得, 造成损失 and 收缴/追缴/退赔 as far as the text supports them."""
    figures: dict[str, list[tuple[float, bool]]] = {kind: [] for kind in MONEY_FIELDS}
    for m, value, penalty in _money_matches(text):
        kind = _kind(text, m)
        if kind and not penalty:
            total = _TOTAL_BEFORE_RE.search(text[max(0, m.start() - 6) : m.start()]) is not None
            figures[kind].append((value, total))
    money = MoneyFigures()
    for kind, found in figures.items():
        totals = [v for v, is_total in found if is_total]
        values = {v for v, _ in found}
        if found:
            setattr(money, kind, max(totals or values))
        if not totals and len(values) > 1:
            money.uncertain.add(MONEY_FIELDS[kind])
    return money
