from __future__ import annotations

from typing import Any

from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from mingjian.notifications.context_processors import unread
from mingjian.notifications.models import Notification
from mingjian.notifications.services import notify


def _own(org: Any, key: str = "k", **kwargs: Any) -> Notification:
    notify(org.liaison, key=key, title=kwargs.pop("title", f"消息{key}"), **kwargs)
    return Notification.objects.get(recipient=org.liaison, key=key)


def test_inbox_shows_own_only_unread_first(client: Client, org: Any) -> None:
    read = _own(org, "old", title="已读的消息")
    read.read_at = read.created_at
    read.save(update_fields=["read_at"])
    _own(org, "new", title="未读的消息")
    notify(org.outsider, key="k", title="别人的消息")
    client.force_login(org.liaison)
    html = client.get(reverse("notifications:inbox")).content.decode()
    assert "别人的消息" not in html
    assert html.index("未读的消息") < html.index("已读的消息")
    unread_only = client.get(reverse("notifications:inbox"), {"show": "unread"}).content.decode()
    assert "未读的消息" in unread_only
    assert "已读的消息" not in unread_only


def test_inbox_paginates(client: Client, org: Any) -> None:
    for i in range(35):
        notify(org.liaison, key=f"k{i}", title=f"消息{i}")
    client.force_login(org.liaison)
    response = client.get(reverse("notifications:inbox"))
    assert response.context["page"].paginator.num_pages == 2
    assert len(response.context["page"]) == 30


def test_others_notification_is_404_page_and_api(client: Client, org: Any) -> None:
    notification = _own(org)
    client.force_login(org.outsider)
    assert client.post(reverse("notifications:read", args=[notification.pk])).status_code == 404
    api = APIClient()
    api.force_authenticate(org.outsider)
    assert api.post(f"/api/notifications/{notification.pk}/read/").status_code == 404
    notification.refresh_from_db()
    assert notification.read_at is None


def test_top_bar_badge_counts_unread(client: Client, org: Any) -> None:
    client.force_login(org.liaison)
    assert 'data-testid="unread-count"' not in client.get("/").content.decode()
    _own(org, "a")
    _own(org, "b")
    html = client.get("/").content.decode()
    assert 'data-testid="inbox-link"' in html
    assert 'data-testid="unread-count">2</span>' in html


def test_unread_count_is_one_query(rf: Any, org: Any, django_assert_num_queries: Any) -> None:
    _own(org)
    request = rf.get("/")
    request.user = org.liaison
    with django_assert_num_queries(1):
        assert unread(request) == {"unread_count": 1}


def test_read_marks_and_follows_relative_link(client: Client, org: Any) -> None:
    notification = _own(org, url="/cases/")
    client.force_login(org.liaison)
    response = client.post(reverse("notifications:read", args=[notification.pk]))
    assert response.status_code == 302
    assert response["Location"] == "/cases/"
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_read_never_redirects_off_site(client: Client, org: Any) -> None:
    client.force_login(org.liaison)
    for i, url in enumerate(["https://evil.example/", "//evil.example/", "/\\evil.example", "javascript:x"]):
        notification = _own(org, f"k{i}", url=url)
        response = client.post(reverse("notifications:read", args=[notification.pk]))
        assert response["Location"] == reverse("notifications:inbox"), url


def test_read_requires_post(client: Client, org: Any) -> None:
    notification = _own(org)
    client.force_login(org.liaison)
    assert client.get(reverse("notifications:read", args=[notification.pk])).status_code == 405


def test_read_all(client: Client, org: Any) -> None:
    _own(org, "a")
    _own(org, "b")
    notify(org.outsider, key="a", title="乙")
    client.force_login(org.liaison)
    response = client.post(reverse("notifications:read-all"), follow=True)
    assert "已将 2 条消息标为已读" in response.content.decode()
    assert not Notification.objects.filter(recipient=org.liaison).unread().exists()
    assert Notification.objects.filter(recipient=org.outsider).unread().count() == 1


def test_api_lists_own_and_marks_read(org: Any) -> None:
    notification = _own(org, kind="overdue", url="/cases/")
    notify(org.outsider, key="k", title="别人的消息")
    api = APIClient()
    api.force_authenticate(org.liaison)
    results = api.get("/api/notifications/").json()["results"]
    assert [r["id"] for r in results] == [notification.pk]
    assert results[0]["kind"] == "overdue"
    assert results[0]["kind_label"] == "逾期预警"
    assert {"id", "kind", "title", "url", "created_at", "read_at"} <= set(results[0])
    response = api.post(f"/api/notifications/{notification.pk}/read/")
    assert response.status_code == 200
    assert response.json()["read_at"] is not None
    assert api.get("/api/notifications/", {"unread": "1"}).json()["results"] == []


def test_anonymous_is_sent_to_login(client: Client, db: Any) -> None:
    assert client.get(reverse("notifications:inbox")).status_code == 302
    assert APIClient().get("/api/notifications/").status_code in (401, 403)
