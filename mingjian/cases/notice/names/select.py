"""Person names, the choosing part: candidates gathered from every reading, who the case is about.

rjieba's person tag (nr) is only a second opinion, where the rules cannot tell where a name
listed after a post ends (its model ships in the wheel; nothing is downloaded).
"""

from __future__ import annotations

import re

import rjieba

from ..lexicon import COUNT_RE, POST_WORDS, count_value, occurrences, word_alternation
from ..plausible import plausible_name
from ..roster import counted_names, roster_names
from .core import (
    _MAX_LISTED_NAME_CHARS,
    _MIN_NAME_CHARS,
    _POST_WORD_RE,
    NameCandidate,
    _dotted_names,
    _in_decision,
    _is_sanctioned,
    _post_anchored,
    _prefer_repeated,
    _spans,
    _valid_shape,
    decision_list_names,
    decision_spans,
    removal_names,
    surname_len,
)


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
    removed = removal_names(text)

    def is_name(n: str) -> bool:
        return bool(surname_len(n)) and _valid_shape(n)

    rostered = [*roster_names(text, is_name), *counted_names(text, is_name)]
    found = [*_post_anchored(text), *_dotted_names(text), *decision_list_names(text), *removed, *rostered]
    for _, name in rostered:
        for short in [n for n in by_name if n != name and n in name]:
            del by_name[short]
    for start, name in found:
        same = [c for c in by_name.values() if name in c.name or c.name in name]
        for cand in same:
            cand.after_post, cand.first = True, min(cand.first, start)
        if not same:
            by_name[name] = NameCandidate(name, start, after_post=True)
    _add_tagged_after_posts(text, by_name)
    _drop_nested(text, by_name)
    decisions = decision_spans(text)
    subjects = _sanctioned_subjects(text, list(by_name))
    for cand in by_name.values():
        cand.count = text.count(cand.name)
        positions = occurrences(text, cand.name)
        subject = cand.name in subjects and (cand.after_post or _opens_clause(text, positions))
        cand.sanctioned = subject or _is_sanctioned(text, cand.name) or _in_decision(positions, decisions)
        cand.rostered = any(name == cand.name for _, name in [*rostered, *removed])
        cand.sanctioned = cand.sanctioned or cand.rostered or any(name == cand.name for _, name in removed)
    _continue_lists(text, list(by_name.values()))
    _mark_group_decision(text, list(by_name.values()))
    _mark_counted_intro(text, list(by_name.values()))
    _mark_post_subjects(text, list(by_name.values()))
    return sorted(by_name.values(), key=lambda c: (-c.score, c.first))


def _add_tagged_after_posts(text: str, by_name: dict[str, NameCandidate]) -> None:
    """镇党委书记刘永炬落实…, 副主任潘建秋进行谈话提醒: a name printed once after its post and
    followed by a word the rules do not know ends nowhere they can see; rjieba's person tag
    reads it (a known surname required). Such a name still needs a sanction, a decision or an
    investigation of its own to be taken, and is flagged for checking."""
    for m in _POST_WORD_RE.finditer(text):
        at = m.end()
        if any(text.startswith(c.name, at) for c in by_name.values()):
            continue
        name = _tagged_name(text, at)
        if name and not any(name in c.name or c.name in name for c in by_name.values()):
            by_name[name] = NameCandidate(name, at, after_post=True, tentative=True)


def _drop_nested(text: str, by_name: dict[str, NameCandidate]) -> None:
    """司马光明 read as 马光明 too: a name printed only inside a longer one is not a name of its own."""
    for name in list(by_name):
        if any(
            name != other and name in other and text.count(name) == text.count(other) for other in by_name
        ):
            del by_name[name]


# 上述九人…, 等3人…, and a sentence opening with the count (事后，两人分别受到…处分).
_GROUP_DECISION_RE = re.compile(
    rf"(?P<kind>上述|等|给予|(?:^|(?<=[。；\n]))(?:事后|随后|最终|目前)?，?)(?P<n>{COUNT_RE})(?:人|名)"
    r"[^。；]{0,40}?(?:立案|处分|问责|诫勉|免职|处理|移送)"
)


def _continue_lists(text: str, cands: list[NameCandidate]) -> None:
    """法官余某、袁某: a name listed right after a post-anchored one shares its post."""
    for cand in sorted(cands, key=lambda c: c.first):
        if cand.after_post or cand.first < 1 or text[cand.first - 1] != "、":
            continue
        cand.after_post = any(c.after_post and c.first + len(c.name) == cand.first - 1 for c in cands)


def _opens_clause(text: str, positions: list[int]) -> bool:
    """Some mention starts a clause or a list item (冒领本村全迁户 is not a person's mention)."""
    return any(p == 0 or text[p - 1] in "，。；：\n、和及与" for p in positions)


# 原支书冼某、原村主任周某、原村文书刘某3人，因…被法院分别判处: a count printed right after the
# last name of a list, then the decision in the same sentence.
_LISTED_COUNT_RE = re.compile(
    rf"(?<=[\u4e00-\u9fff])(?P<n>{COUNT_RE})(?:人|名)[^。；]{{0,60}}?(?:立案|处分|问责|诫勉|免职|处理|移送|判处)"
)


def _mark_group_decision(text: str, cands: list[NameCandidate]) -> None:
    """对上述九人立案审查调查, 陈某、李某、张某等3人…已移送: when the people named after their
    posts before the count (for 等, in the same sentence) are exactly as many as it says, the
    decision is about each of them; any other count names nobody."""
    for m in _GROUP_DECISION_RE.finditer(text):
        raw = m.group("n")
        count = count_value(raw)
        since = 0 if m.group("kind") != "等" else max(text.rfind(c, 0, m.start()) for c in "。；\n") + 1
        listed = [c for c in cands if c.after_post and since <= c.first < m.start()]
        if len(listed) == count:
            for cand in listed:
                cand.sanctioned = True
    for m in _LISTED_COUNT_RE.finditer(text):
        since = max(text.rfind(c, 0, m.start()) for c in "。；\n") + 1
        listed = [c for c in cands if c.after_post and since <= c.first < m.start()]
        closes = any(c.first + len(c.name) == m.start() for c in listed)
        if closes and len(listed) == count_value(m.group("n")):
            for cand in listed:
                cand.sanctioned = True


# 这4人都是该镇的工作人员，其中副主任甲某，另外3名分别是乙某、丙某和丁某 … 四人被就地免职: a
# sentence that introduces a count, then prints exactly as many names; a decision about a bare
# count equal to it is about each of them.
_COUNT_INTRO_RE = re.compile(rf"(?:这|该|上述|此)(?P<n>{COUNT_RE})(?:人|名)(?:都|均|分别)?(?:是|为|系)")
_BARE_COUNT_DECISION_RE = re.compile(
    rf"(?:^|(?<=[。；：:\n，]))(?:这|该|上述)?(?P<n>{COUNT_RE})(?:人|名[^。；，]{{0,6}}?)(?:均|都|分别|同时)?"
    r"(?:被|受到)[^。；]{0,20}?(?:免职|处分|问责|处理|诫勉|撤职|开除|停职)"
)


def _mark_counted_intro(text: str, cands: list[NameCandidate]) -> None:
    decided = {count_value(m.group("n")) for m in _BARE_COUNT_DECISION_RE.finditer(text)}
    if not decided:
        return
    for m in _COUNT_INTRO_RE.finditer(text):
        count = count_value(m.group("n"))
        if count not in decided:
            continue
        ends = [e for e in (text.find(c, m.end()) for c in "。\n") if e >= 0]
        end = min(ends, default=len(text))
        listed = [c for c in cands if any(m.end() <= at < end for at in occurrences(text, c.name))]
        if len(listed) == count:
            for cand in listed:
                cand.sanctioned = True


# 该社区书记、主任双双受到党内严重警告处分: the subject is a list of posts, each printed before the
# name of one person earlier in the text (党总支书记甲某 … 居委会主任乙某).
_POST_ALT = word_alternation(POST_WORDS)
_POST_LIST_SUBJECT_RE = re.compile(
    rf"(?P<posts>(?:{_POST_ALT})(?:[、和与及](?:{_POST_ALT}))+)(?:双双|均|都|分别|同时)?"
    r"(?:受到|受(?=[^。；]{0,12}处分)|被给予|被(?!告))"
)


def _mark_post_subjects(text: str, cands: list[NameCandidate]) -> None:
    for m in _POST_LIST_SUBJECT_RE.finditer(text):
        start = max(text.rfind(c, 0, m.start()) for c in "。；\n") + 1
        if any(c.name in text[start : m.start()] for c in cands):
            continue  # a named subject: the posts are that person's
        holders = []
        for post in re.split(r"[、和与及]", m.group("posts")):
            held = [
                c
                for c in cands
                if c.after_post and any(text.endswith(post, 0, at) for at in occurrences(text, c.name))
            ]
            if len(held) != 1 or held[0] in holders:
                break
            holders.append(held[0])
        else:
            for cand in holders:
                cand.sanctioned = True


_SANCTION_SENTENCE_RE = re.compile(
    r"受到|受(?=[^。；，]{0,10}处分)|被开除|被免职|被免去|给予|被撤销|被(?:依法)?追究|被判处|被立案|诫勉|移送|扣减|扣发|扣罚|被除名|予以[^。；]{0,12}处分"
    r"|作(?:出)?(?:深刻|书面)?(?:检讨|检查)"
)


def _sanctioned_subjects(text: str, names: list[str]) -> set[str]:
    """Names that open a sentence stating a sanction (``张某还存在其他问题，被开除党籍``)."""
    found: set[str] = set()
    for sent in re.finditer(r"[^。！？\n]+", text):
        carried = ""  # 主任甲某，同时负责…；对…负有直接责任，受到…处分: the subject of a clause without one
        for sentence in sent.group(0).split("；"):
            verb = _SANCTION_SENTENCE_RE.search(sentence)
            if not verb:
                carried = sentence
                continue
            before, after = sentence[: verb.start()], sentence[verb.end() :]
            if verb.group(0) == "给予" and any(n in after for n in names):
                carried = ""
                continue  # …，给予郭某党内警告处分: the decision's object is named after the verb
            subjects = [n for n in names if n in before and "另案" not in before]
            held = [n for n in names if n in carried] if "另案" not in carried else []
            if held and not any(plausible_name(text, n, bool(surname_len(n))) for n in subjects):
                subjects = held
            found.update(subjects)
            carried = ""
    return found


def main_names(text: str) -> list[str]:
    """Names of the people the case is about, in order of first mention."""
    return [c.name for c in main_candidates(text)]


def main_candidates(text: str) -> list[NameCandidate]:
    """The candidates :func:`main_names` takes, in order of first mention.

    A candidate with neither a sanction nor a post before it is not taken: a wrong name is
    worse than none (the confirm page asks for it instead).
    """
    cands = [
        c
        for c in name_candidates(text)
        if c.rostered or plausible_name(text, c.name, bool(surname_len(c.name)))
    ]
    chosen = [c for c in cands if c.sanctioned]
    # Only a sanctioned person's list brings in the others printed with it (a guess does not).
    chosen += _co_listed(text, chosen, [c for c in cands if c not in chosen])
    if not chosen:  # a guess: the first name the rules (not the tagger) read after a post
        chosen = [c for c in cands if c.after_post and not c.tentative][:1]
        for cand in chosen:
            cand.tentative = True  # named after a post, but nothing says the case is about them
    return sorted(chosen, key=lambda c: c.first)


_CO_LIST_GAP_RE = re.compile(
    r"[，、和及与][^，。；、：\n]{0,12}?(?:" + word_alternation(POST_WORDS) + r")|、"
)


def _co_listed(text: str, chosen: list[NameCandidate], rest: list[NameCandidate]) -> list[NameCandidate]:
    """原局长黎明，副局长王学良、陈江涛: people printed with their posts in one list with a person of
    the case act with them (labelled as persons of the case even when no sanction is printed)."""
    added: list[NameCandidate] = []
    known = {c.name for c in [*chosen, *rest]}
    ends = [at + len(c.name) for c in chosen for at in occurrences(text, c.name)]
    pending = list(ends)
    while pending:
        end = pending.pop(0)
        gap = _CO_LIST_GAP_RE.match(text, end)
        if not gap or gap.end() == end:
            continue
        at = gap.end()
        if any(text.startswith(c.name, at) for c in [*chosen, *added]):
            continue
        listed = [c for c in rest if c.after_post and surname_len(c.name) and text.startswith(c.name, at)]
        cand = max(listed, key=lambda c: len(c.name), default=None)
        name = _tagged_name(text, at) if cand is None else ""
        if name and not any(k.startswith(name) or name.startswith(k) for k in known):
            cand = NameCandidate(name, at, count=text.count(name), after_post=True)
        if cand is None or cand in added or any(cand.name + mark in text for mark in ("另案", "（另案")):
            continue  # 村委会主任叶西（另案处理）: another case's person
        cand.tentative = True
        added.append(cand)
        pending.extend(at + len(cand.name) for at in occurrences(text, cand.name))
    return added


_TAG_WINDOW = 8
_GIVEN_TOKEN = 1


def _tagged_name(text: str, start: int) -> str:
    """A second opinion where the rules cannot tell where a name ends (陈江涛召开…): rjieba's
    person tag (nr) on the few characters after a post, kept only with a known surname."""
    words = rjieba.tag(text[start : start + _TAG_WINDOW])
    if not words or words[0][1] != "nr":
        return ""
    word = words[0][0]
    if len(word) == 1 and len(words) > _GIVEN_TOKEN + 1 and words[_GIVEN_TOKEN + 1][1] in ("v", "x"):
        word += words[_GIVEN_TOKEN][0]  # 赵|海波|召开: a surname, its given name, then a verb
    if not _MIN_NAME_CHARS <= len(word) <= _MAX_LISTED_NAME_CHARS or not surname_len(word):
        return ""
    return word if _valid_shape(word) else ""
