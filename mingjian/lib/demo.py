"""Demo-data steps: each app registers one; `seed_demo` runs them in order, in one transaction."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Step = Callable[[], dict[str, Any]]
_steps: list[tuple[int, str, Step]] = []


def register(order: int, name: str, step: Step) -> None:
    if all(n != name for _, n, _ in _steps):
        _steps.append((order, name, step))


def steps() -> list[tuple[str, Step]]:
    return [(name, step) for _, name, step in sorted(_steps, key=lambda s: s[0])]
