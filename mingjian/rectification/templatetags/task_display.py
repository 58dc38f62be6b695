"""Template filters for tasks: {% load task_display %} then {{ task.light_now|light_badge }}.

The badge is one of five fixed strings, built once: an {% include %} per row cost the task list
a template context and render per task (50 a page)."""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from mingjian.rectification.models import Light

register = template.Library()

_STYLE = {
    Light.RED: "text-bg-danger",
    Light.YELLOW: "text-bg-warning",
    Light.GREEN: "text-bg-success",
    Light.DONE: "text-bg-secondary",
    Light.NORMAL: "text-bg-light border",
}
_BADGES: dict[str, SafeString] = {
    light.value: format_html('<span class="badge {}" data-testid="light">{}</span>', style, light.label)
    for light, style in _STYLE.items()
}


@register.filter
def light_badge(light: str | None) -> SafeString:
    return _BADGES.get(light or "", _BADGES[Light.NORMAL])
