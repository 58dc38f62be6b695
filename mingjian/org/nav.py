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


def _has_business_scope(user: Any) -> bool:
    return bool(permissions.scope_paths(user))


def _sees_org(user: Any) -> bool:
    return (
        _has_business_scope(user) or permissions.can_manage_units(user) or permissions.can_manage_roles(user)
    )


def _admins_users(user: Any) -> bool:
    return permissions.can_manage_users(user) or permissions.can_manage_roles(user)


register(NavEntry("工作台", "home", "bi-house", lambda u: True, order=0))
register(NavEntry("组织机构", "org:unit-list", "bi-diagram-3", _sees_org, "基础数据", 900))
register(NavEntry("用户与授权", "org:user-list", "bi-people", _admins_users, "系统管理", 950))
register(
    NavEntry("审计日志", "audit:event-list", "bi-journal-check", permissions.can_view_audit, "系统管理", 960)
)
register(NavEntry("接口文档", "api-docs", "bi-braces", lambda u: True, "系统管理", 990))


def nav_for(user: Any, path: str) -> list[NavItem]:
    items = []
    for entry in sorted(_entries, key=lambda e: e.order):
        if not entry.allowed(user):
            continue
        url = reverse(entry.url_name)
        active = path == url if url == "/" else path.startswith(url)
        items.append(NavItem(entry.label, url, entry.icon, active, entry.group))
    return items
