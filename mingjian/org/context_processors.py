"""The page shell: the user's unit and roles in the top bar, navigation, the watermark text
(drawn by an inline SVG pattern in base.html: no inline style, so the CSP stays strict)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone

from mingjian.org import permissions
from mingjian.org.nav import nav_for


def shell(request: HttpRequest) -> dict[str, Any]:
    user = request.user
    if not user.is_authenticated:
        return {"site_city": settings.MINGJIAN_CITY_NAME}
    assignments = permissions.role_assignments(user)
    now = timezone.localtime().strftime("%Y-%m-%d %H:%M")
    return {
        "site_city": settings.MINGJIAN_CITY_NAME,
        "shell_roles": [f"{a.get_role_display()}" for a in assignments],
        "shell_unit": getattr(user, "unit", None),
        "nav_items": nav_for(user, request.path),
        "watermark_text": (
            f"{user.get_full_name()} {user.get_username()} {now}" if settings.MINGJIAN_WATERMARK else ""
        ),
    }
