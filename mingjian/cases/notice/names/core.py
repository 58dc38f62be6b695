"""Person names, the reading part: name shapes, spans after posts, decision lists and removal items."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..lexicon import (
    COMPOUND_SURNAMES,
    MINORITY_NAME_HEADS,
    NAME_FOLLOWERS,
    NAME_STOP_CHARS,
    NOT_NAME_PREFIXES,
    POST_WORDS,
    SINGLE_SURNAMES,
    occurrences,
    post_suffix,
    word_alternation,
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
_FOLLOW_ALT = word_alternation({*NAME_FOLLOWERS, *_SANCTION_WORDS})
_SURNAME_ALT = "|".join(COMPOUND_SURNAMES) + "|[" + "".join(sorted(SINGLE_SURNAMES)) + "]"
_NAME_RE = re.compile(
    rf"(?=((?:{_SURNAME_ALT})(?:某某?|[\u4e00-\u9fff]{{1,2}}?))(?:{_FOLLOW_ALT}|$))", re.MULTILINE
)
_FOLLOW_RE = re.compile(rf"(?:{_FOLLOW_ALT}|$)", re.MULTILINE)
_LIST_MARKS = "、和与及"


def _readings(text: str) -> list[tuple[int, str]]:
    """(start, name) for each shape match — and, where the lazy match took a one-character given
    name, the two-character reading too when it also fits (冯正均和…: 冯正 + 均, or 冯正均 + 和);
    repetition and _fits_all then pick between them."""
    found = []
    for m in _NAME_RE.finditer(text):
        name = m.group(1)
        found.append((m.start(), name))
        end = m.start() + len(name)
        one_char = len(name) == surname_len(name) + 1 and not is_masked(name)
        if (
            one_char
            and end < len(text)
            and "\u4e00" <= text[end] <= "\u9fff"
            and _FOLLOW_RE.match(text, end + 1)
        ):
            found.append((m.start(), text[m.start() : end + 1]))
    masked = _masked_readings(text) if "某" in text else []
    if not masked:
        return found
    starts = {start for start, _ in found}  # 朱某涛 read there already: not 朱某 as well
    return found + [reading for reading in masked if reading[0] not in starts]


def _masked_readings(text: str) -> list[tuple[int, str]]:
    """(start, name) of each 罗某 / 陆某某 / 欧阳某: a surname before a 某 (found from the 某s,
    which are few, rather than by trying every surname at every position)."""
    found: list[tuple[int, str]] = []
    at = text.find("某")
    while at > 0:
        end = at + (2 if text.startswith("某某", at) else 1)
        if text[at - 2 : at] in COMPOUND_SURNAMES:
            found.append((at - 2, text[at - 2 : end]))
        elif text[at - 1] in SINGLE_SURNAMES:
            found.append((at - 1, text[at - 1 : end]))
        at = text.find("某", end)
    return found


_UNIT_END_CHARS = "会委局院村镇乡司团心所站办厅部处科队区县市省组行校馆厂社场园街"
_BOUNDARY_CHARS = frozenset("，。；：、“”（）！？ \n月日年对经给予即和及与的")
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
    # Taken without a sanction of its own (listed with a person of the case) or read by the
    # tagger: the confirm page flags the names as uncertain.
    tentative: bool = False
    # Read as an item of a roster (see roster.py) or of a 免去…职务 decision: its boundaries are
    # the list's, not a guess (李明天河区副区长 reads 明天 across the name, but the unit follows).
    rostered: bool = False

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


_ORGAN_END_CHARS = frozenset("委局厅署办院场厂站所馆")  # 纪委, 国资委: the surname 纪/国 + an organ
# Two-character beginnings of post words (书记 → 书记; 处长 → 处长): a set lookup, not a scan.
_POST_PREFIXES = frozenset(w[:_MAX_GIVEN_CHARS] for w in POST_WORDS)
_POST_WORD_SET = frozenset(POST_WORDS)


def _valid_shape(name: str) -> bool:
    if name[:2] in NOT_NAME_PREFIXES or name[-1] in _ORGAN_END_CHARS or name in _POST_WORD_SET:
        return False
    given = name[surname_len(name) :]
    if not given or len(given) > _MAX_GIVEN_CHARS:
        return False
    if len(given) == _MAX_GIVEN_CHARS and given in _POST_PREFIXES:
        return False  # 原书记, 原处长: a post, not a name
    if "某" in given:
        # 张某, 张某某, and the half-masked 朱某涛 (surname, 某, the last given character).
        return given in ("某", "某某") or (given[0] == "某" and given[-1] not in NAME_STOP_CHARS)
    return not any(ch in NAME_STOP_CHARS for ch in given)


_SUBJECT_BEFORE = ("被告人", "判处", "罪犯")


def _left_context(text: str, start: int) -> tuple[bool, bool]:
    """(is a word boundary, follows a post word) for a name starting at ``start``."""
    if start == 0:
        return True, False
    before = text[max(0, start - 9) : start]
    if before.endswith(_SUBJECT_BEFORE):
        return True, True  # 被告人杨某, 判处杨某: the subject of a trial
    if post_suffix(before) or post_suffix(before.removesuffix("）")):
        return True, True  # 副主席(原财务科主任)陈某: a post in brackets still precedes the name
    return before[-1] in _BOUNDARY_CHARS or before[-1] in _UNIT_END_CHARS, False


def _spans(text: str) -> list[tuple[int, str, bool]]:
    """(start, name, after_post) for every plausible name occurrence."""
    found: list[tuple[int, str, bool]] = []
    for start, name in _readings(text):
        if not _valid_shape(name) or not _fits_all(text, start, name):
            continue
        if len(post_suffix(text[max(0, start - 8) : start + 1])) > 1:
            continue  # 副局长孙丽, 会计陈琛: the 长 of 局长 and the 计 of 会计 begin no name
        ok, after_post = _left_context(text, start)
        if is_masked(name) and start and text[start - 1] in _UNIT_END_CHARS:
            ok = after_post = True  # 岩细村罗某: a masked name right after its unit
        if ok:
            found.append((start, name, after_post or _post_follows(text, start + len(name))))
    return found


_POST_AFTER_RE = re.compile(r"(?:系|作为|身为|时任|是)(?P<span>[^，。；]{2,30})")


def _post_follows(text: str, end: int) -> bool:
    """赵某系某局执法支队支队长: the post printed after the name, as its predicate."""
    m = _POST_AFTER_RE.match(text, end)
    return bool(m and post_suffix(m.group("span")))


_LIST_LOOKBACK = 16


def _fits_all(text: str, start: int, name: str) -> bool:
    """均 after a name is the adverb "all" only after a list (张三、李四均受到): 冯正均和吴定勇 is
    one name, and 张三、李明均受到 ends 李明 at 均."""
    listed = start > 0 and text[start - 1] in _LIST_MARKS
    if text.startswith("均", start + len(name)):
        # 柯某某和党总支原副书记朱某某均受到: a list earlier in the clause, or a masked name
        clause = re.split(r"[，。；：\n]", text[max(0, start - _LIST_LOOKBACK) : start])[-1]
        return listed or is_masked(name) or any(mark in clause for mark in _LIST_MARKS)
    return not (name.endswith("均") and listed and len(name) > surname_len(name) + 1)


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


_DECISION_SPAN_RE = re.compile(
    r"(?:给予|对|责令)(?P<span>[^。；]{2,160}?)(?:党内|(?:政务|行政)(?=警告|记大?过|降级|撤职|开除|处分)|留党察看|开除|撤销"
    r"|严重警告|警告|记大?过|降级|撤职|诫勉|通报批评|批评教育|免职|予以|按照程序|立案|进行|作出|实施|采取"
    r"|提醒谈话|谈话提醒|警示谈话|约谈|问责|停职|向(?:[县市区镇乡]|[县市区]?委|党委|组织)[^。；]{0,6}(?:写出|作出|检讨|检查))"
)
_GROUP_END_RE = re.compile(r"(?:二|两|三|四|五|六|七|八|九|\d+)(?:人|名同志|名)|等人|均|分别|同志")


_SEGMENT_TAIL_RE = re.compile(r"(?:(?:\d+|[二两三四五六七八九十])名)?(?:同志|等人|等)?$")


def decision_list_names(text: str) -> list[tuple[int, str]]:
    """Names closing a ``post + name`` segment of a decision object (``给予…镇长陈鹏3名同志…``).

    Inside the object of a 给予/对 decision every segment names one person; the name is what
    follows the last post word of the segment, two or three characters, whatever the surname.
    """
    found: list[tuple[int, str]] = []
    for start, end in decision_spans(text):
        listed = False  # the segment before named someone: a bare 王红涛 after 干部崔俊杰 is one too
        for seg in re.finditer(r"[^，、]+", text[start:end]):
            body = _SEGMENT_TAIL_RE.sub("", seg.group(0))
            named = False
            for part in re.split(r"和|及", body):
                cut = _segment_name_start(part, listed)
                if cut is None:
                    continue
                tail = part[cut:]
                if _MIN_NAME_CHARS <= len(tail) <= _MAX_LISTED_NAME_CHARS and _valid_free_shape(tail):
                    found.append((start + seg.start() + body.find(part) + cut, tail))
                    named = True
            listed = named
    return found


# 免去解高民洪洞县委副书记、县长职务，王新森县环保局副局长职务: the name is printed before the post.
_REMOVAL_RE = re.compile(r"(?:免去|撤销)[^。；：]{2,600}?职务(?:[，；][^。；：]{2,80}?职务)*")
_REMOVAL_ITEM_RE = re.compile(
    r"(?:^|(?<=[，；]))(?:按程序|依法|依规)?(?:免去|撤销)?(?P<item>[^，；]{2,80}?)(?:等)?职务"
)
_GROUP_TAIL_RE = re.compile(r"(?:(?:两|二|三|四|五|\d+)(?:位|名))?(?:同志)?(?:所任|所有|的|其)?$")
_RESIGN_RE = re.compile(
    r"同意(?P<name>[\u4e00-\u9fff]{2,3}?)(?:同志)?(?:引咎)?辞去(?P<post>[^。；]{2,40}?)职务"
)
# 免去大桥镇县级责任领导管军冕宁县政协党组书记职务: the item names the person by a role first.
_ROLE_PREFIX_RE = re.compile(r"^[^，、]{0,14}?(?:责任|包片|分管|联系|挂点)领导(?=[\u4e00-\u9fff]{4})")


def removal_names(text: str) -> list[tuple[int, str]]:
    """Names that open the items of a 免去…职务 decision (each item: name, then unit and post),
    and those of an accepted resignation (同意彭某某辞去某县副县长职务)."""
    resigned = [
        (m.start("name"), m.group("name")) for m in _RESIGN_RE.finditer(text) if _valid_shape(m.group("name"))
    ]
    return [(start, name) for start, name, _ in removal_items(text)] + resigned


def removal_posts(text: str) -> dict[str, str]:
    """name → the unit and post printed after it in a 免去…职务 item or an accepted resignation
    (同意甲某辞去某县副县长职务: the post is printed after the name, not before it)."""
    posts: dict[str, str] = {}
    for _, name, rest in removal_items(text):
        posts.setdefault(name, rest)
    for m in _RESIGN_RE.finditer(text):
        if _valid_shape(m.group("name")):
            posts.setdefault(m.group("name"), m.group("post"))
    return posts


@lru_cache(maxsize=8)
def removal_items(text: str) -> tuple[tuple[int, str, str], ...]:
    """(start, name, unit and post) of each item of a 免去…职务 decision."""
    found: list[tuple[int, str, str]] = []
    for m in _REMOVAL_RE.finditer(text):
        for item in _REMOVAL_ITEM_RE.finditer(m.group(0)):
            body = item.group("item")
            for printed in re.split(r"、", body) if not has_post_word(body) else [body]:
                part = _ROLE_PREFIX_RE.sub("", _GROUP_TAIL_RE.sub("", printed))
                name = _name_before_post(part, text)
                if name:
                    found.append((m.start() + item.start("item") + body.find(part), name, part[len(name) :]))
    return tuple(found)


def has_post_word(text: str) -> bool:
    return _POST_WORD_RE.search(text + "。") is not None or bool(post_suffix(text))


def _name_before_post(part: str, text: str) -> str:
    """The name at the start of ``part``: the whole part when it is a name alone, else the
    reading (two or three characters) whose remainder is printed elsewhere as a unit (县环保局)."""
    if not surname_len(part) or part[:2] in NOT_NAME_PREFIXES:
        return ""
    if len(part) <= _MAX_LISTED_NAME_CHARS:
        return part if _valid_shape(part) else ""
    if not has_post_word(part):
        return ""
    if is_masked(part[:3]) or part[1:2] == "某":
        masked = re.match(r"^.某某?", part)
        return masked.group(0) if masked else ""
    best, best_score = "", -1
    given = surname_len(part)  # 沙马建波: a compound surname takes two characters
    for size in (given + 2, given + 1):  # a two-character given name is the more common: it wins a tie
        name, rest = part[:size], part[size:]
        if not _valid_shape(name) or rest[:1] in "、，":
            continue
        score = text.count(rest[:3]) + text.count(rest[:4])
        if score > best_score:
            best, best_score = name, score
    return best


# Role words that are not posts but precede a name in a decision (后勤人员陈维洽, 包片领导侯涛).
_ROLE_BEFORE_NAME_RE = re.compile(r"(?:人员|领导)(?=[\u4e00-\u9fff]{2,3}$)")


def _segment_name_start(part: str, listed: bool) -> int | None:
    """Where the name of a decision segment starts: after its last post or role word, or at
    its start when it holds only a surname-led name and the segment before named someone."""
    ends = [m.end() for m in _POST_WORD_RE.finditer(part)]
    ends += [m.end() for m in _ROLE_BEFORE_NAME_RE.finditer(part) if surname_len(part[m.end() :])]
    if ends:
        return max(ends)
    if listed and surname_len(part) and len(part) <= _MAX_LISTED_NAME_CHARS:
        return 0
    return None


@lru_cache(maxsize=8)
def decision_spans(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of the object of each 给予/对 … decision (names inside it are sanctioned)."""
    return tuple((m.start("span"), m.end("span")) for m in _DECISION_SPAN_RE.finditer(text))


def _in_decision(positions: list[int], spans: tuple[tuple[int, int], ...]) -> bool:
    return any(start <= pos < end for pos in positions for start, end in spans)


# Being investigated or tried is as much the subject of the case as being sanctioned.
_INVESTIGATED_AFTER = (
    "接受纪律审查",
    "接受审查调查",
    "接受纪律审查和监察调查",
    "接受组织调查",
    "被留置",
    "被判处",
)
_INVESTIGATED_BEFORE = ("给予", "给予其", "判处", "被告人", "留置")
# …涉嫌严重违纪违法，目前正在接受纪律审查和监察调查: the investigation a few words after the name.
_INVESTIGATED_CLAUSE_RE = re.compile(
    r"[^。；]{0,16}?(?:涉嫌严重违纪|接受(?:纪律审查|审查调查|监察调查|组织审查|组织调查)|被(?:依法)?留置|被立案审查)"
)


def _is_sanctioned(text: str, name: str) -> bool:
    if any(text.find(a + name) >= 0 for a in _INVESTIGATED_BEFORE):
        return True
    if any(text.find(name + a) >= 0 for a in _INVESTIGATED_AFTER):
        return True
    ends = [at + len(name) for at in occurrences(text, name)]
    if any(_DIRECT_SANCTION_RE.match(text, end) or _INVESTIGATED_CLAUSE_RE.match(text, end) for end in ends):
        return True
    if any(text.find(name + a) >= 0 for a in _ANCHOR_AFTER[:6] if a != "被"):
        return True
    return any(_LISTED_SANCTION_RE.match(text, end) for end in ends)


# 付某被点名曝光 (a precedent the story recalls), 被网友拍到: passives that sanction nobody.
_NOT_SANCTION_PASSIVE = r"(?!点名|曝光|网友|媒体|群众|拍|举报|发现|称为|评为|誉为|授予|提拔|任命|选为)"
# Compiled once and matched after each mention (not a pattern built per name).
_DIRECT_SANCTION_RE = re.compile(_DIRECT_SANCTION)
_LISTED_SANCTION_RE = re.compile(
    r"(?:(?:、|和|及)[^，。；、]{2,4}){0,8}(?:(?:二|两|三|四|五|\d+)人)?(?:分别|均)?(?:受到|被"
    + _NOT_SANCTION_PASSIVE
    + ")"
)


_MIN_NAME_CHARS = 2
_WORD_LED_NAME_CHARS = 3
_MAX_LISTED_NAME_CHARS = 3
_MIN_MENTIONS = 2
_CJK_RUN_RE = re.compile(r"[\u4e00-\u9fff]{2,4}")
_MAX_POST_ANCHORED = 4


def _post_anchored(text: str) -> list[tuple[int, str]]:
    """Names printed right after a post word whatever their surname (朵海生, 若相波).

    The string must come back later in the text with the same length (the subject of the
    facts or of the sanction), which a post followed by ordinary words does not.
    """
    found: list[tuple[int, str]] = []
    for m in _POST_WORD_RE.finditer(text):
        run = _CJK_RUN_RE.match(text, m.end())
        if not run:
            continue
        best = ""
        base = text.count(run.group(0)[:2])
        for k in range(2, min(len(run.group(0)), _MAX_POST_ANCHORED) + 1):
            if k > _MIN_NAME_CHARS and text.startswith(NAME_FOLLOWERS, m.end() + k - 1):
                break  # 郑忠坦履行: the name ends where a word of the facts begins
            cand = run.group(0)[:k]
            if (
                text.count(cand) >= _MIN_MENTIONS
                and text.count(cand) == base
                and _valid_free_shape(cand, text)
            ):
                best = cand
        starts_with_post = any(best[:k] in _POST_WORD_SET for k in range(_MIN_NAME_CHARS, len(best) + 1))
        if best and not starts_with_post and _acts_later(text, best, m.end()):
            found.append((m.end(), best))
    return found


_LATER_FOLLOWERS = (
    "受到",
    "还",
    "被",
    "等",
    "多次",
    "先后",
    "违规",
    "以",
    "在",
    "作为",
    "负有",
    "二人",
    "、",
    "将",
    "对",
)
_CLAUSE_START_CHARS = frozenset("，。；：\n、“")


def _acts_later(text: str, name: str, after: int) -> bool:
    """A later mention opens a clause, is followed by a verb of the facts or is the object of
    a decision (对负有领导责任的黄金华进行问责) — not ordinary prose."""
    spans = decision_spans(text)
    for pos in occurrences(text, name, after):
        if text[pos - 1] in _CLAUSE_START_CHARS or text.startswith(_LATER_FOLLOWERS, pos + len(name)):
            return True
        stop = pos + len(name)
        if any(
            start <= pos and (stop == end or (stop < end and text[stop] in "、，和及"))
            for start, end in spans
        ):
            return True  # the name closes a segment of the decision's object
    return False


_DOTS = "·•・‧"
_DOTTED_HEAD_RE = re.compile(rf"[\u4e00-\u9fff]{{1,6}}[{_DOTS}]")
_MAX_DOTTED_TAIL = 8


def _dotted_names(text: str) -> list[tuple[int, str]]:
    """艾力亚尔·木塔力甫 after a post: a transcribed name, its parts joined by a middle dot; the
    name ends where a word of the facts or the sanction begins."""
    found: list[tuple[int, str]] = []
    if not any(dot in text for dot in _DOTS):
        return found
    for m in _POST_WORD_RE.finditer(text):
        head = _DOTTED_HEAD_RE.match(text, m.end())
        if not head:
            continue
        for end in range(head.end() + 1, min(head.end() + _MAX_DOTTED_TAIL, len(text)) + 1):
            if not "\u4e00" <= text[end - 1] <= "\u9fff":
                break
            if _FOLLOW_RE.match(text, end):
                found.append((m.end(), text[m.end() : end]))
                break
    return found


def _valid_free_shape(name: str, text: str = "") -> bool:
    """A name without a known surname: no stop or post characters, not a known non-name.

    A three-character name may begin with a word (黄金华): when ``text`` is given and the word
    never appears there without the third character, it is read as the name."""
    if name[-1] in NAME_STOP_CHARS or len(name) < _MIN_NAME_CHARS:
        return False
    if len(name) == _MIN_NAME_CHARS and name[0] in "小老" and surname_len(name[1:]):
        return False  # 工作人员小刘, 组长老孙: how a story calls someone, not a name
    if name[:2] in NOT_NAME_PREFIXES and not _word_led_name(name, text):
        return False
    if post_suffix(name):
        return False  # 会原主任: the tail of 委员会原主任, not a name
    if name[:_MIN_NAME_CHARS] in MINORITY_NAME_HEADS:
        return not any(ch in NAME_STOP_CHARS for ch in name[_MIN_NAME_CHARS:])
    return not any(ch in _FREE_STOP_CHARS for ch in name)


def _word_led_name(name: str, text: str) -> bool:
    """黄金华: three characters led by a word (黄金) that the text never prints alone, with a
    surname, and followed somewhere by what follows a name (因, 受到, a comma)."""
    if len(name) != _WORD_LED_NAME_CHARS or not surname_len(name) or text.count(name[:2]) > text.count(name):
        return False
    return any(_FOLLOW_RE.match(text, at + len(name)) for at in occurrences(text, name))


_FREE_STOP_CHARS = frozenset(
    "，。；：、（）“”的了在对将把被受因等违收接从与及是也还又已曾未仍涉身担多先期间年月日"
    "委局厅部院署办司议"  # 国资委, 纪委, 会议: organs and meetings, not people
)
_POST_WORD_RE = re.compile("(?:" + word_alternation(POST_WORDS) + ")(?=[\u4e00-\u9fff])")
