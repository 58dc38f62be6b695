"""Response headers every page and download gets: a Content-Security-Policy that runs only our
own static scripts, and `Cache-Control: no-store` so case content never stays in a browser,
proxy or shared-computer cache.

The middleware sits after WhiteNoise, which answers static files itself: those keep their
long-lived caching, and only responses the application builds pass through here.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse


class SecurityHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", settings.CONTENT_SECURITY_POLICY)
        response.headers.setdefault("Cache-Control", "no-store")
        return response
