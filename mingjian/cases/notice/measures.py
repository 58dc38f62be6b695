"""Transfer for prosecution, 组织处理 and other measures (收缴, 责令退赔, 取消待遇 …)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

_TRANSFER_RE = re.compile(
    r"移送(?:至|到)?(?:[^，。；]{0,8})?(?:检察机关|人民检察院|检察院|司法机关)"
    r"|移送(?:审查)?起诉|依法审查起诉"
    r"|(?:依法)?追究(?:其)?刑事责任|(?:被|已被|依法)?判处[^，。；]{0,6}?(?:有期徒刑|无期徒刑|死刑|死缓|拘役|管制)"
    r"|因(?:犯)?[^，。；]{1,20}?罪(?:等)?(?:被|，被)|(?:被|已被|依法)判刑|获刑"
)
_TRANSFER_NEG_RE = re.compile(r"(?:不|未|无需|暂不)(?:移送|追究)|免予(?:刑事)?")
# 涉嫌犯罪的，移送司法机关依法处理: what a rule provides for, not what was done.
_CONDITIONAL_RE = re.compile(r"(?:犯罪|违法|刑事责任)的[，,]?(?:依法|一律|应当|要)?$")

# 组织处理 proper (《中国共产党组织处理规定(试行)》): 停职检查、调整职务、责令辞职、免职、降职, plus the
# printed 调离… and 引咎辞职, and 组织处理 when the notice names no form.
_ORG_RES: tuple[tuple[re.Pattern[str], str | None], ...] = (
    (re.compile(r"免职|免去(?:其)?[^，。；]{0,20}职务"), "免职"),
    (re.compile(r"调离(?P<obj>[^，。；、]{0,14})"), None),
    (re.compile(r"停职检查"), "停职检查"),
    (re.compile(r"调整职务|职务调整"), "调整职务"),
    (re.compile(r"责令辞职"), "责令辞职"),
    (re.compile(r"引咎辞职"), "引咎辞职"),
    (re.compile(r"(?<![升])降职"), "降职"),
    (re.compile(r"组织处理"), "组织处理"),
)
# 第一种形态 measures: their own kind, not 组织处理 (诫勉 included).
_FIRST_FORM_RES: tuple[tuple[re.Pattern[str], str | None], ...] = (
    (re.compile(r"谈话提醒|提醒谈话"), "谈话提醒"),
    (re.compile(r"批评教育"), "批评教育"),
    (re.compile(r"责令(?:其)?(?:作出)?(?:书面)?检查"), "责令检查"),
    (re.compile(r"通报批评"), "通报批评"),
    (re.compile(r"诫勉"), "诫勉"),
)
FIRST_FORM_LABELS: tuple[str, ...] = ("谈话提醒", "批评教育", "责令检查", "通报批评", "诫勉")
_ORG_ANY_RE = re.compile(r"免|调离|诫勉|停职|调整|辞职|降职|检查|批评|提醒|组织处理")
_SPECIFIC_ORG = frozenset({"免职", "调离", "停职检查", "调整职务", "责令辞职", "引咎辞职", "降职"})

_ACTIVE_RE = re.compile(
    r"(?P<verb>收缴|追缴|没收|清退|退缴|责令(?:其)?退赔|责令(?:其)?退还|责令(?:其)?退缴|责令(?:其)?清退)(?:其)?"
    r"(?P<obj>[^，。；、并]{0,14})"
)
_PASSIVE_RE = re.compile(
    r"(?:^|(?<=[，。；]))(?P<obj>[^，。；、并]{1,14}?)(?:予以|已被|被|已|均|全部|已经|依规|依纪|正在|正|依法)+"
    r"(?P<verb>收缴|追缴|清退|退缴|没收)"
)
_BENEFITS_RE = re.compile(r"取消(?:其)?[^，。；]{0,10}待遇")
_PAY_CUT_RE = re.compile(r"扣(?:减|发)[^，。；]{0,12}(?:绩效|年薪|奖金)")
_DECISION_RE = re.compile(
    r"处分|处理|给予|受到|予以|被追缴|被收缴|收缴|追缴|责令|免职|免去|调离|诫勉|取消|退缴|清退|没收|通报批评"
)
_SENTENCE_RE = re.compile(r"[^。；！？\n]+")
_OTHERS_RE = re.compile(r"^(?:对)?(?:其他|其余)(?:相关)?(?:人员|责任人|党员|干部)")


def transfer_positions(text: str) -> list[int]:
    """Where the text says the case was sent to the procuratorate (negated wording excluded)."""
    return [
        m.start()
        for m in _TRANSFER_RE.finditer(text)
        if not _TRANSFER_NEG_RE.search(text[max(0, m.start() - 4) : m.end()])
        and not _CONDITIONAL_RE.search(text[max(0, m.start() - 12) : m.start()])
    ]


def transferred(text: str) -> bool:
    """True when the case was sent to the procuratorate (or pre-2018 司法机关)."""
    return bool(transfer_positions(text))


@lru_cache(maxsize=16)
def _decision_clauses(text: str) -> tuple[tuple[int, str], ...]:
    """(offset, clause) of the sentences that state a decision, minus clauses about 其他相关人员."""
    clauses: list[tuple[int, str]] = []
    for s in _SENTENCE_RE.finditer(text):
        if not _DECISION_RE.search(s.group(0)):
            continue
        offset = s.start()
        for clause in s.group(0).split("，"):
            if not _OTHERS_RE.search(clause):
                clauses.append((offset, clause))
            offset += len(clause) + 1
    return tuple(clauses)


def _decision_sentences(text: str) -> tuple[str, ...]:
    return tuple(clause for _, clause in _decision_clauses(text))


def _add(found: list[str], label: str) -> None:
    if label and label not in found:
        found.append(label)


@dataclass(frozen=True)
class MeasureMention:
    """One measure in the text: ``kind`` is ``org`` (组织处理) or ``first_form`` (第一种形态)."""

    start: int
    kind: str
    label: str


def measure_mentions(text: str) -> list[MeasureMention]:
    """Every 组织处理 and 第一种形态 measure stated as a decision, in order of appearance."""
    found: list[MeasureMention] = []
    for offset, clause in _decision_clauses(text):
        if not _ORG_ANY_RE.search(clause):
            continue
        for kind, patterns in (("org", _ORG_RES), ("first_form", _FIRST_FORM_RES)):
            for pattern, label in patterns:
                for m in pattern.finditer(clause):
                    found.append(MeasureMention(offset + m.start(), kind, label or "调离" + m.group("obj")))
    found.sort(key=lambda mention: mention.start)
    return found


def _labels(text: str, kind: str) -> list[str]:
    found: list[str] = []
    for mention in measure_mentions(text):
        if mention.kind == kind:
            _add(found, mention.label)
    return found


def org_handling(text: str) -> list[str]:
    """组织处理 labels: 免职, 调离…, 停职检查 …, or 组织处理 when unspecified."""
    found = _labels(text, "org")
    if "组织处理" in found and any(f.startswith(tuple(_SPECIFIC_ORG)) for f in found):
        found.remove("组织处理")
    return found


def first_form_measures(text: str) -> list[str]:
    """第一种形态 labels: 谈话提醒, 批评教育, 责令检查, 通报批评, 诫勉."""
    return _labels(text, "first_form")


def _clean_object(obj: str) -> str:
    obj = obj.removeprefix("其").removesuffix("等")
    return re.sub(r"^(?:全部|相关的)", "", obj)


def other_measures(text: str) -> list[str]:
    """收缴违纪违法所得, 责令退赔…, 追缴…, 取消待遇 …"""
    found: list[str] = []
    for sentence in _decision_sentences(text):
        for m in _ACTIVE_RE.finditer(sentence):
            verb = m.group("verb").replace("其", "")
            if m.group("obj") or verb.startswith("责令"):
                _add(found, verb + _clean_object(m.group("obj")))
        for m in _PASSIVE_RE.finditer(sentence):
            _add(found, m.group("verb") + _clean_object(m.group("obj")))
        if _BENEFITS_RE.search(sentence):
            _add(found, "取消待遇")
        if _PAY_CUT_RE.search(sentence):
            _add(found, "扣减绩效年薪")
    return found
