"""lib.bulk: ids reserved before the transaction, rows converted before it, written inside it."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import transaction

from mingjian.audit.models import AuditEvent
from mingjian.audit.services import append_events, prepare_events, record, verify_chain
from mingjian.lib import bulk
from mingjian.org.models import Person
from mingjian.org.tests.factories import PersonFactory, UnitFactory

pytestmark = pytest.mark.django_db


def _people(unit: Any, count: int) -> list[Person]:
    return [Person(unit=unit, name=f"批量干部{n}", position="科员") for n in range(count)]


def test_reserved_ids_are_never_handed_out_again() -> None:
    unit = UnitFactory()
    existing = PersonFactory(unit=unit)
    reserved = bulk.reserve_ids(Person, 5)
    assert len(reserved) == len(set(reserved)) == 5
    assert min(reserved) > existing.pk
    later = PersonFactory(unit=unit)  # an ordinary insert after the reservation, rows unused
    assert later.pk > max(reserved)
    assert bulk.reserve_ids(Person, 0) == []


def test_prepared_rows_are_written_with_their_ids_and_foreign_keys(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bulk, "PG_ROWS_PER_STATEMENT", 3)  # several statements on PostgreSQL
    unit = UnitFactory()
    people = _people(unit, 7)
    bulk.assign_ids(people)
    insert = bulk.prepare_insert(people)
    assert Person.objects.filter(unit=unit).count() == 0  # nothing written yet
    with transaction.atomic():
        insert.execute()
    stored = dict(Person.objects.filter(unit=unit).values_list("pk", "name"))
    assert stored == {p.pk: p.name for p in people}
    assert not people[0]._state.adding  # later saves update rather than insert
    people[0].position = "副科长"
    people[0].save(update_fields=["position"])
    assert Person.objects.get(pk=people[0].pk).position == "副科长"


def test_a_rolled_back_transaction_leaves_no_prepared_row() -> None:
    unit = UnitFactory()
    people = _people(unit, 4)
    bulk.assign_ids(people)
    insert = bulk.prepare_insert(people)
    with pytest.raises(RuntimeError), transaction.atomic():
        insert.execute()
        raise RuntimeError
    assert not Person.objects.filter(unit=unit).exists()


def test_prepared_events_join_the_chain_in_the_order_written() -> None:
    unit = UnitFactory()
    people = _people(unit, 3)
    bulk.assign_ids(people)
    events = prepare_events(None, "test.bulk", [(p, {"n": n}) for n, p in enumerate(people)])
    record(None, "test.meanwhile")  # another writer between preparing and appending
    with transaction.atomic():
        append_events(events)
    written = list(AuditEvent.objects.order_by("seq"))
    assert [e.action for e in written[-4:]] == ["test.meanwhile", "test.bulk", "test.bulk", "test.bulk"]
    assert [e.data["n"] for e in written[-3:]] == [0, 1, 2]
    assert written[-3].created_at >= written[-4].created_at
    assert verify_chain().ok
