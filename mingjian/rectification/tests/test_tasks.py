from __future__ import annotations

import datetime
from typing import Any

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from mingjian.audit.models import AuditEvent
from mingjian.lib.uploads import check_upload
from mingjian.org.tests.factories import leader_of
from mingjian.rectification import services
from mingjian.rectification.models import FollowUpReview, Light, RectificationPolicy, Task
from mingjian.rectification.tests.factories import TaskFactory
from mingjian.workflow.models import StatusChange
from mingjian.workflow.services import TransitionError

NOW = datetime.datetime(2026, 11, 20, 9, tzinfo=datetime.UTC)
PDF = b"%PDF-1.4 evidence"


@pytest.fixture
def boss(org: Any) -> Any:
    """The bureau's leader, named 责任领导 on the task."""
    return leader_of(org.bureau_a, username="boss")


@pytest.fixture
def task(org: Any, boss: Any) -> Task:
    return TaskFactory(problem__unit=org.bureau_a, problem__issuer=org.commission, leader=boss)  # type: ignore[no-any-return]


def _to_submitted(task: Task, org: Any, boss: Any) -> Task:
    task = services.issue_task(task, by=org.inspector)
    task = services.start_task(task, by=org.liaison)
    services.add_evidence(
        task, by=org.liaison, kind="regulation", name="新办法", checked=check_upload("办法.pdf", PDF)
    )
    task = services.save_progress(task, by=org.liaison, progress="已修订办法并印发")
    services.confirm_task(task, by=boss, comment="情况属实")
    return services.submit_task(task, by=org.liaison)


@time_machine.travel(NOW, tick=False)
def test_the_whole_happy_path_writes_history_and_audit(org: Any, boss: Any, task: Task) -> None:
    task = _to_submitted(task, org, boss)
    task = services.accept_task(task, by=org.inspector, verification="on_site", note="实地查看台账")
    assert task.status == Task.Status.ACCEPTED
    assert (task.accepted_by, task.verification) == (org.inspector, "on_site")
    actions = list(
        StatusChange.objects.filter(object_id=task.pk, content_type__model="task").values_list(
            "action", flat=True
        )
    )
    assert actions == ["issue", "start", "submit", "accept"]
    assert AuditEvent.objects.filter(action="rectification.task.accepted", target_id=str(task.pk)).exists()
    review = FollowUpReview.objects.get(tasks=task)
    assert review.scheduled_for == datetime.date(2027, 2, 1)  # 3 months on, first of the month


def test_illegal_moves_raise_and_change_nothing(org: Any, task: Task) -> None:
    with pytest.raises(TransitionError, match="不能变更为"):
        services.submit_task(task, by=org.liaison)
    with pytest.raises(TransitionError):
        services.start_task(task, by=org.liaison)  # draft → in_progress is not a move
    task.refresh_from_db()
    assert task.status == Task.Status.DRAFT


def test_only_the_issuing_side_issues(org: Any, task: Task) -> None:
    for user in (org.liaison, org.outsider, org.leader):
        with pytest.raises(PermissionDenied):
            services.issue_task(task, by=user)


def test_issue_needs_a_deadline_in_the_future(org: Any, task: Task) -> None:
    Task.objects.filter(pk=task.pk).update(due_date=datetime.date(2020, 1, 1))
    task.refresh_from_db()
    with pytest.raises(TransitionError, match="早于今天"):
        services.issue_task(task, by=org.inspector)


def test_submit_requires_evidence_and_the_leaders_own_confirmation(org: Any, boss: Any, task: Task) -> None:
    task = services.issue_task(task, by=org.inspector)
    task = services.start_task(task, by=org.liaison)
    with pytest.raises(TransitionError, match="先由责任单位填写整改进展"):
        services.confirm_task(task, by=boss)  # sign after the text, never before
    task = services.save_progress(task, by=org.liaison, progress="完成")
    with pytest.raises(TransitionError, match="佐证材料"):
        services.submit_task(task, by=org.liaison)
    money = services.add_evidence(
        task, by=org.liaison, kind="money", name="", record_ref="财追〔2026〕8号", amount_yuan=56000
    )
    assert money.name == "资金追缴：财追〔2026〕8号"
    with pytest.raises(TransitionError, match="责任领导"):
        services.submit_task(task, by=org.liaison)
    with pytest.raises(PermissionDenied):
        services.confirm_task(task, by=org.liaison)  # the liaison cannot sign for the leader
    services.confirm_task(task, by=boss)
    assert services.submit_task(task, by=org.liaison).status == Task.Status.SUBMITTED


def test_an_edit_after_signing_voids_the_sign_off(org: Any, boss: Any, task: Task) -> None:
    task = services.start_task(services.issue_task(task, by=org.inspector), by=org.liaison)
    services.add_evidence(
        task, by=org.liaison, kind="document", name="办法", checked=check_upload("a.pdf", PDF)
    )
    task = services.save_progress(task, by=org.liaison, progress="已完成第一稿")
    services.confirm_task(task, by=boss)
    task = services.save_progress(task, by=org.liaison, progress="已完成并印发（改过的文字）")
    with pytest.raises(TransitionError, match="重新签认"):
        services.submit_task(task, by=org.liaison)
    assert Task.objects.to_sign(boss).filter(pk=task.pk).exists()  # back on the leader's list
    services.confirm_task(task, by=boss)
    assert not Task.objects.to_sign(boss).filter(pk=task.pk).exists()
    assert services.submit_task(task, by=org.liaison).status == Task.Status.SUBMITTED


def test_the_leader_who_signed_cannot_submit(org: Any, boss: Any, task: Task) -> None:
    task = services.start_task(services.issue_task(task, by=org.inspector), by=org.liaison)
    services.add_evidence(
        task, by=org.liaison, kind="document", name="办法", checked=check_upload("a.pdf", PDF)
    )
    task = services.save_progress(task, by=boss, progress="完成")
    services.confirm_task(task, by=boss)
    with pytest.raises(TransitionError, match="不能本人提交"):
        services.submit_task(task, by=boss)


def test_the_verifier_is_neither_submitter_nor_signer(org: Any, task: Task) -> None:
    """A 纪委 account that also holds a unit role over the bureau (a city leader) and signed the
    task as its 责任领导 cannot verify it: four eyes."""
    signer = org.inspector
    task = services.start_task(services.issue_task(task, by=org.inspector), by=org.liaison)
    task.responsibilities.update(leader=signer)
    services.add_evidence(
        task, by=org.liaison, kind="document", name="办法", checked=check_upload("a.pdf", PDF)
    )
    task = services.save_progress(task, by=org.liaison, progress="完成")
    services.confirm_task(task, by=signer)
    task = services.submit_task(task, by=org.liaison)
    with pytest.raises(TransitionError, match="四眼原则"):
        services.accept_task(task, by=signer, verification="written")
    assert services.accept_task(task, by=org.stationed, verification="written").status == Task.Status.ACCEPTED


def test_evidence_needs_a_file_or_a_linked_record(org: Any, task: Task) -> None:
    task = services.start_task(services.issue_task(task, by=org.inspector), by=org.liaison)
    with pytest.raises(TransitionError, match="关联记录"):
        services.add_evidence(task, by=org.liaison, kind="document", name="空")


def test_new_evidence_version_never_overwrites(org: Any, task: Task) -> None:
    task = services.start_task(services.issue_task(task, by=org.inspector), by=org.liaison)
    first = services.add_evidence(
        task, by=org.liaison, kind="document", name="报告", checked=check_upload("报告.pdf", PDF)
    )
    second = services.add_evidence(
        task,
        by=org.liaison,
        kind="document",
        name="报告",
        checked=check_upload("报告.pdf", PDF + b" v2"),
        supersedes=first,
    )
    first.refresh_from_db()
    assert (second.version, first.file.read()) == (2, PDF)
    assert not first.is_current
    with pytest.raises(TransitionError, match="当前有效"):
        services.add_evidence(
            task, by=org.liaison, kind="document", name="报告", record_ref="x", supersedes=first
        )


def test_nobody_verifies_their_own_units_task(org: Any, boss: Any, task: Task) -> None:
    task = _to_submitted(task, org, boss)
    for user in (org.liaison, boss, org.outsider):
        with pytest.raises(PermissionDenied):
            services.accept_task(task, by=user, verification="written")
    assert services.accept_task(task, by=org.stationed, verification="written").status == Task.Status.ACCEPTED


def test_return_needs_a_reason_and_starts_a_new_round(org: Any, boss: Any, task: Task) -> None:
    task = _to_submitted(task, org, boss)
    with pytest.raises(TransitionError, match="理由"):
        services.return_task(task, by=org.inspector, reason=" ")
    task = services.return_task(task, by=org.inspector, reason="佐证不足")
    assert (task.status, task.round) == (Task.Status.RETURNED, 2)
    task = services.start_task(task, by=org.liaison)
    with pytest.raises(TransitionError, match="责任领导"):  # last round's confirmation no longer counts
        services.submit_task(task, by=org.liaison)


def test_concurrent_accept_one_wins(org: Any, boss: Any, task: Task) -> None:
    task = _to_submitted(task, org, boss)
    stale = Task.objects.get(pk=task.pk)
    services.accept_task(task, by=org.inspector, verification="written")
    with pytest.raises(TransitionError, match="已被他人处理"):
        services.return_task(stale, by=org.stationed, reason="迟到的退回")
    task.refresh_from_db()
    assert task.status == Task.Status.ACCEPTED


def test_traffic_light_thresholds_per_issuer(org: Any, task: Task) -> None:
    task = Task(problem=task.problem, status=Task.Status.IN_PROGRESS, due_date=task.due_date)
    due = task.due_date
    assert due is not None
    assert task.light(due - datetime.timedelta(days=21)) == Light.NORMAL
    assert task.light(due - datetime.timedelta(days=20)) == Light.GREEN
    assert task.light(due - datetime.timedelta(days=10)) == Light.YELLOW
    assert task.light(due) == Light.YELLOW
    assert task.light(due + datetime.timedelta(days=1)) == Light.RED  # red means overdue
    RectificationPolicy.objects.create(issuer=org.commission, green_days=5, yellow_days=2)
    assert task.light(due - datetime.timedelta(days=10)) == Light.NORMAL
    assert task.light(due - datetime.timedelta(days=5)) == Light.GREEN


def test_notifications_reach_the_leader_once(org: Any, boss: Any, task: Task) -> None:
    from mingjian.notifications.models import Notification

    services.issue_task(task, by=org.inspector)
    assert Notification.objects.filter(recipient=boss).count() == 1
    assert Notification.objects.filter(recipient=org.liaison).count() == 1
    assert not Notification.objects.filter(recipient=org.outsider).exists()


def test_registering_a_problem_is_offered_only_to_those_who_give_or_take_work(client: Any, org: Any) -> None:
    offered = 'data-testid="problem-create"'
    for user, expected in ((org.inspector, True), (org.liaison, True), (org.leader, False)):
        client.force_login(user)
        page = client.get(reverse("rectification:task-list")).content.decode()
        assert (offered in page) is expected, user.username
