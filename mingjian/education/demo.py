"""Demo 警示教育 for X市 (filled in below)."""

from __future__ import annotations

from typing import Any


def seed() -> dict[str, Any]:
    return {}
