"""Yearly 责任清单: generated from the templates, filled by the holder's side, reported by the
holder and reviewed by someone else on the supervising side."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from mingjian.audit.models import AuditEvent
from mingjian.duties import services
from mingjian.duties.models import DutyEntry, DutyList, DutyTemplate
from mingjian.duties.vocabulary import DEFAULT_ITEMS, Kind
from mingjian.lib.uploads import check_upload
from mingjian.org.models import Person, Unit
from mingjian.org.tests.factories import UnitFactory, leader_of
from mingjian.workflow.services import TransitionError, history

from .conftest import Team

YEAR = timezone.localdate().year
PDF = b"%PDF-1.4 evidence"


def _generate(org: Any) -> dict[str, DutyList]:
    result = services.generate_lists(org.bureau_a, year=YEAR, by=org.liaison)
    return {f"{d.kind}:{d.person.name if d.person else ''}": d for d in result.created}


def test_generating_makes_one_list_per_holder_with_the_template_items(
    org: Any, team: Team, templates: None
) -> None:
    lists = _generate(org)
    assert set(lists) == {"main:", "first:张书记", "dual:李副局长"}
    main = lists["main:"]
    assert main.title == f"{YEAR}年度测试市民政局党组主体责任清单"
    assert [i.text for i in main.items.order_by("seq")] == [t for _, t, _ in DEFAULT_ITEMS[Kind.MAIN]]
    assert lists["first:张书记"].holder == "张书记（班子成员）"
    assert AuditEvent.objects.filter(action="duties.list.generated").count() == 3


def test_generating_again_adds_only_the_missing_lists(org: Any, team: Team, templates: None) -> None:
    _generate(org)
    newcomer = leader_of(org.bureau_a, username="new", full_name="钱新")
    result = services.generate_lists(org.bureau_a, year=YEAR, by=org.liaison)
    assert [d.person for d in result.created] == [newcomer.person]
    assert result.existing == 3


def test_a_template_changed_later_leaves_past_lists_alone(org: Any, team: Team, templates: None) -> None:
    main = _generate(org)["main:"]
    template = DutyTemplate.objects.get(issuer=org.commission, kind=Kind.MAIN)
    before = list(main.items.values_list("text", flat=True))
    services.remove_template_item(template.items.first(), by=org.inspector)
    services.add_template_item(template, by=org.inspector, text="新增事项")
    assert list(main.items.values_list("text", flat=True)) == before


def test_the_nearest_commission_with_a_template_is_used(org: Any, templates: None) -> None:
    county = UnitFactory(name="测试县", parent=org.city)
    county_commission = UnitFactory(name="测试县纪委监委", parent=county, kind=Unit.Kind.COMMISSION)
    DutyTemplate.objects.create(
        issuer=county_commission, kind=Kind.MAIN, title="县主体责任清单"
    ).items.create(seq=1, text="县里的事项")
    bureau = UnitFactory(name="测试县民政局", parent=county)
    assert services.template_for(bureau, Kind.MAIN).issuer == county_commission  # type: ignore[union-attr]
    assert services.template_for(bureau, Kind.FIRST).issuer == org.commission  # type: ignore[union-attr]


def test_without_any_template_nothing_is_generated_and_the_reason_is_given(org: Any, team: Team) -> None:
    with pytest.raises(ValidationError, match="尚未制定主体责任清单、第一责任人清单、一岗双责清单模板"):
        services.generate_lists(org.bureau_a, year=YEAR, by=org.liaison)
    assert not DutyList.objects.exists()


def test_a_missing_kind_is_reported_while_the_others_are_made(org: Any, team: Team) -> None:
    services.create_template(org.commission, kind=Kind.MAIN, by=org.inspector)
    result = services.generate_lists(org.bureau_a, year=YEAR, by=org.liaison)
    assert [d.kind for d in result.created] == [Kind.MAIN]
    assert result.missing == [Kind.FIRST, Kind.DUAL]


def test_a_stationed_group_gets_its_supervision_list_only(org: Any, team: Team, templates: None) -> None:
    result = services.generate_lists(org.group, year=YEAR, by=org.stationed)
    assert [(d.kind, d.person) for d in result.created] == [(Kind.SUPERVISION, None)]


def test_only_who_may_act_in_the_unit_generates(org: Any, team: Team, templates: None) -> None:
    for user in (org.outsider, org.child, org.leader):
        with pytest.raises(PermissionDenied):
            services.generate_lists(org.bureau_a, year=YEAR, by=user)


@pytest.mark.parametrize("year", [1999, YEAR + 2])
def test_years_outside_the_range_are_refused(org: Any, team: Team, templates: None, year: int) -> None:
    with pytest.raises(ValidationError, match="年度应在"):
        services.generate_lists(org.bureau_a, year=year, by=org.liaison)


def test_the_holders_side_checks_an_item_with_note_and_evidence(
    org: Any, team: Team, templates: None
) -> None:
    main = _generate(org)["main:"]
    item = main.items.get(seq=9)
    services.check_item(item, by=org.liaison, note="修订了两项制度", evidence=check_upload("制度.pdf", PDF))
    item.refresh_from_db()
    assert (item.checked, item.note, item.checked_by) == (True, "修订了两项制度", org.liaison)
    entry = DutyEntry.objects.get(item=item)
    assert (entry.name, entry.sha256, entry.file.read()) == (
        "制度.pdf",
        check_upload("x.pdf", PDF).sha256,
        PDF,
    )
    services.uncheck_item(item, by=org.liaison)
    item.refresh_from_db()
    assert not item.checked


@pytest.mark.parametrize("who", ["outsider", "child", "parent", "inspector", "stationed", "leader"])
def test_nobody_else_fills_the_list(org: Any, team: Team, templates: None, who: str) -> None:
    main = _generate(org)["main:"]
    with pytest.raises(PermissionDenied):
        services.check_item(main.items.first(), by=getattr(org, who))
    with pytest.raises(PermissionDenied):
        services.add_entry(main, by=getattr(org, who), happened_on=timezone.localdate(), text="记实")


def test_entries_must_fall_in_the_year_and_belong_to_the_list(org: Any, team: Team, templates: None) -> None:
    lists = _generate(org)
    main, first = lists["main:"], lists["first:张书记"]
    with pytest.raises(TransitionError, match="不在"):
        services.add_entry(main, by=org.liaison, happened_on=date(YEAR - 1, 12, 31), text="去年的事")
    with pytest.raises(TransitionError, match="不属于本清单"):
        services.add_entry(
            main, by=org.liaison, happened_on=timezone.localdate(), text="记实", item=first.items.first()
        )
    with pytest.raises(TransitionError, match="请填写"):
        services.add_entry(main, by=org.liaison, happened_on=timezone.localdate(), text="  ")
    entry = services.add_entry(
        main, by=org.liaison, happened_on=timezone.localdate(), text="专题学习问责条例"
    )
    assert entry.dlist == main and entry.created_by == org.liaison


def test_a_cadres_list_is_reported_by_that_cadre_only(org: Any, team: Team, templates: None) -> None:
    first = _generate(org)["first:张书记"]
    for user in (team.deputy, org.liaison, org.inspector):
        with pytest.raises(PermissionDenied):
            services.submit_list(first, by=user)
    first = services.submit_list(first, by=team.secretary)
    assert (first.status, first.submitted_by) == (DutyList.Status.SUBMITTED, team.secretary)


def test_the_party_bodys_list_is_reported_by_its_secretary(org: Any, team: Team, templates: None) -> None:
    main = _generate(org)["main:"]
    with pytest.raises(PermissionDenied):
        services.submit_list(main, by=team.deputy)
    assert services.submit_list(main, by=team.secretary).status == DutyList.Status.SUBMITTED


def test_a_reported_list_is_no_longer_edited(org: Any, team: Team, templates: None) -> None:
    first = services.submit_list(_generate(org)["first:张书记"], by=team.secretary)
    with pytest.raises(TransitionError, match="已报送"):
        services.check_item(first.items.first(), by=org.liaison)


def test_review_is_by_the_supervising_side_and_never_the_reporter(
    org: Any, team: Team, templates: None
) -> None:
    first = services.submit_list(_generate(org)["first:张书记"], by=team.secretary)
    for user in (org.liaison, team.secretary, org.parent, org.leader):
        with pytest.raises(PermissionDenied):
            services.accept_list(first, by=user)
    first = services.accept_list(first, by=org.stationed, comment="履责到位")
    assert (first.status, first.reviewed_by, first.review_comment) == ("reviewed", org.stationed, "履责到位")
    assert [h.action for h in history(first)] == ["submit", "accept"]


def test_an_account_holding_both_sides_cannot_review_what_it_reported(
    org: Any, team: Team, templates: None
) -> None:
    """Four eyes: a 纪委 account that also reports the list (here, holding the 书记's person)."""
    supervisor = org.inspector
    supervisor.person = Person.objects.create(unit=org.commission, name="兼任", leadership="secretary")
    supervisor.save(update_fields=["person"])
    body_list = services.generate_lists(org.commission, year=YEAR, by=org.inspector).created
    dlist = next(d for d in body_list if d.kind == Kind.SUPERVISION)
    dlist = services.submit_list(dlist, by=supervisor)
    with pytest.raises(PermissionDenied):  # its home is the body itself: a body never reviews itself
        services.accept_list(dlist, by=supervisor)


def test_a_stationed_group_never_reviews_its_own_list(org: Any, team: Team, templates: None) -> None:
    (own,) = services.generate_lists(org.group, year=YEAR, by=org.stationed).created
    own = services.submit_list(own, by=team.zuzhang)
    with pytest.raises(PermissionDenied):
        services.accept_list(own, by=org.stationed)
    assert services.accept_list(own, by=org.inspector).status == "reviewed"


def test_returning_needs_a_reason_and_reopens_the_list(org: Any, team: Team, templates: None) -> None:
    first = services.submit_list(_generate(org)["first:张书记"], by=team.secretary)
    with pytest.raises(TransitionError, match="理由"):
        services.return_list(first, by=org.inspector, reason=" ")
    first = services.return_list(first, by=org.inspector, reason="第五项未见佐证")
    assert first.status == DutyList.Status.OPEN
    services.check_item(first.items.first(), by=org.liaison)  # editable again
    change = history(first).last()
    assert change is not None and change.comment == "第五项未见佐证"


def test_generating_twice_makes_one_set_and_years_are_separate(org: Any, team: Team, templates: None) -> None:
    _generate(org)
    again = services.generate_lists(org.bureau_a, year=YEAR, by=org.inspector)
    assert again.created == [] and DutyList.objects.count() == 3
    last_year = services.generate_lists(org.bureau_a, year=YEAR - 1, by=org.inspector)
    assert len(last_year.created) == 3 and DutyList.objects.filter(year=YEAR - 1).count() == 3
