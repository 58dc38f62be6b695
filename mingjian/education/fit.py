"""层级错位: whether an event's cases suit its audience ("分层分类、精准滴灌", not one material
for all). Cadres and the people of a case are put in three bands — 县处级以上, 乡科级, 一般干部和
村（社区）干部 — and each band and each field the audience holds should meet at least one case
of its own. A warning advises; it never blocks an event."""

from __future__ import annotations

from dataclasses import dataclass

from mingjian.cases.models import CaseLevel
from mingjian.education.models import Event
from mingjian.org.models import Field, Person

L = Person.Level
BANDS = {"leading": "县处级以上领导干部", "section": "乡科级干部", "staff": "一般干部和村（社区）干部"}
PERSON_BAND: dict[str, str] = {
    L.CENTRAL: "leading",
    L.BUREAU: "leading",
    L.COUNTY: "leading",
    L.TOWNSHIP: "section",
    L.GENERAL: "staff",
    L.VILLAGE: "staff",
}
CASE_BAND: dict[str, str] = {
    CaseLevel.CENTRAL: "leading",
    CaseLevel.BUREAU: "leading",
    CaseLevel.COUNTY: "leading",
    CaseLevel.TOWNSHIP: "section",
    CaseLevel.VILLAGE: "staff",
    CaseLevel.OTHER: "staff",
}
FIELD_LABELS = dict(Field.choices)


@dataclass(frozen=True)
class FitWarning:
    kind: str  # "no_case" | "level" | "field"
    message: str


def _ordered(bands: set[str]) -> list[str]:
    return [BANDS[b] for b in BANDS if b in bands]


def _audience(event: Event) -> tuple[set[str], set[str]]:
    """The bands and fields of the cohort (the 职级 rule when set, else who is in it)."""
    rows = event.attendance.filter(in_cohort=True).values_list("person__level", "person__unit__field")
    levels = set(event.target_levels) or {level for level, _ in rows}
    fields = {f for _, f in rows} - {Field.GENERAL}
    return {PERSON_BAND[lv] for lv in levels if lv in PERSON_BAND}, fields


def warnings_for(event: Event) -> list[FitWarning]:
    cases = list(event.cases.all())  # callers listing events prefetch cases__unit and cases__persons
    if not cases:
        return [FitWarning("no_case", "未选用典型案例：本次活动不计入“同领域案例”警示教育覆盖率。")]
    bands, fields = _audience(event)
    found: list[FitWarning] = []
    case_bands = {CASE_BAND[p.level] for c in cases for p in c.persons.all() if p.level in CASE_BAND}
    missing = bands - case_bands
    if case_bands and missing:
        found.append(
            FitWarning(
                "level",
                f"层级错位：受众包括{'、'.join(_ordered(missing))}，所用案例涉案人员均为"
                f"{'、'.join(_ordered(case_bands))}。建议分层分类，选用同级同类案例。",
            )
        )
    case_fields = {c.unit.field for c in cases}
    found += [
        FitWarning(
            "field", f"领域不符：受众包括{FIELD_LABELS.get(f, f)}领域干部，所用案例中没有该领域的案例。"
        )
        for f in sorted(fields - case_fields)
    ]
    return found
