"""Request plumbing shared by every app: the signed-in request type, and ids from query strings."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.http import HttpRequest

if TYPE_CHECKING:
    from mingjian.org.models import User

    class AuthedRequest(HttpRequest):
        """A request behind @login_required: `user` is an account, never AnonymousUser."""

        user: User

else:
    AuthedRequest = HttpRequest

MAX_ID = 2**63 - 1


def parse_id(value: Any) -> int | None:
    """A primary key from a query string: a bare non-negative integer that fits a BIGINT, or
    None. Anything else is ignored rather than raised, so a hand-edited URL never answers 500."""
    if isinstance(value, str) and value.isdigit() and int(value) <= MAX_ID:
        return int(value)
    return None
