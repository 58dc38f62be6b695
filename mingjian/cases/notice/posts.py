"""Unit and position of a named person, read from the words printed before the name."""

from __future__ import annotations

import re
from functools import lru_cache

from .lexicon import MUNICIPALITIES, POST_WORDS, PREFECTURE_CITIES, occurrences, post_suffix, word_alternation

_POST_RE = re.compile("(?:" + word_alternation(POST_WORDS) + ")(?![会院局学处科股厂])")
_CLAUSE_STOPS = "。；：！？\n"
_LEAD_RE = re.compile(
    r"^.*?(?:纪委|监委|监察委员会|纪检监察组|纪律检查委员会|纪工委)[^，。；]*?对(?:主动投案的|投案自首的)?"
)
_PREFIX_RE = re.compile(r"^[“”‘’《]*(?:经查|日前|近日|近期|此外|另外|其中|同时)?，?")
# Decision verbs and dashes before the unit: ``五华县纪委给予横陂镇…``, ``——汕头市接待办主任``.
_DECISION_LEAD_RE = re.compile(r"^(?:[—\-－–·•\s]+|.*?(?:分别)?(?:给予|对)(?:负有[^，。]{0,8}责任的)?)")
_IN_CHARGE_RE = re.compile(r"分管[^，。；]{1,16}?的")
_UNIT_END = "会委局院村镇乡司团心所站办厅部处科队区县市省组行校馆厂社场园街府"
_INNER_FORMER_RE = re.compile(
    rf"(?<=[{_UNIT_END}])(原|时任|原任|前(?![进门线哨锋期夕往身后]))(?=[\u4e00-\u9fff])"
)
_TENSE_RE = re.compile(r"^(原|时任|原任|现任|前任|曾任)")
_SUBDEPT_RE = re.compile(
    r"^(.{2,}?(?:有限公司|公司|集团|局|委员会|人民政府|政府|医院|学院|大学|学校|银行|分行|支行|中心|厅|管委会))"
    r"([^，、]{2,10}?(?:处|科|股|室|部|办公室|办|队|组))$"
)
_ANAPHOR_RE = re.compile(r"^该(局|公司|单位|村|镇|乡|院|委|中心|所|站|厅|部|办|街道|社区|行|校)")
_MAX_SPAN = 60
_MIN_UNIT_CHARS = 2
_GENERIC_UNIT_RE = re.compile(
    r"^(?:村|居|社区|社区居)?(?:委会|民委员会|居民委员会|党支部|党总支|两委|居委会|村委会)$"
)


# A reporting lead-in (中纪委通报了…, 记者获悉…, 宣布开除…的) is not part of the unit.
_REPORT_LEAD_RE = re.compile(r"^.*(?:通报了|宣布|获悉|披露了?|报道了?|曝光了?|查处了|查处)")
# 交通运输部安全与质量监督管理司（以下简称安质司）: an abbreviation note is not part of the unit.
_ABBREVIATION_RE = re.compile(r"（(?:以下)?简称[^）]{0,16}）")
_OF_RE = re.compile(r"的(?=[\u4e00-\u9fff]{2})")
_KEEP_OF_RE = re.compile(r"(?:分管|负责|主管)[^，。；]{1,16}?的|负有[^，。；]{0,8}责任的")


def _after_last_of(span: str) -> str:
    """``…违纪违法的中国船舶重工集团前董事长`` → the words after the last 的 that is not part of
    a 分管…的 / 负有…责任的 phrase (those describe the post)."""
    kept = {m.end() - 1 for m in _KEEP_OF_RE.finditer(span)}
    cuts = [m.start() for m in _OF_RE.finditer(span) if m.start() not in kept]
    return span[cuts[-1] + 1 :] if cuts else span


def _trim(span: str) -> str:
    """Keep the unit/position words just before the name."""
    span = _after_last_of(_REPORT_LEAD_RE.sub("", _LEAD_RE.sub("", _ABBREVIATION_RE.sub("", span))))
    parts = span.split("，")
    kept = parts[-1]
    for part in reversed(parts[:-1]):
        if not post_suffix(part):
            break
        kept = part + "，" + kept
    kept = _PREFIX_RE.sub("", kept).strip()
    return _DECISION_LEAD_RE.sub("", kept).strip() if _POST_RE.search(kept) else kept


def pre_name_span(text: str, name: str, others: tuple[str, ...] = ()) -> str:
    """The unit+position words printed before the first post-marked mention of ``name``.

    ``others`` are the other persons' names: a span never reaches back over one of them.
    """
    for start in occurrences(text, name):
        clause_start = max(text.rfind(c, 0, start) for c in _CLAUSE_STOPS) + 1
        for other in others:
            pos = text.rfind(other, clause_start, start)
            if other != name and pos >= 0 and not name.startswith(other):
                clause_start = max(clause_start, pos + len(other) + 1)
        span = _trim(text[clause_start:start])
        if span and len(span) <= _MAX_SPAN and (_POST_RE.search(span) or span[-1] in _UNIT_END):
            return span
    return ""


@lru_cache(maxsize=64)
def _placed_unit_re(noun: str) -> re.Pattern[str]:
    # Few distinct nouns (院, 局 …): compiled once each instead of on every call.
    return re.compile(r"[\u4e00-\u9fff]{1,6}?(?:自治区|省|市|州|盟|县|旗|区)[\u4e00-\u9fff]{0,14}?" + noun)


def _placed_unit(text: str, noun: str) -> str:
    """The first unit of ``text`` named with its place and ending in ``noun`` (务川县疾控中心)."""
    pattern = _placed_unit_re(noun)
    for clause in re.split(r"[，。；：、\n“”]", text):
        if m := pattern.search(clause):
            return m.group(0)
    return ""


# The organ a head post is held in (院长 → 院): where a post is printed without its unit
# (黄某作为院长), the unit is the one of that kind the case names with its place.
_POST_ORGAN = {
    "院长": "院",
    "局长": "局",
    "校长": "校",
    "所长": "所",
    "站长": "站",
    "馆长": "馆",
    "厂长": "厂",
    "大队长": "大队",
    "支队长": "支队",
    "总队长": "总队",
}
_BARE_PLACED_RE = r"(?:^|(?<=[，。；：、\n]))(?:省|市|县|区)[\u4e00-\u9fff]{1,14}?"


def unit_for_post(text: str, position: str) -> str:
    """The unit of a post printed alone (``作为院长``): the first unit of the post's kind named
    with its place (湖北省…研究院) or a bare 省/市/县 (省…研究院), else ''."""
    post = _TENSE_RE.sub("", position.split("、", maxsplit=1)[0]).removeprefix("副")
    noun = _POST_ORGAN.get(post)
    if not noun:
        return ""
    if placed := _placed_unit(text, noun):
        return placed
    m = re.search(_BARE_PLACED_RE + noun, text)
    return m.group(0) if m else ""


_PLACE_ANAPHOR_RE = re.compile(r"^(?:该|本)(市|州|县|区)")
_EARLIER_PLACE_RE = {
    "市": re.compile(r"([\u4e00-\u9fff]{2,4}?)市"),
    "州": re.compile(r"(?:^|(?<=[省，。；：、\n“]))([^，。；：、\n“省]{2,10}?)(?:自治州|州)"),
    "县": re.compile(r"(?:^|(?<=[省市州，。；：、\n“]))([^，。；：、\n“省市州]{1,6}?)(?:自治县|县)"),
    "区": re.compile(r"(?:^|(?<=[省市，。；：、\n“]))([^，。；：、\n“省市]{2,6}?)区"),
}


def _resolve_place_anaphor(unit: str, text: str) -> str:
    """该市林业局 → 南昌市林业局: 该市/该州/该县 is the last place of that kind named before it."""
    m = _PLACE_ANAPHOR_RE.match(unit)
    if not m or m.group(0) + unit[m.end() :] not in text:
        return unit
    before = text[: text.find(unit)]
    places = [p for p in _EARLIER_PLACE_RE[m.group(1)].finditer(before) if p.group(1)[:1] not in "该本全各"]
    if m.group(1) == "市":
        places = [p for p in places if p.group(1) in PREFECTURE_CITIES or p.group(1) in MUNICIPALITIES]
    return places[-1].group(0) + unit[m.end() :] if places else unit


_BARE_DISTRICT_RE = re.compile(r"^原?([\u4e00-\u9fff]{2,4}?[区县])")


@lru_cache(maxsize=256)
def _city_district_re(district: str) -> re.Pattern[str]:
    # One pattern per district name, reused across the cases of a notice.
    return re.compile(r"([\u4e00-\u9fff]{2,4}?)市" + re.escape(district))


def _qualify_district(unit: str, text: str) -> str:
    """津南区 after 天津市津南区 earlier in the text: the district keeps the city printed before
    (a municipality's districts rank as prefectures)."""
    m = _BARE_DISTRICT_RE.match(unit)
    if not m or "市" + m.group(1) not in text:
        return unit
    for city in _city_district_re(m.group(1)).finditer(text):
        if city.group(1)[-2:] in MUNICIPALITIES:
            return city.group(1)[-2:] + "市" + unit
    return unit


def _resolve_anaphor(unit: str, text: str) -> str:
    """该局 → the unit named earlier in the case (德州市…执法局, 务川县疾控中心)."""
    unit = _qualify_district(_resolve_place_anaphor(unit, text), text)
    m = _ANAPHOR_RE.match(unit)
    if not m:
        return unit
    before = text[: text.find(m.group(0))] if m.group(0) in text else text
    if placed := _placed_unit(before, m.group(1)):
        return placed
    first_clause = re.split(r"[，。；：\n]", text, maxsplit=1)[0][:40]
    idx = first_clause.rfind(m.group(1))
    return first_clause[: idx + len(m.group(1))] if idx > 1 else unit


_POST_TAIL_RE = re.compile("^(?:(?:原|时任|原任|兼|、|，)?(?:" + word_alternation(POST_WORDS) + "))+$")


def _post_match(seg: str) -> re.Match[str] | None:
    """The first post word after which the segment holds only posts (省长 in 山西省长治市… is not one)."""
    for m in _POST_RE.finditer(seg):
        if _POST_TAIL_RE.match(seg[m.start() :]):
            return m
    return _POST_RE.search(seg)


def _split_segment(seg: str) -> tuple[str, str]:
    """(unit, position) of one 、-separated segment."""
    charge = _IN_CHARGE_RE.search(seg)
    if charge:
        unit, post = _split_segment(seg[: charge.start()] + seg[charge.end() :])
        return unit, seg[charge.start() : charge.end()] + post
    m = _post_match(seg)
    if not m:
        return (seg, "") if seg and seg[-1] in _UNIT_END else ("", seg)
    unit, post = seg[: m.start()], seg[m.start() :]
    tense = _TENSE_RE.match(unit)
    if tense:
        unit = unit[tense.end() :]
        post = tense.group(1) + post
    inner = _INNER_FORMER_RE.search(unit)
    if inner:
        unit = unit[: inner.start()] + unit[inner.end() :]
        post = inner.group(1) + post
    for ending in ("原", "时任", "原任", "前"):
        if unit.endswith(ending):
            unit, post = unit[: -len(ending)], ending + post
    if len(unit) == 1 and unit in _UNIT_END:
        return "该" + unit, post  # 时任院党组书记: the court named before (resolved by the caller)
    if len(unit) < _MIN_UNIT_CHARS or _GENERIC_UNIT_RE.match(unit):
        return "", unit + post
    return unit, post


def split_unit_position(span: str, text: str = "") -> tuple[str, str]:
    """Split ``醴陵市委原书记、株洲市人民政府原副秘书长`` into units and position."""
    if not span:
        return "", ""
    pieces = re.split(r"([、，])", span)
    units: list[str] = []
    position = ""
    for i in range(0, len(pieces), 2):
        unit, post = _split_segment(pieces[i])
        if unit:
            units.append(_resolve_anaphor(unit, text))
        sep = pieces[i - 1] if i else ""
        position += (sep if position else "") + post
    if len(units) > 1:
        return ";".join(units), span
    unit = units[0] if units else ""
    sub = _SUBDEPT_RE.match(unit)
    if sub:
        unit, position = sub.group(1), sub.group(2) + position
    return unit, position


_APPOSITION_CLAUSES = 4
_NOT_APPOSITION_RE = re.compile(r"[因在对将把被受从违收给以]|涉嫌|利用|担任")


def apposition_span(text: str, name: str) -> str:
    """``王某，男，1970年生，某村原党总支书记，因…``: the post printed as an apposition after the
    name opening a clause (the first of the next few clauses that ends in a post word)."""
    # str.find, not a pattern per name: same non-overlapping matches, no compile per call.
    key = name + "，"
    pos = text.find(key)
    while pos >= 0:
        start, end = pos, pos + len(key)
        pos = text.find(key, end)
        if start and text[start - 1] not in "。；：\n“":
            continue
        clauses = re.split(r"[，。；\n]", text[end : end + _MAX_SPAN * 2])[:_APPOSITION_CLAUSES]
        for clause in clauses:
            if _NOT_APPOSITION_RE.search(clause):
                break
            if post_suffix(clause):
                return clause
    return ""


def is_unit_like(unit: str) -> bool:
    """The unit words end like an organ or a place (县环保局, 乙村), not like prose (要从)."""
    return bool(unit) and unit[-1] in _UNIT_END


def has_post(span: str) -> bool:
    """True when ``span`` holds a post word (书记, 局长, 会计 …)."""
    return _POST_RE.search(span) is not None


def trim_lead(span: str) -> str:
    """The unit words of ``span`` without lead-ins (经查, 给予, dashes, a 纪委 对 …)."""
    return _trim(span)
