from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from mingjian.org.models import Person, Unit, User
from mingjian.org.safety import refuse_demo_passwords
from mingjian.workflow.models import StatusChange


@pytest.fixture
def demo(db: Any) -> None:
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_seed_demo_builds_the_city_and_is_idempotent(demo: None) -> None:
    counts = (Unit.objects.count(), Person.objects.count(), User.objects.count())
    assert counts[0] > 60
    assert 150 <= counts[1] <= 300
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert (Unit.objects.count(), Person.objects.count(), User.objects.count()) == counts


def test_demo_accounts_sign_in_with_the_demo_password(demo: None, settings: Any) -> None:
    for username in ("admin", "secadmin", "auditor", "jiwei", "paizhu", "minzheng", "caizheng", "lingdao"):
        assert User.objects.get(username=username).check_password(settings.MINGJIAN_DEMO_PASSWORD)


def test_minzheng_cannot_reach_caizheng(demo: None) -> None:
    client = Client()
    client.force_login(User.objects.get(username="minzheng"))
    finance = Unit.objects.filter(path__startswith=Unit.objects.get(code="x-cz").path)
    for unit in finance:
        assert client.get(f"/org/units/{unit.pk}/").status_code == 404
        assert client.get(f"/api/units/{unit.pk}/").status_code == 404
    names = {u["name"] for u in client.get("/api/units/?limit=500").json()["results"]}
    assert "市民政局" in names
    assert not any("财政" in n for n in names)


def test_minzheng_reaches_no_finance_record_by_any_url(demo: None) -> None:
    from mingjian.cases.models import Case, CaseAnalysis, Recommendation

    finance = Unit.objects.get(code="x-cz").path
    client = Client()
    client.force_login(User.objects.get(username="minzheng"))
    cases = Case.objects.filter(unit__path__startswith=finance)
    recs = Recommendation.objects.filter(unit__path__startswith=finance)
    analyses = CaseAnalysis.objects.filter(case__unit__path__startswith=finance)
    assert cases and recs and analyses  # the demo has finance records to hide
    urls = [f"/cases/{c.pk}/" for c in cases] + [f"/api/cases/{c.pk}/" for c in cases]
    urls += [f"/cases/{c.pk}/analysis/" for c in cases] + [f"/api/analyses/{a.pk}/" for a in analyses]
    urls += [f"/cases/recommendations/{r.pk}/" for r in recs] + [
        f"/api/recommendations/{r.pk}/" for r in recs
    ]
    urls += [f"/cases/recommendations/{r.pk}/docx/" for r in recs]
    assert {url: client.get(url).status_code for url in urls} == dict.fromkeys(urls, 404)
    finance_ids = set(Unit.objects.filter(path__startswith=finance).values_list("pk", flat=True))
    for endpoint in ("/api/cases/", "/api/analyses/", "/api/recommendations/"):
        rows = client.get(endpoint + "?limit=500").json()["results"]
        assert not {r["unit"] for r in rows} & finance_ids, endpoint


def test_demo_has_recommendations_in_several_states(demo: None) -> None:
    from mingjian.cases.models import Recommendation

    states = set(Recommendation.objects.values_list("status", flat=True))
    assert {"draft", "approving", "issued", "objection", "implementing", "done"} <= states
    assert Recommendation.objects.overdue(timezone.localdate()).exists()
    done = Recommendation.objects.get(status="done")
    assert done.rating and done.reports.filter(kind="completion", status="submitted").exists()
    approving = Recommendation.objects.get(status="approving")
    assert approving.approvals.filter(decision="approved").count() == 1  # one step signed, the next waits


def test_paizhu_sees_the_units_it_supervises(demo: None) -> None:
    client = Client()
    client.force_login(User.objects.get(username="paizhu"))
    names = {u["name"] for u in client.get("/api/units/?limit=500").json()["results"]}
    assert {"市民政局", "市财政局", "派驻第一纪检监察组"} <= names
    assert "市教育局" not in names


def test_production_refuses_to_start_with_demo_passwords(demo: None, settings: Any) -> None:
    settings.DEBUG = False
    with pytest.raises(ImproperlyConfigured, match="演示密码"):
        refuse_demo_passwords()
    settings.DEBUG = True
    refuse_demo_passwords()


def test_if_empty_skips_a_populated_database(demo: None) -> None:
    from io import StringIO

    out = StringIO()
    call_command("seed_demo", "--if-empty", stdout=out)
    assert "跳过" in out.getvalue()
    assert "minzheng" in out.getvalue()


def test_demo_rectification_shows_every_state(demo: None) -> None:
    from mingjian.rectification.models import FollowUpReview, InspectionBatch, Light, Task

    states = set(Task.objects.values_list("status", flat=True))
    assert states == {"draft", "issued", "in_progress", "submitted", "returned", "accepted"}
    lights = {t.light(timezone.localdate()) for t in Task.objects.all()}
    assert {Light.NORMAL, Light.GREEN, Light.YELLOW, Light.RED, Light.DONE} <= lights
    today = timezone.localdate()
    done = FollowUpReview.objects.filter(status="done", findings__result="rebound")
    assert done.exists() and all(r.scheduled_for <= today for r in done)  # nothing done in the future
    planned = FollowUpReview.objects.filter(status="scheduled")
    assert set(planned.values_list("unit__code", flat=True)) == {"x-mz", "x-cz"}
    assert InspectionBatch.objects.filter(unit__code__in=["x-mz", "x-cz"]).count() == 2
    assert InspectionBatch.objects.filter(reported_on__isnull=False).exists()  # both reports in
    reopened = Task.objects.filter(findings__result="rebound", status="in_progress")
    assert reopened.exists()
    assert StatusChange.objects.filter(content_type__model="rectificationplan", action="return").exists()


def test_demo_leaders_are_leadership_members_and_liaisons_are_not(demo: None) -> None:
    from mingjian.rectification.permissions import leaders_of, principals_of

    bureau = Unit.objects.get(code="x-mz")
    leaders = set(leaders_of(bureau).values_list("username", flat=True))
    assert {"mzlingdao", "mzfuju"} <= leaders
    assert "minzheng" not in leaders
    assert set(principals_of(bureau).values_list("username", flat=True)) == {"mzlingdao"}
