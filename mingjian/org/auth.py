"""Sign-in with lockout: LOGIN_MAX_FAILURES wrong passwords lock the account for
LOGIN_LOCK_MINUTES, and LOGIN_ADDRESS_MAX_FAILURES failures from one address within
LOGIN_ADDRESS_WINDOW_MINUTES refuse every sign-in from it (guessing across many accounts).
Used by the login page and the API token endpoint alike.

The per-address count reads the audit trail, which already records every failed sign-in with
its address: it is shared by all server processes, survives restarts and cannot be reset by
the one being throttled."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import authenticate
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from mingjian.audit.context import current_ip
from mingjian.audit.models import AuditEvent
from mingjian.audit.services import record
from mingjian.org.models import User
from mingjian.org.tokens import revoke_tokens


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
        revoke_tokens(user, reason="locked", by=None)
    user.save(update_fields=fields)


def is_locked(user: User) -> bool:
    return user.locked_until is not None and user.locked_until > timezone.now()


def address_blocked(ip: str | None) -> bool:
    if not ip:
        return False
    since = timezone.now() - timedelta(minutes=settings.LOGIN_ADDRESS_WINDOW_MINUTES)
    failures = AuditEvent.objects.filter(action="auth.login_failed", ip=ip, created_at__gte=since)
    return failures.count() >= settings.LOGIN_ADDRESS_MAX_FAILURES


def _refuse_address(username: str) -> LoginError:
    # Recorded like any failure, so an address that keeps trying stays refused.
    record(None, "auth.login_failed", actor_label=username, username=username[:150], reason="address")
    minutes = settings.LOGIN_ADDRESS_WINDOW_MINUTES
    return LoginError(f"此地址登录失败次数过多，请 {minutes} 分钟后再试，或联系安全管理员。")


def sign_in(request: HttpRequest | None, username: str, password: str) -> User:
    """Check the address, the lock and the password; raise LoginError with the reason to show."""
    if address_blocked(current_ip.get()):
        raise _refuse_address(username)
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
