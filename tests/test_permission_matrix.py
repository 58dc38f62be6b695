"""Walk every URL pattern with every vantage point: what a user may not see is 404 — on pages,
API endpoints and transitions alike — and never shows up in a list."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import transaction
from django.db.models import Model
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.matrix import REGISTRY, USERS, ObjectUrl, _push

# Pages that are not about any unit's data.
PUBLIC_OR_STATIC = {"login", "logout", "api-token", "api-schema", "api-docs"}


def _patterns(resolver: URLResolver | None = None, namespace: str = "") -> list[tuple[str, URLPattern]]:
    found: list[tuple[str, URLPattern]] = []
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            found += _patterns(entry, ns)
        elif entry.name:
            found.append((f"{namespace}{entry.name}", entry))
    return found


def _takes_id(pattern: URLPattern) -> bool:
    return bool(pattern.pattern.converters)


def test_every_object_url_is_registered() -> None:
    object_urls = {name for name, p in _patterns() if _takes_id(p)}
    assert object_urls, "no object URLs found: the walker is broken"
    missing = object_urls - {e.url_name for e in REGISTRY}
    assert not missing, f"add these to tests/matrix.py: {sorted(missing)}"


@pytest.mark.parametrize("entry", REGISTRY, ids=lambda e: e.url_name)
def test_object_url_matrix(client: Client, org: Any, entry: ObjectUrl) -> None:
    """Each vantage point in turn, each inside a savepoint rolled back afterwards, so what one
    user's POST changed is not what the next one meets."""
    obj = entry.make(org)
    url = reverse(entry.url_name, args=[obj.pk, *entry.extra])
    wrong = []
    for user_key in USERS:
        with transaction.atomic():
            client.force_login(getattr(org, user_key))
            status = _answer(client, entry.method, url).status_code
            transaction.set_rollback(True)
        # Reached: the page, a redirect after a refused or empty action, or from the API a 409 or
        # a 400 for the empty body (only to those who may read the object). Everyone else: 404.
        if (status in (200, 302, 400, 409)) if user_key in entry.visible else status == 404:
            continue
        wrong.append(f"{user_key}: {status}")
    assert not wrong, f"{url} ({entry.method}) answered wrongly: {wrong}"


def _answer(client: Client, method: str, url: str) -> Any:
    if method in ("put", "patch"):  # an empty JSON body, as a client would send
        return getattr(client, method)(url, data={}, content_type="application/json")
    return client.post(url) if method == "post" else client.get(url)


def _list_urls() -> list[str]:
    return sorted(name for name, p in _patterns() if not _takes_id(p) and name not in PUBLIC_OR_STATIC)


@pytest.mark.parametrize("user_key", ["outsider", "child", "auditor", "sysadmin"])
def test_lists_never_show_what_is_invisible(client: Client, org: Any, user_key: str) -> None:
    """bureau_a's records (marked by its name) never appear in lists of those who may not see
    them: every record the reader may not see is made once, then every list is read."""
    for entry in REGISTRY:
        if user_key not in entry.visible:
            entry.make(org)
    client.force_login(getattr(org, user_key))
    naming = []
    for url_name in _list_urls():
        response = client.get(reverse(url_name))
        assert response.status_code in (200, 302, 404, 405), f"{url_name} answered {response.status_code}"
        if not _reads_org_tree(user_key, url_name) and "测试市民政局" in _text(response):
            naming.append(url_name)
    assert not naming, f"these lists name bureau_a to {user_key}: {naming}"


def _text(response: Any) -> str:
    """The readable text of a page, a JSON body, a stream or an .xlsx export."""
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if body[:2] == b"PK":  # an Office document: read the cells, not the zipped XML
        import io

        from openpyxl import load_workbook

        book = load_workbook(io.BytesIO(body), read_only=True)
        return " ".join(
            str(c) for ws in book.worksheets for row in ws.iter_rows(values_only=True) for c in row if c
        )
    return body.decode()


def _reads_org_tree(user_key: str, url_name: str) -> bool:
    """The administrators manage the whole tree and the auditor reads its scope's trail: both
    see unit names by design, never business records."""
    if user_key == "sysadmin":
        return url_name.startswith(("org:unit", "org:user", "api-unit"))
    return user_key == "auditor" and url_name == "audit:event-list"


# Query-string filters that take an id, each with a maker for a record of bureau_a that the
# probing users may not see. A hand-edited `?unit=<id>` must answer exactly as an id that does
# not exist: same status, nothing named, no server error.
def _filter_targets(org: Any) -> dict[str, Model]:
    from mingjian.cases.tests.factories import CaseFactory, RecommendationFactory
    from mingjian.rectification.models import Campaign, InspectionBatch
    from mingjian.rectification.tests.factories import TaskFactory

    task = TaskFactory(problem__unit=org.bureau_a, problem__issuer=org.commission)
    campaign = Campaign.objects.create(name="低保专项治理", issuer=org.commission, start_date="2026-11-01")
    inspection = InspectionBatch.objects.create(
        unit=org.bureau_a,
        issuer=org.commission,
        title="测试市民政局巡察",
        feedback_date="2026-11-01",
        report_due="2027-01-01",
    )
    return {
        "unit": org.bureau_a,
        "parent": org.bureau_a,
        "issuer": org.bureau_a,
        "case": CaseFactory(unit=org.bureau_a),
        "problem": task.problem,
        "campaign": campaign,
        "inspection": inspection,
        "recommendation": RecommendationFactory(unit=org.bureau_a, issuer=org.commission),
        "push": _push(org),
    }


def _invisible_to(user: Any, obj: Model) -> bool:
    return not type(obj)._default_manager.visible_to(user).filter(pk=obj.pk).exists()  # type: ignore[attr-defined]


NONEXISTENT = 987_654_321


@pytest.mark.parametrize("url_name", _list_urls())
@pytest.mark.parametrize("user_key", ["outsider", "child", "sysadmin"])
def test_query_string_ids_reveal_nothing(client: Client, org: Any, url_name: str, user_key: str) -> None:
    user = getattr(org, user_key)
    targets = {name: obj.pk for name, obj in _filter_targets(org).items() if _invisible_to(user, obj)}
    assert "case" in targets  # bureau_a's business is never the probing users' to see
    client.force_login(user)
    url = reverse(url_name)
    for name, hidden in targets.items():
        seen = client.get(url, {name: hidden})
        absent = client.get(url, {name: NONEXISTENT})
        junk = client.get(url, {name: "9223372036854775808"})
        for response in (seen, absent, junk):
            assert response.status_code < 500, f"{url}?{name}= answered {response.status_code}"
        assert seen.status_code == absent.status_code, f"{url}?{name}=<invisible> differs from a missing id"
        if not _reads_org_tree(user_key, url_name):
            assert "测试市民政局" not in _text(seen), f"{url}?{name}=<invisible> names bureau_a"
        if seen.get("Content-Type", "").startswith("application/json"):
            assert seen.json() == absent.json(), f"{url}?{name}=<invisible> differs from a missing id"
