"""A sliding idle timeout that writes the session at most once a minute.

Saving the session on every request (SESSION_SAVE_EVERY_REQUEST) made every page view a
database write: on SQLite each GET took the write lock, so one long write elsewhere turned
other people's page views into "database is locked". Instead, the session store remembers when
the row it loaded expires, and the middleware saves a signed-in session again only when that
row was written RENEW_SECONDS or more ago (its expiry is less than SESSION_COOKIE_AGE minus a
minute away). The expiry (SESSION_COOKIE_AGE = SESSION_IDLE_MINUTES) runs from the last write,
so an idle session ends between SESSION_IDLE_MINUTES − 1 minute and SESSION_IDLE_MINUTES after
the person's last request — never later. Nothing extra is stored in the session.

settings: SESSION_ENGINE = "mingjian.lib.sessions"; SlidingSessionMiddleware right after
SessionMiddleware.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore as DatabaseStore
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

RENEW_SECONDS = 60


class SessionStore(DatabaseStore):
    """The database store, keeping the expiry of the row it loaded."""

    stored_expiry: datetime | None = None

    def _get_session_from_db(self) -> Any:
        # django-stubs does not declare this method of the database store.
        row = super()._get_session_from_db()  # type: ignore[misc]
        self.stored_expiry = row.expire_date if row is not None else None
        return row


def needs_renewal(session: Any) -> bool:
    stored = getattr(session, "stored_expiry", None)
    if stored is None:  # another session engine: renew on every request, as before
        return True
    written_ago: timedelta = timedelta(seconds=session.get_expiry_age()) - (stored - timezone.now())
    return written_ago >= timedelta(seconds=RENEW_SECONDS)


class SlidingSessionMiddleware:
    """Goes right after SessionMiddleware; renews signed-in sessions once a minute at most."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        session = request.session
        # Before the view, so a logout in the view empties the session and nothing recreates it.
        if SESSION_KEY in session and needs_renewal(session):
            session.modified = True  # SessionMiddleware saves it, with a fresh expiry
        return self.get_response(request)
