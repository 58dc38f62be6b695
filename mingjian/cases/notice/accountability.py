"""问责 cases (《中国共产党问责条例》) and their 问责方式.

Stated: the text says 问责 as a decision (被问责, 予以问责, 通报问责, 依据《问责条例》…).
Inferred: the conduct is a failure of 主体责任 / 监督责任 / 领导责任 — what the 问责条例 covers —
without the word; the confirm page asks the clerk. 问责方式 follow 问责条例第七条: for 党组织
检查、通报、改组; for leaders 通报、诫勉、组织调整或者组织处理、纪律处分.
"""

from __future__ import annotations

import re

from .model import ParsedOrganization, ParsedPerson
from .posts import trim_lead

_STATED_RE = re.compile(
    r"问责条例"
    r"|(?:被|予以|进行|给予|受到|启动|实施|作出|严肃)(?:了)?问责"
    r"|(?:通报|诫勉|追责)问责|问责(?:处理|决定)|被(?:追责)?问责"
)
_FUTURE_RE = re.compile(r"将|要|必须|坚决|一律|绝不|务必|一经")
_INFERRED_RE = re.compile(
    r"(?:主体|监督|领导|管党治党)责任(?:落实)?(?:不力|不到位|缺失|缺位)"
    r"|负有(?:主要|重要|直接)?领导责任|失职失察|(?:管党治党|从严治党)[^，。；]{0,6}(?:宽松软|不力)"
)
_CLAUSE_STOPS = "，。；！？\n"

# 党组织 as the object of a 问责 decision.
_ORG_NAME = r"(?P<org>[^，。；、对由给]{2,30}?(?:党委|党组|党总支|党支部|党工委|总支部委员会|支部委员会))"
_ORG_METHOD_RES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"责令" + _ORG_NAME + r"(?:作出|进行)?(?:书面)?检查"), "检查"),
    (re.compile(r"对" + _ORG_NAME + r"(?:进行|予以|给予)?(?:通报问责|通报批评|通报)"), "通报"),
    (re.compile(r"(?:对)?" + _ORG_NAME + r"(?:进行|予以|被)?改组"), "改组"),
    (re.compile(r"改组" + _ORG_NAME), "改组"),
)


def _clause_before(text: str, position: int) -> str:
    start = max(text.rfind(c, 0, position) for c in _CLAUSE_STOPS) + 1
    return text[start:position]


def accountability(text: str) -> str:
    """``stated``, ``inferred`` or "" (not a 问责 case)."""
    for m in _STATED_RE.finditer(text):
        if not _FUTURE_RE.search(_clause_before(text, m.start())):
            return "stated"
    if organizations(text):
        return "stated"
    return "inferred" if _INFERRED_RE.search(text) else ""


def organizations(text: str) -> list[ParsedOrganization]:
    """党组织 held to account, each with the 问责方式 printed for it."""
    found: list[ParsedOrganization] = []
    for pattern, method in _ORG_METHOD_RES:
        for m in pattern.finditer(text):
            name = trim_lead(m.group("org").removeprefix("其").removeprefix("该"))
            org = next((o for o in found if o.name == name), None)
            if org is None:
                org = ParsedOrganization(name=name)
                found.append(org)
            if method not in org.accountability_methods:
                org.accountability_methods.append(method)
    return found


def person_methods(person: ParsedPerson) -> list[str]:
    """A leader's 问责方式 read from what they received (通报 ← 通报批评; 纪律处分 ← a party sanction)."""
    methods: list[str] = []
    if "通报批评" in person.first_form_measures:
        methods.append("通报")
    if "诫勉" in person.first_form_measures:
        methods.append("诫勉")
    if person.org_handling:
        methods.append("组织调整或者组织处理")
    if person.party_sanction:
        methods.append("纪律处分")
    return methods
