"""Cases and 建议书 in searched pickers (org.picker): how they are labelled and matched."""

from __future__ import annotations

from typing import Any, cast

from django.db.models import Q, QuerySet

from mingjian.cases.display import case_titles
from mingjian.cases.models import Case, Recommendation
from mingjian.cases.models.case import CaseQuerySet
from mingjian.org.models import SUPERVISING_ROLES, Unit, User
from mingjian.org.picker import Kind, SearchedChoiceField, SearchedMultipleChoiceField
from mingjian.org.picker.core import Rows, record_number


def recordable_units(user: User) -> QuerySet[Unit]:
    """Active units the user's 纪检 body supervises: where a case or a 监督发现 may be recorded."""
    return Unit.objects.in_scope(user, SUPERVISING_ROLES).filter(is_active=True)


def extend_units(user: User, *, case: int) -> QuerySet[Unit]:
    """Units of the case's field in the user's scope, for 类案延伸 from a case whose analysis the
    user reads (Case.in_unit_scope); none for any other case."""
    found = Case.objects.in_unit_scope(user).filter(pk=case).select_related("unit").first()
    if found is None:
        return Unit.objects.none()
    return Unit.objects.in_scope(user).same_field(found.unit).exclude(kind=Unit.Kind.DEPARTMENT)


def visible_cases(user: User) -> QuerySet[Case]:
    """The 案例库 as the user sees it, newest first."""
    return Case.objects.visible_to(user).order_by("-id")


class Cases(Kind):
    """A case is labelled and matched as the viewer may read it (names masked outside the 纪委,
    cases.display): "孙大明" never finds a case its reader sees as "孙某某"."""

    model = Case
    noun = "案例"
    prompt = "编号或标题"

    def rows(self, records: QuerySet[Any], user: User | None, style: str = "") -> Rows:
        return [(pk, f"{title}（{unit}）") for pk, title, unit in case_titles(records, user)]

    def matches(self, records: QuerySet[Any], q: str, user: User, limit: int) -> Rows:
        number = record_number(q)
        found = cast(CaseQuerySet, records).search(q, user).order_by("-id")
        if number is None:
            return self.rows(found[: limit + 1], user)
        exact = self.rows(records.filter(pk=number), user)  # its number first, then its title
        return exact + self.rows(found.exclude(pk=number)[: limit + 1 - len(exact)], user)


class Recommendations(Kind):
    model = Recommendation
    noun = "建议书"
    counter = "份"
    prompt = "文号或主送单位"

    def rows(self, records: QuerySet[Any], user: User | None, style: str = "") -> Rows:
        return [
            (pk, f"{number or '草稿'} · 主送{unit}（{Recommendation.Status(status).label}）")
            for pk, number, unit, status in records.values_list("pk", "number", "unit__name", "status")
        ]

    def matches(self, records: QuerySet[Any], q: str, user: User, limit: int) -> Rows:
        hit = records.filter(Q(number__contains=q) | Q(unit__name__contains=q)).order_by("-id")
        return self.rows(hit[: limit + 1], user)


CASES = Cases()
RECOMMENDATIONS = Recommendations()


class CaseChoiceField(SearchedChoiceField):
    kind_name = "case"


class CaseMultipleChoiceField(SearchedMultipleChoiceField):
    kind_name = "case"


class RecommendationChoiceField(SearchedChoiceField):
    kind_name = "recommendation"
