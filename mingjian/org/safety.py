from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import DatabaseError

from mingjian.org.models import User


def demo_password_accounts() -> list[str]:
    try:
        return list(
            User.objects.filter(is_active=True, has_demo_password=True).values_list("username", flat=True)
        )
    except DatabaseError:  # not migrated yet: nothing to protect
        return []


def refuse_demo_passwords() -> None:
    if settings.DEBUG:
        return
    names = demo_password_accounts()
    if names:
        raise ImproperlyConfigured(
            "拒绝启动：以下账号仍在使用公开的演示密码，请先修改密码或停用："
            + "、".join(names)
            + "（演示环境请设置 DEBUG=1）"
        )
