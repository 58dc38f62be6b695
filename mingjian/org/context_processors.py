"""The page shell: the user's unit and roles in the top bar, navigation, the watermark."""

from __future__ import annotations

import base64
from html import escape
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone

from mingjian.org import permissions
from mingjian.org.nav import nav_for


def watermark_data_url(text: str) -> str:
    """A tiled SVG with the viewer's name and the time, used as a CSS background."""
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" width="320" height="180">'
        '<text x="20" y="110" transform="rotate(-20 160 90)" fill="#000" fill-opacity="0.07" '
        'font-size="15" font-family="sans-serif">'
        f"{escape(text)}</text></svg>"
    )
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


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
        "watermark_url": (
            watermark_data_url(f"{user.get_full_name()} {user.get_username()} {now}")
            if settings.MINGJIAN_WATERMARK
            else ""
        ),
    }
