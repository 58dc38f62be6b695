"""Coverage ("警醒一批干部"): who was reached in the last 12 months by an event that used a case
of their own field; the 层级错位 advice; the case page's panel."""

from __future__ import annotations

from typing import Any

import pytest

from mingjian.cases.panels import panels_for
from mingjian.cases.tests.factories import CaseFactory, CasePersonFactory
from mingjian.education import services
from mingjian.education.coverage import coverage
from mingjian.education.fit import warnings_for
from mingjian.education.models import Attendance, Event
from mingjian.education.panel import case_events
from mingjian.education.tests.factories import days_ago, make_event
from mingjian.org.models import Field, Person, Unit
from mingjian.org.tests.factories import PersonFactory, UnitFactory

L = Person.Level
P = Attendance.Presence


@pytest.fixture
def cadres(org: Any) -> dict[str, Person]:
    return {
        "chief": PersonFactory(name="李局长", unit=org.bureau_a, level=L.COUNTY),
        "clerk": PersonFactory(name="王芳", unit=org.bureau_a, level=L.GENERAL),
        "head": PersonFactory(name="赵科长", unit=org.a_dept, level=L.TOWNSHIP),
        "staff": PersonFactory(name="钱科员", unit=org.a_dept, level=L.GENERAL),
        "accountant": PersonFactory(name="孙会计", unit=org.bureau_b, level=L.GENERAL),
    }


def civil_case(org: Any, level: str = "township") -> Any:
    case = CaseFactory(unit=org.bureau_a, publicity="city", title="测试市民政局王大明违规审批低保问题")
    CasePersonFactory(case=case, name="王大明", level=level)
    return case


def hold(event: Event, by: Any, marks: dict[Person, str]) -> Event:
    event = services.hold_event(event, by=by)
    services.record_attendance(
        event,
        by=by,
        marks=[services.Mark(p.pk, m, "出差" if m == P.ABSENT else "") for p, m in marks.items()],
    )
    return event


def result(user: Any, units: Any = None, **kwargs: Any) -> dict[str, tuple[int, int, list[str]]]:
    found = coverage(user, units=units or Unit.objects.all(), today=days_ago(0), **kwargs)
    return {r.unit.name: (r.reached, r.cohort, [c.name for c in r.unreached]) for r in found.rows}


def test_reached_means_present_or_made_up_at_a_same_field_event(org: Any, cadres: dict[str, Person]) -> None:
    event = make_event(org.liaison, unit=org.bureau_a, cases=[civil_case(org)])
    event = hold(
        event, org.liaison, {cadres["chief"]: P.PRESENT, cadres["head"]: P.ABSENT, cadres["staff"]: P.ABSENT}
    )
    services.record_makeup(
        event, by=org.liaison, person_id=cadres["staff"].pk, made_up_on=days_ago(0), note="看录像"
    )
    assert result(org.inspector) == {
        "测试市民政局": (1, 2, ["王芳"]),
        "社会救助科": (1, 2, ["赵科长"]),
        "测试市财政局": (0, 1, ["孙会计"]),
    }
    total = coverage(org.inspector, units=Unit.objects.all(), today=days_ago(0))
    assert (total.reached, total.cohort, total.percent) == (2, 5, 40)


def test_a_case_of_another_field_does_not_count(org: Any, cadres: dict[str, Person]) -> None:
    finance = CaseFactory(unit=org.bureau_b, publicity="city")
    event = make_event(org.inspector, unit=org.commission, targets=[org.city], cases=[finance])
    hold(event, org.inspector, {cadres["chief"]: P.PRESENT, cadres["accountant"]: P.PRESENT})
    assert result(org.inspector)["测试市民政局"][0] == 0
    assert result(org.inspector)["测试市财政局"] == (1, 1, [])


def test_a_general_unit_counts_any_event_with_a_case(org: Any, cadres: dict[str, Person]) -> None:
    office = UnitFactory(name="测试市政府办", parent=org.city, field=Field.GENERAL)
    clerk = PersonFactory(name="郑秘书", unit=office)
    without = make_event(org.inspector, unit=org.commission, targets=[office])
    hold(without, org.inspector, {clerk: P.PRESENT})
    assert result(org.inspector)["测试市政府办"] == (0, 1, ["郑秘书"])
    event = make_event(org.inspector, unit=org.commission, targets=[office], cases=[civil_case(org)])
    hold(event, org.inspector, {clerk: P.PRESENT})
    assert result(org.inspector)["测试市政府办"] == (1, 1, [])


def test_only_the_last_twelve_months_and_only_events_that_took_place(
    org: Any, cadres: dict[str, Person]
) -> None:
    case = civil_case(org)
    old = make_event(org.liaison, unit=org.bureau_a, cases=[case], held_on=days_ago(380))
    hold(old, org.liaison, {cadres["chief"]: P.PRESENT})
    make_event(org.liaison, unit=org.bureau_a, cases=[case])  # planned, never held
    assert result(org.inspector)["测试市民政局"] == (0, 2, ["李局长", "王芳"])
    assert result(org.inspector, months=24)["测试市民政局"] == (1, 2, ["王芳"])


def test_coverage_counts_only_the_viewers_scope_and_filters_the_cohort(
    org: Any, cadres: dict[str, Person]
) -> None:
    event = make_event(org.liaison, unit=org.bureau_a, cases=[civil_case(org)])
    hold(event, org.liaison, {cadres["chief"]: P.PRESENT})
    assert result(org.outsider) == {"测试市财政局": (0, 1, ["孙会计"])}
    assert result(org.child) == {"社会救助科": (0, 2, ["赵科长", "钱科员"])}
    assert result(org.sysadmin) == {}
    assert result(org.inspector, levels=[L.COUNTY]) == {"测试市民政局": (1, 1, [])}
    assert result(org.inspector, units=Unit.objects.filter(pk=org.a_dept.pk)) == {
        "社会救助科": (0, 2, ["赵科长", "钱科员"])
    }


def test_level_and_field_advice(org: Any, cadres: dict[str, Person]) -> None:
    village_case = civil_case(org, level="village")
    leaders = make_event(org.liaison, unit=org.bureau_a, cases=[village_case], target_levels=[L.COUNTY])
    assert [w.kind for w in warnings_for(leaders)] == ["level"]
    assert "县处级以上领导干部" in warnings_for(leaders)[0].message
    county_case = civil_case(org, level="county")
    assert (
        warnings_for(
            make_event(org.liaison, unit=org.bureau_a, cases=[county_case], target_levels=[L.COUNTY])
        )
        == []
    )
    finance = CaseFactory(unit=org.bureau_b, publicity="city")
    CasePersonFactory(case=finance, level="county")
    wrong_field = make_event(org.liaison, unit=org.bureau_a, cases=[finance], target_levels=[L.COUNTY])
    assert [w.kind for w in warnings_for(wrong_field)] == ["field"]
    assert "民政领域" in warnings_for(wrong_field)[0].message
    # Everyone, with one 乡科级 case: the other two bands have no case of their own.
    everyone = make_event(org.liaison, unit=org.bureau_a, cases=[civil_case(org)])
    assert "县处级以上领导干部、一般干部和村（社区）干部" in warnings_for(everyone)[0].message
    assert [w.kind for w in warnings_for(make_event(org.liaison, unit=org.bureau_a))] == ["no_case"]


def test_case_panel_counts_events_and_people_reached(org: Any, cadres: dict[str, Person]) -> None:
    case = civil_case(org)
    event = make_event(org.inspector, unit=org.bureau_a, cases=[case], title="王大明案警示教育大会")
    hold(
        event,
        org.inspector,
        {cadres["chief"]: P.PRESENT, cadres["head"]: P.PRESENT, cadres["clerk"]: P.ABSENT},
    )
    make_event(org.inspector, unit=org.bureau_a, cases=[case], title="观看警示片")
    cancelled = services.cancel_event(
        make_event(org.inspector, unit=org.bureau_a, cases=[case]), by=org.inspector, reason="重复"
    )
    lines = case_events(case, org.inspector)
    assert [(line.title, line.reached, line.cohort) for line in lines] == [
        ("观看警示片", 0, 4),
        ("王大明案警示教育大会", 2, 4),
    ]
    assert cancelled.pk not in [line.event.pk for line in lines]
    # The department's liaison sees only their own cadres, and names masked.
    child = case_events(case, org.child)
    assert [(line.title, line.reached, line.cohort) for line in child] == [
        ("观看警示片", 0, 2),
        ("王某某案警示教育大会", 1, 2),
    ]
    panel = next(p for p in panels_for(case, org.child) if p.template == "education/_case_panel.html")
    assert panel.context["reached"] == 1
    assert not case_events(case, org.outsider)


def test_totals_cover_every_unit_while_a_page_names_a_few(
    org: Any, cadres: dict[str, Person], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A province's cohort cannot be listed: units come a page at a time and each names its first
    cadres not reached, while the totals and the per-unit counts stay whole."""
    from mingjian.education import coverage as module

    monkeypatch.setattr(module, "PAGE_UNITS", 2)
    monkeypatch.setattr(module, "NAMES_PER_UNIT", 1)
    first = coverage(org.inspector, units=Unit.objects.all(), today=days_ago(0))
    last = coverage(org.inspector, units=Unit.objects.all(), today=days_ago(0), page=2)
    assert (first.cohort, last.cohort, first.page.paginator.count) == (5, 5, 3)
    assert [(r.unit.name, r.unreached_count, [c.name for c in r.unreached]) for r in first.rows] == [
        ("测试市民政局", 2, ["李局长"]),
        ("社会救助科", 2, ["赵科长"]),
    ]
    assert [(r.unit.name, [c.name for c in r.unreached]) for r in last.rows] == [("测试市财政局", ["孙会计"])]
    past_the_end = coverage(org.inspector, units=Unit.objects.all(), today=days_ago(0), page="9")
    assert past_the_end.page.number == 2
