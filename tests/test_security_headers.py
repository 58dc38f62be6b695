"""What every response says about itself: a strict Content-Security-Policy, no caching of pages
and downloads; the API description only for signed-in users; both server entry points refuse
demo passwords; and no template carries inline script or style for the policy to block."""

from __future__ import annotations

import re
import runpy
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.core.exceptions import ImproperlyConfigured
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from mingjian.lib.headers import SecurityHeadersMiddleware
from mingjian.org.models import User
from tests.matrix import REGISTRY
from tests.test_permission_matrix import _list_urls

ROOT = Path(__file__).resolve().parents[1]
DOWNLOADS = (
    "cases:recommendation-docx",
    "cases:attachment-download",
    "rectification:evidence-download",
)


def _assert_headers(response: Any, url: str) -> None:
    csp = response.get("Content-Security-Policy", "")
    assert csp.startswith("default-src 'self';"), f"{url}: {csp!r}"
    assert "'unsafe-inline'" not in csp and "'unsafe-eval'" not in csp
    assert response.get("Cache-Control") == "no-store", f"{url}: {response.get('Cache-Control')!r}"


@pytest.mark.parametrize("url_name", _list_urls())
def test_every_page_and_list_has_the_policy_and_no_store(client: Client, org: Any, url_name: str) -> None:
    client.force_login(org.inspector)
    url = reverse(url_name)
    _assert_headers(client.get(url), url)


@pytest.mark.parametrize("url_name", DOWNLOADS)
def test_downloads_with_case_content_are_not_cached(client: Client, org: Any, url_name: str) -> None:
    entry = next(e for e in REGISTRY if e.url_name == url_name)
    client.force_login(org.inspector)
    url = reverse(url_name, args=[entry.make(org).pk])
    response = client.get(url)
    assert response.status_code == 200
    _assert_headers(response, url)


def test_the_login_page_and_errors_carry_the_policy_too(client: Client, db: Any) -> None:
    _assert_headers(client.get(reverse("login")), "login")
    client.force_login(User.objects.create_user(username="nobody", password="x"))
    _assert_headers(client.get("/cases/987654321/"), "404")


def test_static_files_stay_cacheable(client: Client, db: Any) -> None:
    """Static files are served before the middleware; only application responses get no-store."""
    index = django_settings.MIDDLEWARE.index
    assert index("whitenoise.middleware.WhiteNoiseMiddleware") < index(
        f"{SecurityHeadersMiddleware.__module__}.{SecurityHeadersMiddleware.__name__}"
    )


def test_schema_and_docs_need_a_signed_in_user(client: Client, org: Any) -> None:
    assert APIClient().get("/api/schema/").status_code == 401
    docs = client.get("/api/docs/")
    assert docs.status_code == 302 and docs["Location"].startswith(reverse("login"))
    client.force_login(org.liaison)
    assert client.get("/api/schema/").status_code == 200
    page = client.get("/api/docs/").content.decode()
    assert "swagger-ui" in page and "<style>" not in page
    assert re.search(r"<script>\s*\S", page) is None  # the start-up script is a file (?script)
    assert client.get("/api/docs/?script").status_code == 200


@pytest.mark.parametrize("entry_point", ["config/wsgi.py", "config/asgi.py"])
def test_both_entry_points_refuse_demo_passwords(org: Any, settings: Any, entry_point: str) -> None:
    settings.DEBUG = False
    runpy.run_path(str(ROOT / entry_point))  # no demo password yet: starts
    User.objects.filter(pk=org.liaison.pk).update(has_demo_password=True)
    with pytest.raises(ImproperlyConfigured, match="演示密码"):
        runpy.run_path(str(ROOT / entry_point))


TEMPLATES = sorted((ROOT / "templates").rglob("*.html"))
INLINE = {
    "inline <script>": re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE),
    "inline <style>": re.compile(r"<style\b", re.IGNORECASE),
    "style= attribute": re.compile(r"\sstyle\s*=", re.IGNORECASE),
    "on*= handler": re.compile(r"\son[a-z]+\s*=\s*[\"']", re.IGNORECASE),
    "javascript: URL": re.compile(r"javascript:", re.IGNORECASE),
}


def test_templates_have_no_inline_script_or_style() -> None:
    assert len(TEMPLATES) > 30
    found = [
        f"{path.relative_to(ROOT)}: {what}"
        for path in TEMPLATES
        for what, pattern in INLINE.items()
        if pattern.search(path.read_text())
    ]
    assert not found, found
