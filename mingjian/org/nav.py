"""The left navigation, by capability: an item appears only where its page would open."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.urls import reverse

from mingjian.org import permissions


@dataclass(frozen=True)
class NavEntry:
    label: str
    url_name: str
    icon: str
    allowed: Callable[[Any], bool]
    group: str = ""
    order: int = 100


@dataclass(frozen=True)
class NavItem:
    label: str
    url: str
    icon: str
    active: bool
    group: str


_entries: list[NavEntry] = []


def register(entry: NavEntry) -> None:
    if entry not in _entries:
        _entries.append(entry)


def _admins_users(user: Any) -> bool:
    return permissions.can_manage_users(user) or permissions.can_manage_roles(user)


register(NavEntry("工作台", "home", "bi-house", lambda u: True, order=0))
register(
    NavEntry("组织机构", "org:unit-list", "bi-diagram-3", permissions.can_read_org_tree, "基础数据", 900)
)
register(NavEntry("用户与授权", "org:user-list", "bi-people", _admins_users, "系统管理", 950))
register(
    NavEntry("审计日志", "audit:event-list", "bi-journal-check", permissions.can_view_audit, "系统管理", 960)
)
register(NavEntry("接口文档", "api-docs", "bi-braces", lambda u: True, "系统管理", 990))


def nav_for(user: Any, path: str) -> list[NavItem]:
    allowed = [(e, reverse(e.url_name)) for e in sorted(_entries, key=lambda e: e.order) if e.allowed(user)]
    # The longest URL that prefixes the path is the current section (/cases/recommendations/
    # belongs to 建议书, not to the case library at /cases/).
    matches = [url for _, url in allowed if path == url or (url != "/" and path.startswith(url))]
    current = max(matches, key=len, default="")
    return [NavItem(e.label, url, e.icon, url == current, e.group) for e, url in allowed]
