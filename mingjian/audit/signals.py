"""Login, logout and failed-login events: the only audit records written from signals,
because Django's auth views emit them and no service of ours is on that path."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from mingjian.audit.services import record


@receiver(user_logged_in)
def on_login(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    record(user, "auth.login", user, unit=user.unit)


@receiver(user_logged_out)
def on_logout(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    if user is not None:
        record(user, "auth.logout", user, unit=user.unit)


@receiver(user_login_failed)
def on_login_failed(sender: Any, credentials: dict[str, Any], request: Any = None, **kwargs: Any) -> None:
    record(
        None,
        "auth.login_failed",
        actor_label=str(credentials.get("username", ""))[:100],
        username=str(credentials.get("username", ""))[:150],
    )
