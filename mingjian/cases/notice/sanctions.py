"""Party and government sanctions, attributed to the persons of a case."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .lexicon import COUNT_RE, count_value
from .model import ParsedPerson, govt_rank, party_rank

_SANCTION_RE = re.compile(
    r"(?P<pe>开除党籍)"
    r"|(?P<pl>留党察看(?P<dur>[一二两1-2]年)?)"
    r"|(?P<pc>撤销(?:其)?党内(?:一切)?职务|撤销(?:其)?[^，。；和]{0,16}?党[^，。；和]{0,6}?(?:书记|委员)(?:职务)?)"
    r"|(?P<ps>(?:党内)?严重警告)"
    r"|(?P<pw>党内警告)"
    r"|(?P<ge>开除公职|(?<=开除党籍)[和、及与]?公职|(?:行政|政务)开除|(?<![党籍])开除(?=处分))"
    r"|(?P<gr>(?:行政|政务)?撤职|撤销(?:其)?行政职务|(?:行政|政务)撤销"
    r"|撤销(?:其)?(?![^，。；]{0,8}党)[^，。；和]{1,8}?职务(?=的?处分))"  # 撤销校长职务处分: pre-2018 撤职
    r"|(?P<gd>(?:行政|政务)?降级)"
    r"|(?P<gm>(?:行政|政务)?记大过)"
    r"|(?P<gk>(?:行政|政务)?记过)"
    r"|(?P<gw>(?:行政|政务)警告)"
    r"|(?P<aw>警告)"
)
_VALUES = {
    "pe": ("party", "开除党籍"),
    "pl": ("party", "留党察看"),
    "pc": ("party", "撤销党内职务"),
    "ps": ("party", "严重警告"),
    "pw": ("party", "警告"),
    "ge": ("govt", "开除"),
    "gr": ("govt", "撤职"),
    "gd": ("govt", "降级"),
    "gm": ("govt", "记大过"),
    "gk": ("govt", "记过"),
    "gw": ("govt", "警告"),
    "aw": ("ambiguous", "警告"),
}
_SENTENCE_RE = re.compile(r"[^。；！？\n]+")
_QUICK_RE = re.compile(r"开除|留党|撤销|撤职|降级|记过|记大过")
_SKIP_CONTEXT_RE = re.compile(r"曾(?:因|受到|被)|免于|免予|不予|此前|期间受到|影响期")
# 拟给予 / 建议给予: a proposal, not a decision (kept apart for the confirm page).
_PROPOSED_RE = re.compile(r"(?:拟|建议|提请)(?:对[^，。；]{0,20})?(?:给予|作出)[^，。；]{0,40}$")
_OTHERS_RE = re.compile(r"其他(?:相关)?(?:人员|责任人)|相关责任人|其余人员")
_UNSPECIFIED_RE = re.compile(r"(?:党纪|政务|纪律|党纪政务)处分")
_SEPARATE_RE = re.compile(r"分别")


@dataclass
class Mention:
    """One sanction word in the text."""

    kind: str
    value: str
    detail: str
    start: int


def _mentions_in(sentence: str, offset: int) -> list[Mention]:
    found = []
    for m in _SANCTION_RE.finditer(sentence):
        clause_start = max(sentence.rfind("，", 0, m.start()), 0)
        if _SKIP_CONTEXT_RE.search(sentence[: m.start()]) or _OTHERS_RE.search(
            sentence[clause_start : m.start()]
        ):
            continue
        key = m.lastgroup if m.lastgroup != "dur" else "pl"
        key = "pl" if m.group("pl") else key
        if key is None:
            continue
        kind, value = _VALUES[key]
        if _PROPOSED_RE.search(sentence[clause_start : m.start()]):
            kind = "proposed_" + kind
        detail = m.group("pl") if key == "pl" else ""
        found.append(Mention(kind, value, detail or "", offset + m.start()))
    return found


def _name_groups(text: str, names: list[str]) -> list[tuple[int, int, list[str]]]:
    """Runs of names joined by 、/和/及, as (start, end, names)."""
    if not names:
        return []
    run_re, name_re = _name_patterns(tuple(names))
    groups: list[tuple[int, int, list[str]]] = []
    for m in run_re.finditer(text):
        groups.append((m.start(), m.end(), name_re.findall(m.group(0))))
    return groups


@lru_cache(maxsize=256)
def _name_patterns(names: tuple[str, ...]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    # Built per notice from its names and reused for each of its sentences: re's own cache
    # (512 entries) overflows on these and recompiled them on most calls.
    alt = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?:{alt})(?:(?:、|和|及)(?:{alt}))*"), re.compile(alt)


_COUNT_OPENING_RE = re.compile(rf"(?:事后|随后|最终|目前)?，?(?P<n>{COUNT_RE})(?:人|名)")


def _counted_subjects(text: str, start: int, groups: list[tuple[int, int, list[str]]]) -> list[str]:
    """事后，两人分别受到…: a sentence opening with a count that matches the people named
    before it is about each of them."""
    m = _COUNT_OPENING_RE.match(text, start)
    if not m:
        return []
    raw = m.group("n")
    named = list(dict.fromkeys(n for g in groups if g[1] <= start for n in g[2]))
    return named if len(named) == count_value(raw) else []


def _assign_sentence(
    text: str, start: int, mentions: list[Mention], groups: list[tuple[int, int, list[str]]]
) -> list[tuple[str | None, Mention]]:
    """Pair each mention of one sentence with a person name (None = unknown)."""
    pairs: list[tuple[str | None, Mention]] = []
    counted = _counted_subjects(text, start, groups)
    subjects: list[str | None] = [*counted] if counted else [None]  # None: the last person named
    for mention in mentions:
        before = [g for g in groups if start <= g[1] <= mention.start]
        if not before:
            pairs.extend((n, mention) for n in subjects)
            continue
        _, gend, gnames = before[-1]
        between = text[gend : mention.start]
        if len(gnames) > 1 and _SEPARATE_RE.search(between):
            same = [m for m in mentions if m.kind == mention.kind and m.start > gend]
            if len(same) == len(gnames):
                pairs.append((gnames[same.index(mention)], mention))
                continue
        pairs.extend((n, mention) for n in gnames)
    return pairs


_STATISTIC_RE = re.compile(
    r"(?:截至目前|截至\d|今年以来|近年来|以来|累计|共计?|全(?:县|市|省|区|州))[^。；]{0,40}?\d+(?:人|名|件)"
)


def find_mentions(text: str, names: list[str]) -> list[tuple[str | None, Mention]]:
    """All sanction mentions with the name each one belongs to."""
    if not _SANCTION_RE.search(text):
        return []
    groups = _name_groups(text, names)
    pairs: list[tuple[str | None, Mention]] = []
    for sent in _SENTENCE_RE.finditer(text):
        sentence = sent.group(0)
        if "警告" not in sentence and not _QUICK_RE.search(sentence):
            continue
        if _STATISTIC_RE.search(sentence) and not any(sent.start() <= g[0] < sent.end() for g in groups):
            continue  # 截至目前，该县有3人…被分别予以开除党籍、党内警告处分: a statistic, no one's sanction
        mentions = _mentions_in(sentence, sent.start())
        if mentions:
            pairs.extend(_assign_sentence(text, sent.start(), mentions, groups))
    return pairs


def _apply(person: ParsedPerson, mention: Mention) -> None:
    if mention.kind.startswith("proposed_"):
        label = ("党内" if mention.kind == "proposed_party" else "政务") + mention.value
        if label not in person.proposed_sanctions:
            person.proposed_sanctions.append(label)
    elif mention.kind == "party" and party_rank(mention.value) > party_rank(person.party_sanction):
        person.party_sanction = mention.value
        person.party_sanction_detail = mention.detail
    elif mention.kind == "govt" and govt_rank(mention.value) > govt_rank(person.govt_sanction):
        person.govt_sanction = mention.value


def attribute_sanctions(text: str, persons: list[ParsedPerson]) -> set[str]:
    """Fill each person's sanctions; return the fields that stayed uncertain."""
    uncertain: set[str] = set()
    by_name = {p.name: p for p in persons}
    last: ParsedPerson | None = persons[0] if persons else None
    for name, mention in find_mentions(text, list(by_name)):
        person = by_name.get(name) if name else last
        if person is None:
            continue
        last = person
        if mention.kind in ("ambiguous", "proposed_ambiguous"):
            uncertain.update({"party_sanction", "govt_sanction"})
            continue
        if mention.kind.startswith("proposed_"):
            uncertain.add("party_sanction" if mention.kind == "proposed_party" else "govt_sanction")
        _apply(person, mention)
    if _UNSPECIFIED_RE.search(text) and not any(p.party_sanction or p.govt_sanction for p in persons):
        uncertain.update({"party_sanction", "govt_sanction"})
    return uncertain


def most_severe(persons: list[ParsedPerson]) -> tuple[str | None, str, str | None]:
    """(party sanction, its detail, government sanction): the most severe over all persons."""
    party: str | None = None
    detail = ""
    govt: str | None = None
    for p in persons:
        if party_rank(p.party_sanction) > party_rank(party):
            party, detail = p.party_sanction, p.party_sanction_detail
        if govt_rank(p.govt_sanction) > govt_rank(govt):
            govt = p.govt_sanction
    return party, detail, govt
