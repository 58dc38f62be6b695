"""Large exports and imports run off the request: a job with a progress page polled by htmx, a
result, a notification; small ones are done at once."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from mingjian.audit.models import AuditEvent
from mingjian.notifications.models import Notification
from mingjian.rectification import ledger
from mingjian.rectification.ledger import jobs
from mingjian.rectification.models import LedgerJob
from mingjian.rectification.tests.factories import TaskFactory


@pytest.fixture
def many(org: Any) -> int:
    for _ in range(5):
        TaskFactory(problem__unit=org.bureau_a, problem__issuer=org.commission)
    return 5


def test_a_large_export_becomes_a_job_with_a_download(
    client: Client,
    org: Any,
    many: int,
    monkeypatch: pytest.MonkeyPatch,
    django_capture_on_commit_callbacks: Any,
) -> None:
    monkeypatch.setattr(jobs, "INLINE_EXPORT_ROWS", 2)
    client.force_login(org.inspector)
    # The job is queued once its row has committed; huey runs it at once under tests.
    with django_capture_on_commit_callbacks(execute=True) as queued:
        response = client.get(reverse("rectification:ledger-export"), {"unit": str(org.bureau_a.pk)})
    assert len(queued) == 1
    job = LedgerJob.objects.get(created_by=org.inspector, kind=LedgerJob.Kind.EXPORT)
    assert response.status_code == 302 and response["Location"] == reverse(
        "rectification:ledger-job", args=[job.pk]
    )
    assert job.status == LedgerJob.Status.DONE  # huey runs immediately under tests
    page = client.get(response["Location"]).content.decode()
    assert "已生成 5 行" in page and 'data-testid="ledger-download"' in page
    download = client.get(reverse("rectification:ledger-job-download", args=[job.pk]))
    assert download.status_code == 200
    ws = load_workbook(io.BytesIO(b"".join(download.streaming_content)))[ledger.SHEET]
    assert ws["A1"].value == "测试市民政局整改台账"
    assert ws.max_row == 3 + many
    assert AuditEvent.objects.get(action="rectification.ledger.exported").data["rows"] == many
    assert Notification.objects.filter(recipient=org.inspector, key=f"ledger-job:{job.pk}:done").exists()
    client.force_login(org.stationed)  # a job is its starter's own
    assert client.get(reverse("rectification:ledger-job-download", args=[job.pk])).status_code == 404


def test_the_progress_fragment_polls_until_the_step_is_over(client: Client, org: Any) -> None:
    job = LedgerJob.objects.create(kind=LedgerJob.Kind.IMPORT, created_by=org.inspector, total=200, done=50)
    client.force_login(org.inspector)
    url = reverse("rectification:ledger-job-status", args=[job.pk])
    fragment = client.get(url)
    body = fragment.content.decode()
    assert 'hx-trigger="every 1s"' in body and 'value="25"' in body and "50 / 200" in body
    assert "HX-Refresh" not in fragment
    page = client.get(reverse("rectification:ledger-job", args=[job.pk])).content.decode()
    assert (
        'data-testid="ledger-progress"' in page
        and "<script" not in page.split("<main", 1)[1].split("</main>")[0]
    )
    LedgerJob.objects.filter(pk=job.pk).update(status=LedgerJob.Status.READY)
    done = client.get(url)
    assert done["HX-Refresh"] == "true" and "hx-trigger" not in done.content.decode()


def test_large_steps_are_queued_and_small_ones_run_at_once(org: Any) -> None:
    job = LedgerJob(kind=LedgerJob.Kind.IMPORT, created_by=org.inspector, data=b"x" * 100)
    assert jobs.runs_inline(job, "check")
    job.data = b"x" * (jobs.INLINE_BYTES + 1)
    assert not jobs.runs_inline(job, "check")
    job.result = {"creates": [{}] * 10, "updated": 0}
    assert jobs.runs_inline(job, "apply")
    job.issue_now, job.result = True, {"creates": [{}] * (jobs.INLINE_ISSUES + 1), "updated": 0}
    assert not jobs.runs_inline(job, "apply")
