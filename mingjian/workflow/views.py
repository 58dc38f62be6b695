"""The one way pages run a transition service: a refused capability is a 404 (it reveals
nothing), an illegal or stale move is the service's Chinese message."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect

from mingjian.workflow.services import TransitionError


def run_transition(request: HttpRequest, target: Any, call: Callable[[], Any], done: str) -> HttpResponse:
    """Run `call`, flash the outcome and go back to `target`'s page."""
    try:
        call()
    except PermissionDenied:
        raise Http404 from None
    except TransitionError as e:
        messages.error(request, str(e))
    else:
        messages.success(request, done)
    return redirect(target)
