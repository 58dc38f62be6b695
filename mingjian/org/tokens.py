"""API tokens that die: each lasts API_TOKEN_HOURS (default 8, one working day), each sign-in
replaces the account's token, and signing out, a password change or reset, a lock and a
deactivation revoke it. A locked or deactivated account's token is refused even before then.

One token per account (DRF's Token is keyed by user), so "revoke every token of the account"
is one DELETE.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.utils import timezone
from rest_framework.authentication import TokenAuthentication
from rest_framework.authtoken.models import Token
from rest_framework.exceptions import AuthenticationFailed

from mingjian.audit.services import record
from mingjian.org.models import User


def lifetime() -> timedelta:
    return timedelta(hours=settings.API_TOKEN_HOURS)


def expires_at(token: Token) -> datetime:
    created: datetime = token.created
    return created + lifetime()


def issue_token(user: User) -> Token:
    """A fresh token for a new sign-in; the previous one (if any) stops working."""
    Token.objects.filter(user=user).delete()
    token = Token.objects.create(user=user)
    record(user, "auth.token_issued", user, unit=user.unit, expires_at=expires_at(token))
    return token


def revoke_tokens(user: User, *, reason: str, by: Any) -> int:
    """Delete the account's tokens; audited when there was one. `reason` is a code; `by` is
    who acted (None for the system, as when repeated failures lock the account)."""
    deleted, _ = Token.objects.filter(user=user).delete()
    if deleted:
        system = {} if by is not None else {"actor_label": "系统"}
        record(by, "auth.token_revoked", user, unit=user.unit, reason=reason, **system)
    return deleted


def _locked(user: User) -> bool:
    return user.locked_until is not None and user.locked_until > timezone.now()


class ExpiringTokenAuthentication(TokenAuthentication):
    """`Authorization: Token <key>`, refused once the token is older than API_TOKEN_HOURS or
    while the account is locked; an expired token is deleted on first use."""

    def authenticate_credentials(self, key: str) -> tuple[Any, Any]:
        user, token = super().authenticate_credentials(key)
        if timezone.now() >= expires_at(token):
            token.delete()
            raise AuthenticationFailed("接口令牌已过期，请重新登录获取新令牌。")
        if _locked(user):
            raise AuthenticationFailed("账号已被锁定，接口令牌暂不可用。")
        return user, token
