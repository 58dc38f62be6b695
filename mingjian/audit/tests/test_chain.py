from __future__ import annotations

from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction

from mingjian.audit import triggers
from mingjian.audit.models import AuditEvent
from mingjian.audit.services import GENESIS, mask, record, verify_chain


def _events(org: Any, n: int = 5) -> list[AuditEvent]:
    return [record(org.inspector, "org.unit.updated", org.bureau_a, step=i) for i in range(n)]


def _raw(sql: str, params: list[Any]) -> None:
    """Tamper as a database administrator would: with the triggers out of the way."""
    triggers.uninstall(connection)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
    triggers.install(connection)


def test_events_chain_from_genesis(org: Any) -> None:
    first, second = _events(org, 2)[-2:]
    assert second.prev_hash == first.hash
    assert AuditEvent.objects.order_by("seq").first().prev_hash == GENESIS  # type: ignore[union-attr]
    assert second.hash == second.compute_hash()


def test_record_fills_unit_actor_and_masks_secrets(org: Any) -> None:
    event = record(org.sysadmin, "org.user.password_reset", org.liaison, password="s3cret", note="ok")
    assert event.unit == org.bureau_a
    assert event.actor_label == org.sysadmin.display_name
    assert event.data == {"password": "***", "note": "ok"}


def test_mask_reaches_nested_values() -> None:
    assert mask({"a": [{"token": "x", "b": 1}]}) == {"a": [{"token": "***", "b": 1}]}


def test_intact_chain_verifies(org: Any) -> None:
    _events(org)
    report = verify_chain()
    assert report.ok
    assert report.checked == AuditEvent.objects.count()


def test_update_and_delete_are_refused_by_the_database(org: Any) -> None:
    event = _events(org, 1)[0]
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).update(action="x")
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).delete()
    assert AuditEvent.objects.get(pk=event.pk).action == "org.unit.updated"


def test_altered_event_is_named(org: Any) -> None:
    events = _events(org)
    target = events[2]
    _raw("UPDATE audit_auditevent SET data = %s WHERE id = %s", ['{"step": 99}', target.pk])
    report = verify_chain()
    assert report.problem is not None
    assert report.problem.seq == target.seq
    assert "篡改" in report.problem.reason


def test_removed_event_is_detected(org: Any) -> None:
    events = _events(org)
    _raw("DELETE FROM audit_auditevent WHERE id = %s", [events[1].pk])
    report = verify_chain()
    assert report.problem is not None
    assert report.problem.seq == events[2].seq


def test_reordered_events_are_detected(org: Any) -> None:
    a, b = _events(org)[1:3]
    # Swap two events' positions in the chain (keeping each row's own hash intact).
    _raw("UPDATE audit_auditevent SET seq = 999999999 WHERE id = %s", [a.pk])
    _raw("UPDATE audit_auditevent SET seq = %s WHERE id = %s", [a.seq, b.pk])
    _raw("UPDATE audit_auditevent SET seq = %s WHERE id = %s", [b.seq, a.pk])
    report = verify_chain()
    assert report.problem is not None
    assert report.problem.seq == a.seq


def test_verify_command_exit_codes(org: Any, capsys: pytest.CaptureFixture[str]) -> None:
    events = _events(org, 3)
    call_command("verify_audit")
    assert f"已校验 {AuditEvent.objects.count()} 条" in capsys.readouterr().out
    _raw("UPDATE audit_auditevent SET action = %s WHERE id = %s", ["auth.login", events[0].pk])
    with pytest.raises(CommandError, match=f"#{events[0].seq}"):
        call_command("verify_audit")


def test_no_code_path_updates_audit_rows() -> None:
    """Append-only in code as well: no module outside tests updates or deletes events."""
    import re
    from pathlib import Path

    pattern = re.compile(r"AuditEvent\.objects.*\.(update|delete|bulk_update)\(")
    root = Path(__file__).resolve().parents[2]
    sources = [p for p in root.rglob("*.py") if "tests" not in p.parts]
    assert len(sources) > 10
    assert [str(p) for p in sources if pattern.search(p.read_text())] == []
