"""The inbox: one person's notifications, unread first."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from mingjian.lib.http import AuthedRequest
from mingjian.notifications import services
from mingjian.notifications.models import Notification
from mingjian.org.permissions import get_visible_or_404

PAGE_SIZE = 30


def is_safe_relative(url: str) -> bool:
    """Only links inside this site: a path, never a host (no open redirect)."""
    return (
        url.startswith("/")
        and not url.startswith(("//", "/\\"))
        and url_has_allowed_host_and_scheme(url, allowed_hosts=None)
    )


@login_required
def inbox(request: AuthedRequest) -> HttpResponse:
    show = "unread" if request.GET.get("show") == "unread" else "all"
    notifications = Notification.objects.visible_to(request.user)
    if show == "unread":
        notifications = notifications.unread()
    page = Paginator(notifications.unread_first(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "notifications/inbox.html", {"page": page, "show": show})


@require_POST
@login_required
def read(request: AuthedRequest, pk: int) -> HttpResponse:
    notification = get_visible_or_404(Notification, request.user, pk=pk)
    services.mark_read(notification, by=request.user)
    if notification.url and is_safe_relative(notification.url):
        return redirect(notification.url)
    return redirect("notifications:inbox")


@require_POST
@login_required
def read_all(request: AuthedRequest) -> HttpResponse:
    count = services.mark_all_read(request.user)
    messages.success(request, f"已将 {count} 条消息标为已读")
    return redirect("notifications:inbox")
