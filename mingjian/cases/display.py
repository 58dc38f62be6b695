"""The case as this viewer may see it: the one place that decides whether a reader gets real
names or "张某某".

Names appear in full only to the 纪委监委 / 派驻组 over the case's unit
(`permissions.sees_real_names`). Every page, `<title>`, breadcrumb, similar-case suggestion,
home-page item and API field shows a case through these functions (templates through the
`case_display` filters), so no screen can forget the rule. The 通报 text itself is never shown
to other readers at all, and search matches only what the viewer may read (CaseQuerySet.search).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.db.models import QuerySet

from mingjian.cases.models import Case, CasePerson, Recommendation, mask_names
from mingjian.cases.permissions import sees_real_names, sees_real_names_at


def shows_real_names(user: Any, case: Case) -> bool:
    return sees_real_names(user, case.unit)


def case_title(case: Case, user: Any) -> str:
    return case.title if shows_real_names(user, case) else case.masked_title


def case_titles(cases: QuerySet[Case], user: Any) -> list[tuple[int, str, str]]:
    """(id, title as case_title gives it, unit name) of each case, read as rows in two queries:
    a province's case library is thousands of cases, too many to build as objects for a select."""
    names: dict[int, list[str]] = defaultdict(list)
    persons = CasePerson.objects.filter(case__in=cases.values("pk"), is_organization=False)
    for case_id, name in persons.values_list("case_id", "name"):
        names[case_id].append(name)
    return [
        (pk, title if sees_real_names_at(user, path) else mask_names(title, names[pk]), unit)
        for pk, title, unit, path in cases.values_list("pk", "title", "unit__name", "unit__path")
    ]


def case_text(case: Case, user: Any, text: str) -> str:
    """Free text about the case (the 违纪事实摘要 …) with the concerned persons' names masked."""
    return text if shows_real_names(user, case) else mask_names(text, case.person_names)


def recommendation_label(rec: Recommendation, user: Any) -> str:
    """A 建议书 told apart from same-titled ones: 文号 (or 草稿), addressee and the case it came
    from — the case as this reader may see it."""
    source = f"（{case_title(rec.case, user)}）" if rec.case_id and rec.case else ""
    return f"{rec.number or '草稿'} · {rec.unit.name}{source}"


def finding_title(rec: Recommendation, user: Any) -> str:
    """The 监督发现 a 建议书 came from, named only to those who may see it (the supervising side):
    a 问题线索 is never shown to the unit, so others get "" and no link."""
    if rec.finding is None or not sees_real_names(user, rec.finding.unit):
        return ""
    return rec.finding.title


def person_name(person: CasePerson, user: Any) -> str:
    return person.name if shows_real_names(user, person.case) else person.masked_name
