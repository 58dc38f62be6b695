"""View decorators that say who a page is for, in the words of the policy module."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse

from mingjian.org import permissions

View = Callable[..., HttpResponse]


def business_page(view: View) -> View:
    """@login_required, and 404 for an account with no business role anywhere (the three
    administrators): a page it may never use does not exist for it, as with any other object."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not permissions.has_business_scope(request.user):
            raise Http404
        return view(request, *args, **kwargs)

    return login_required(wrapped)
