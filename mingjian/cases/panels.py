"""Panels other apps add to the case app's pages (the 整改 scorecard and education on a case page,
the unit's answer and plan on a 建议书's page …), so the case app does not import them: each
provider returns a Panel for an object and viewer, or None."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Panel:
    title: str
    template: str
    context: dict[str, Any] = field(default_factory=dict)


Provider = Callable[[Any, Any], Panel | None]
_providers: dict[str, list[Provider]] = {}


def register(provider: Provider, page: str = "case") -> None:
    """`page` is "case" (a typical case) or "recommendation" (a 建议书)."""
    found = _providers.setdefault(page, [])
    if provider not in found:
        found.append(provider)


def panels_for(obj: Any, user: Any, page: str = "case") -> list[Panel]:
    return [p for p in (provider(obj, user) for provider in _providers.get(page, [])) if p is not None]
