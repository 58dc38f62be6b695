"""Is a chosen name string a name at all? (吕梁市, 执法, 及时扑灭's 时扑灭 are not.)

The name rules read two or three characters after a post or before a sanction; in long
accountability notices that also catches a place opening the next item (黄草镇县级责任领导…), a
verb after a post (民警执法), or characters torn out of a word (及时扑灭, 办公家具). A wrong name
is worse than none, so a chosen candidate is dropped when it ends like a place, is one
dictionary word that is not a person, or is cut out of the words around it at every mention.
rjieba (its dictionary ships in the wheel) is the word list; masked names (张某) are kept.
"""

from __future__ import annotations

import rjieba

from .level import PROVINCE_NAMES
from .lexicon import occurrences, post_suffix

_PLACE_END_CHARS = frozenset("市县区镇乡省州")
_MIN_PLACE_CHARS = 3
# One-word readings that are never a person: adjectives, adverbs, function words, time words…
_NEVER_PERSON_TAGS = frozenset({"a", "ad", "an", "d", "p", "c", "u", "vn", "r", "f", "s"})
# …and verbs and common nouns, unless the word begins with a surname (曾谋, 汪济 are people).
_WORD_TAGS = frozenset({"v", "n"})
_CONTEXT = 2
_GIVEN_CHARS = 2
_POST_LOOKBACK = 8
_SANCTION_HEADS = ("党内", "政务", "行政", "开除", "留党", "撤销", "受到", "被")
# A given name never ends in a place or time word, a preposition or a particle (明|党内).
_NOT_GIVEN_TAGS = frozenset({"s", "f", "p", "c", "u", "vn"})
# A run of words none of which can be a name: 周末|前 (time and place words, counts, pronouns);
# four characters of verbs (失职|失责) too, but not three (魏有|才 is a surname and a given name).
_RUN_TAGS = frozenset({"t", "f", "m", "q", "r", "d", "p", "c", "u"})
_VERB_TAGS = frozenset({"v", "vn"})
_LONG_NAME_CHARS = 4
# Demonstratives opening a phrase (那一次, 该同志): never a surname here.
_DEMONSTRATIVES = frozenset("这那该此其每各本")
# What stands before a common noun, never before a person's name: 4名官员, 的时候, 被“双开”官员.
_NOUN_HEADS = frozenset("的名个位些批”")


def _is_word(word: str) -> bool:
    """A dictionary word that is not a person's name (rjieba also guesses unknown strings)."""
    return len(word) > 1 and rjieba.has_word(word) and not rjieba.tag(word)[0][1].startswith("nr")


def _crosses_a_word(text: str, at: int, name: str) -> bool:
    """A dictionary word runs across this mention's start or end (及时|扑灭, 车|予以); across the
    start only when no post precedes it (区长|沙向东 reads 长沙, but the post ends at the name)."""
    lo, end = max(0, at - _CONTEXT), at + len(name)
    after_post = bool(post_suffix(text[max(0, at - _POST_LOOKBACK) : at]))
    before_sanction = text.startswith(_SANCTION_HEADS, end)  # 张书全|党内警告 reads 全党
    pos = lo
    for word in rjieba.cut(text[lo : min(len(text), end + _CONTEXT)]):
        stop = pos + len(word)
        if ((pos < at < stop and not after_post) or (pos < end < stop and not before_sanction)) and _is_word(
            word
        ):
            return True
        pos = stop
    return False


def _always_after_a_noun_head(text: str, name: str) -> bool:
    """Every mention follows a classifier, a count or 的 (4名官员, 的时候)."""
    mentions = occurrences(text, name)
    return bool(mentions) and all(
        at > 0 and (text[at - 1] in _NOUN_HEADS or text[at - 1].isdigit()) for at in mentions
    )


def _is_words(text: str, name: str, has_surname: bool) -> bool:
    """The name's characters read as words that are not a person (see the tag sets above)."""
    tags = rjieba.tag(name)
    if len(tags) == 1:
        tag = tags[0][1]
        word = tag in _NEVER_PERSON_TAGS or (tag in _WORD_TAGS and not has_surname)
        return word or (tag == "n" and _always_after_a_noun_head(text, name))
    run = len(tags[0][0]) > 1 and all(tag in _RUN_TAGS for _, tag in tags)
    verbs = len(name) >= _LONG_NAME_CHARS and all(tag in _VERB_TAGS for _, tag in tags)
    demonstrative = name[0] in _DEMONSTRATIVES and not tags[0][1].startswith("nr")
    given = rjieba.tag(name[-_GIVEN_CHARS:]) if len(name) > _GIVEN_CHARS else []
    # 区综合, 明党内: a character and a word, not a surname and a given name
    torn = len(given) == 1 and given[0][1] in _NOT_GIVEN_TAGS
    return run or verbs or demonstrative or torn


_PRONOUNS = frozenset("他她它们其")  # 但他在…: a word before a pronoun, not a given name


def plausible_name(text: str, name: str, has_surname: bool) -> bool:
    """False for a place, a non-person word, or a string cut out of words at every mention."""
    if "某" in name:
        return True
    place = len(name) >= _MIN_PLACE_CHARS and name[-1] in _PLACE_END_CHARS
    if place or name in PROVINCE_NAMES or name[-1] in _PRONOUNS or _is_words(text, name, has_surname):
        return False
    mentions = occurrences(text, name)
    return not mentions or not all(_crosses_a_word(text, at, name) for at in mentions)
