"""The scale generator builds a consistent tree, small enough here to run with the suite."""

from __future__ import annotations

from collections import defaultdict

import pytest

from bench import scale
from mingjian.org.models import Person, Unit


@pytest.fixture
def tree(db: None) -> list[Unit]:
    # 60 units is the smallest size with townships and villages under the county.
    done = scale.generate(units=60, people=300)
    assert (done.units, done.people) == (60, 300)
    return scale.scale_units()


def test_paths_and_depths_follow_parents(tree: list[Unit]) -> None:
    by_id = {u.pk: u for u in tree}
    roots = [u for u in tree if u.parent_id is None]
    assert len(roots) == 1
    assert (roots[0].path, roots[0].depth) == (f"/{roots[0].pk}/", 0)
    for unit in tree:
        if unit.parent_id is not None:
            parent = by_id[unit.parent_id]
            assert unit.path == f"{parent.path}{unit.pk}/"
            assert unit.depth == parent.depth + 1
    assert {u.kind for u in tree} >= {Unit.Kind.TOWNSHIP, Unit.Kind.VILLAGE, Unit.Kind.COMMISSION}


def test_subtree_of_a_county_is_exactly_its_descendants(tree: list[Unit]) -> None:
    county = scale.representative_units()["county"]
    children: dict[int | None, list[int]] = defaultdict(list)
    for unit in tree:
        children[unit.parent_id].append(unit.pk)
    descendants, todo = {county.pk}, [county.pk]
    while todo:
        found = children[todo.pop()]
        descendants.update(found)
        todo.extend(found)
    assert len(descendants) > 6  # bureaus plus townships and villages
    assert set(Unit.objects.subtree(county).values_list("pk", flat=True)) == descendants


def test_people_are_spread_over_the_tree_and_wipe_removes_only_scale_data(tree: list[Unit]) -> None:
    other = Unit.objects.create(name="别的单位", code="other", kind=Unit.Kind.PARTY_GOVT)
    assert other.pk > max(u.pk for u in tree)  # the explicit ids left the id sequence usable
    Person.objects.create(name="别人", unit=other)
    city = scale.representative_units()["city"]
    user = scale.liaison(city)
    in_city = Person.objects.filter(unit__path__startswith=city.path).count()
    assert 0 < Person.objects.visible_to(user).count() == in_city < 300
    assert Person.objects.filter(unit__code__startswith=scale.PREFIX).count() == 300

    assert scale.wipe() == {"users": 1, "people": 300, "units": 60}
    assert not scale.exists()
    assert list(Unit.objects.values_list("code", flat=True)) == ["other"]
    assert Person.objects.count() == 1


def test_bench_accounts_sign_in_and_see_their_own_scope(tree: list[Unit]) -> None:
    from django.contrib.auth import authenticate

    accounts = scale.bench_accounts(county=3, city=2, province=1, password="Bench-pass-2026!")
    assert [a.kind for a in accounts] == ["county", "county", "county", "city", "city", "province"]
    assert len({a.username for a in accounts}) == 6
    assert authenticate(username=accounts[0].username, password="Bench-pass-2026!") == accounts[0].user
    county, city, province = accounts[0], accounts[3], accounts[5]
    assert set(Unit.objects.visible_to(county.user)) == set(Unit.objects.subtree(county.unit))
    assert set(Unit.objects.visible_to(city.user)) == set(Unit.objects.subtree(city.unit))
    assert Unit.objects.visible_to(province.user).count() == 60
    again = scale.bench_accounts(county=3, city=2, province=1, password="Bench-pass-2026!")
    assert [a.user.pk for a in again] == [a.user.pk for a in accounts]  # refreshed, not duplicated


def test_work_rows_fit_the_current_schema(tree: list[Unit]) -> None:
    from mingjian.rectification.models import Responsibility, Task

    done = scale.generate_work(cases=4, tasks=40)
    assert (done.cases, done.problems, done.tasks) == (4, 20, 40)
    leads = Responsibility.objects.filter(role="lead").select_related("task", "person")
    assert leads.count() == Task.objects.count() == 40
    for lead in leads:
        assert lead.unit_id == lead.task.unit_id
        assert lead.person is None or lead.person.unit_id == lead.unit_id
    assert not Task.objects.filter(normalized=True).exists()
