"""Template filters for showing a case to the signed-in viewer: {% load case_display %} then
{{ case|case_title:user }}, {{ person|person_name:user }}, {{ case|case_notes:user }}.

They are thin wrappers over mingjian.cases.display, the one definition of the masking rule."""

from __future__ import annotations

from typing import Any

from django import template

from mingjian.cases import display

register = template.Library()


@register.filter
def case_title(case: Any, user: Any) -> str:
    return display.case_title(case, user)


@register.filter
def recommendation_label(rec: Any, user: Any) -> str:
    return display.recommendation_label(rec, user)


@register.filter
def finding_title(rec: Any, user: Any) -> str:
    return display.finding_title(rec, user)


@register.filter
def person_name(person: Any, user: Any) -> str:
    return display.person_name(person, user)


@register.filter
def case_notes(case: Any, user: Any) -> str:
    """The case's 违纪事实摘要 as the viewer may read it."""
    return display.case_text(case, user, case.violation_notes)
