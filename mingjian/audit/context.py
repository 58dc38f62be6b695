"""The current request's client address, for audit events written deep inside services."""

from __future__ import annotations

from contextvars import ContextVar

current_ip: ContextVar[str | None] = ContextVar("mingjian_current_ip", default=None)
