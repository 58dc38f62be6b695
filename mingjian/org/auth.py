"""Sign-in with lockout: LOGIN_MAX_FAILURES wrong passwords lock the account for
LOGIN_LOCK_MINUTES. Used by the login page and the API token endpoint alike."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import authenticate
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from mingjian.audit.services import record
from mingjian.org.models import User


class LoginError(Exception):
    """A sign-in refused, with the Chinese message shown to the person."""


WRONG = "用户名或密码错误。"


def _locked_message(user: User) -> str:
    until = timezone.localtime(user.locked_until).strftime("%H:%M") if user.locked_until else ""
    return f"账号因连续登录失败已被锁定，请于 {until} 后再试，或联系安全管理员解锁。"


@transaction.atomic
def _note_failure(username: str) -> None:
    user = User.objects.select_for_update().filter(username=username).first()
    if user is None:
        return
    user.failed_login_count += 1
    fields = ["failed_login_count"]
    if user.failed_login_count >= settings.LOGIN_MAX_FAILURES:
        user.locked_until = timezone.now() + timedelta(minutes=settings.LOGIN_LOCK_MINUTES)
        user.failed_login_count = 0
        fields.append("locked_until")
        record(None, "auth.locked", user, unit=user.unit, actor_label=username)
    user.save(update_fields=fields)


def is_locked(user: User) -> bool:
    return user.locked_until is not None and user.locked_until > timezone.now()


def sign_in(request: HttpRequest | None, username: str, password: str) -> User:
    """Check the password (and the lock); raise LoginError with the reason to show."""
    existing = User.objects.filter(username=username).first()
    if existing is not None and is_locked(existing):
        record(
            None,
            "auth.login_failed",
            existing,
            unit=existing.unit,
            actor_label=username,
            username=username,
            reason="locked",
        )
        raise LoginError(_locked_message(existing))
    user = authenticate(request, username=username, password=password)
    if user is None:
        _note_failure(username)
        existing = User.objects.filter(username=username).first()
        if existing is not None and is_locked(existing):
            raise LoginError(_locked_message(existing))
        raise LoginError(WRONG)
    if not isinstance(user, User):
        raise LoginError(WRONG)
    if user.failed_login_count:
        user.failed_login_count = 0
        user.save(update_fields=["failed_login_count"])
    return user
