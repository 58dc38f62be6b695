from __future__ import annotations

from typing import Any

from rest_framework.test import APIClient

from mingjian.org.tests.factories import PASSWORD


def _token(client: APIClient, username: str, password: str = PASSWORD) -> Any:
    return client.post("/api/auth/token/", {"username": username, "password": password}, format="json")


def test_token_login_and_me(org: Any) -> None:
    client = APIClient()
    response = _token(client, "liaison")
    assert response.status_code == 200
    client.credentials(HTTP_AUTHORIZATION=f"Token {response.json()['token']}")
    me = client.get("/api/me/").json()
    assert me["username"] == "liaison"
    assert me["unit"] == org.bureau_a.pk
    assert [r["role"] for r in me["roles"]] == ["unit_liaison"]


def test_token_login_wrong_password_is_chinese_400(org: Any) -> None:
    response = _token(APIClient(), "liaison", "nope")
    assert response.status_code == 400
    assert "用户名或密码错误" in response.json()["detail"]


def test_api_requires_authentication(db: Any) -> None:
    assert APIClient().get("/api/units/").status_code in (401, 403)


def test_units_api_is_scoped_and_invisible_is_404(org: Any) -> None:
    client = APIClient()
    client.force_authenticate(org.liaison)
    ids = {u["id"] for u in client.get("/api/units/").json()["results"]}
    assert ids == {org.bureau_a.pk, org.a_dept.pk}
    assert client.get(f"/api/units/{org.bureau_b.pk}/").status_code == 404
    assert client.get(f"/api/units/{org.bureau_a.pk}/").json()["field"] == "civil_affairs"


def test_schema_and_offline_docs(org: Any) -> None:
    client = APIClient()
    client.force_login(org.liaison)  # the docs page is a signed-in page (login_required)
    schema = client.get("/api/schema/")
    assert schema.status_code == 200
    assert b"/api/units/" in schema.content
    docs = client.get("/api/docs/").content.decode()
    assert "swagger-ui" in docs
    assert "cdn" not in docs.lower()
