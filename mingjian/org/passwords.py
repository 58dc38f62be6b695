"""Password policy validators (messages in Chinese)."""

from __future__ import annotations

import string
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError

MIN_CLASSES = 3


class CharacterClassValidator:
    """At least three of: upper-case, lower-case, digits, symbols."""

    def validate(self, password: str, user: Any = None) -> None:
        classes = [
            any(c.isupper() for c in password),
            any(c.islower() for c in password),
            any(c.isdigit() for c in password),
            any(c in string.punctuation or not c.isalnum() for c in password),
        ]
        if sum(classes) < MIN_CLASSES:
            raise ValidationError(
                "密码须至少包含大写字母、小写字母、数字、特殊符号中的三类。", code="password_classes"
            )

    def get_help_text(self) -> str:
        return "密码须至少包含大写字母、小写字母、数字、特殊符号中的三类。"


class NotDemoPasswordValidator:
    """The demo password is public (README); it must never become a real password."""

    def validate(self, password: str, user: Any = None) -> None:
        if password == settings.MINGJIAN_DEMO_PASSWORD:
            raise ValidationError("不能使用演示密码作为正式密码。", code="password_demo")

    def get_help_text(self) -> str:
        return "不能使用演示密码。"
