"""Panels other apps add to the case page (整改 scorecard, education …), so the case app does
not import them: each provider returns a Panel for a case and viewer, or None."""

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
_providers: list[Provider] = []


def register(provider: Provider) -> None:
    if provider not in _providers:
        _providers.append(provider)


def panels_for(case: Any, user: Any) -> list[Panel]:
    return [p for p in (provider(case, user) for provider in _providers) if p is not None]
