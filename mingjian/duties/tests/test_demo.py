"""The demo city's 两个责任: templates, registers and lists for 市民政局 and 市财政局 filled from the
other demos' records, one 约谈 and one 问责 — and seeding twice changes nothing."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from mingjian.duties.acts import acts_of
from mingjian.duties.models import Accountability, DutyList, DutyTemplate, Talk
from mingjian.duties.progress import progress_of
from mingjian.duties.register import register_of
from mingjian.org.models import Unit, User

YEAR = timezone.localdate().year


@pytest.fixture
def demo(db: Any) -> None:
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


def _user(name: str) -> User:
    return User.objects.get(username=name)


def test_templates_and_both_bureaus_lists(demo: None) -> None:
    assert DutyTemplate.objects.filter(issuer__code="x-jw").count() == 4
    for code in ("x-mz", "x-cz"):
        unit = Unit.objects.get(code=code)
        register = register_of(unit)
        kinds = sorted(DutyList.objects.filter(unit=unit, year=YEAR).values_list("kind", flat=True))
        assert kinds == sorted(["main", "first"] + ["dual"] * len(register.members))
    assert DutyList.objects.get(unit__code="x-pz1").kind == "supervision"


def test_the_secretarys_list_fills_itself_from_the_demo_records(demo: None) -> None:
    leader = _user("mzlingdao")
    first = DutyList.objects.get(person=leader.person, year=YEAR)
    found = {source for source, acts in acts_of(first, leader).items() if acts}
    assert {
        "meeting",
        "reply",
        "plan_submit",
        "report_submit",
        "education_host",
        "education_attend",
        "education_confirm",
    } <= found
    progress = progress_of(first, leader)
    assert progress.done >= 6 and progress.total == first.items.count()


def test_one_interview_and_one_accountability_with_four_eyes(demo: None) -> None:
    talk = Talk.objects.get()
    assert (talk.kind, talk.status, talk.issuer.code) == ("interview", "done", "x-pz1")
    assert (
        talk.subject == _user("mzlingdao").person and talk.task is not None and talk.task.unit.code == "x-mz"
    )
    assert talk.drafted_by != talk.approved_by
    rec = Accountability.objects.get()
    assert (rec.status, rec.person, rec.method_labels) == ("decided", _user("mzfuju").person, ["诫勉"])
    assert rec.case is not None and rec.drafted_by == _user("jiwei") and rec.decided_by == _user("jwfushuji")


def test_review_states_show(demo: None) -> None:
    assert DutyList.objects.get(unit__code="x-cz", kind="main").status == "reviewed"
    assert DutyList.objects.get(person=_user("czfuju").person).status == "submitted"


def test_the_leader_reads_the_report_and_names_are_masked_for_the_bureau(demo: None) -> None:
    client = Client()
    client.force_login(_user("minzheng"))
    rec = Accountability.objects.get()
    page = client.get(reverse("duties:accountability-detail", args=[rec.pk])).content.decode()
    assert "林海燕" in page and "诫勉" in page
    first = DutyList.objects.get(person=_user("mzlingdao").person)
    client.force_login(_user("mzlingdao"))
    assert client.get(reverse("duties:list-docx", args=[first.pk])).status_code == 200


def test_seeding_twice_changes_nothing(demo: None) -> None:
    counts = (DutyList.objects.count(), Talk.objects.count(), Accountability.objects.count())
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert (DutyList.objects.count(), Talk.objects.count(), Accountability.objects.count()) == counts
