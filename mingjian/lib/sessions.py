"""A sliding idle timeout that writes the session at most once a minute.

Saving the session on every request (SESSION_SAVE_EVERY_REQUEST) made every page view a
database write: on SQLite each GET took the write lock, so one long write elsewhere turned
other people's page views into "database is locked". Instead, a signed-in session records
when it was last renewed and is saved again only when that is RENEW_SECONDS old. The stored
expiry (SESSION_COOKIE_AGE = SESSION_IDLE_MINUTES) then runs from the last renewal, so an idle
session ends between SESSION_IDLE_MINUTES − 1 minute and SESSION_IDLE_MINUTES after the
person's last request — never later.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from django.contrib.auth import SESSION_KEY
from django.http import HttpRequest, HttpResponse

RENEW_SECONDS = 60
RENEWED_AT = "_renewed_at"  # seconds since the epoch of the session's last save by this middleware


class SlidingSessionMiddleware:
    """Goes right after SessionMiddleware; renews signed-in sessions once a minute at most."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        session = request.session
        # Before the view, so a logout in the view empties the session and nothing recreates it.
        if SESSION_KEY in session and int(time.time()) - int(session.get(RENEWED_AT, 0)) >= RENEW_SECONDS:
            session[RENEWED_AT] = int(time.time())  # marks it modified: SessionMiddleware saves it
        response = self.get_response(request)
        # A session saved for another reason (the login itself, a message) is renewed too.
        if session.modified and SESSION_KEY in session:
            session[RENEWED_AT] = int(time.time())
        return response
