"""{% load coverage_display %} then {{ row|unreached_names }}: a coverage row's cadres not
reached, written in Python. A province's page names up to 1,500 cadres, and the template's own
loop over them (three nodes a name) took longer than all the page's queries."""

from __future__ import annotations

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from mingjian.education.coverage import UnitCoverage

register = template.Library()

ALL_REACHED = SafeString('<span class="text-success">全部覆盖</span>')


@register.filter
def unreached_names(row: UnitCoverage) -> SafeString:
    names = format_html_join(
        "",
        '<span class="me-2" data-testid="unreached">{}{}</span>',
        ((c.name, f"（{c.position}）" if c.position else "") for c in row.unreached),
    )
    shown = names or ALL_REACHED
    if row.unreached_count > len(row.unreached):
        return format_html("{}等 {} 人", shown, row.unreached_count)
    return shown
