"""The permission matrix registry: every URL that takes an object id is listed here with a maker
for an object owned by `bureau_a` (测试市民政局) and the users who may reach it. Everyone else —
the sibling unit, the child unit, unrelated roles — must get 404. A URL with an id argument that
is missing from this list fails test_every_object_url_is_registered, so each new feature extends
the matrix by adding entries here."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import Model

USERS = (
    "liaison",
    "outsider",
    "child",
    "parent",
    "inspector",
    "stationed",
    "leader",
    "sysadmin",
    "secadmin",
    "auditor",
)
# Who sees bureau_a's business records: its own people, the unit above, 纪委监委, the 派驻组
# supervising it and the read-only leader of the city.
BUSINESS = frozenset({"liaison", "parent", "inspector", "stationed", "leader"})
ORG_ADMINS = frozenset({"sysadmin", "secadmin"})


@dataclass(frozen=True)
class ObjectUrl:
    url_name: str
    make: Callable[[Any], Model]
    visible: frozenset[str]
    method: str = "get"
    extra: tuple[str, ...] = ()  # URL arguments after the object id (e.g. a transition name)


def _person(org: Any) -> Model:
    from mingjian.org.tests.factories import PersonFactory

    return PersonFactory(unit=org.bureau_a)  # type: ignore[no-any-return]


def _assignment(org: Any) -> Model:
    from mingjian.org.models import RoleAssignment

    return RoleAssignment.objects.get(user=org.liaison)


def _bureau(org: Any) -> Model:
    return org.bureau_a  # type: ignore[no-any-return]


def _account(org: Any) -> Model:
    return org.liaison  # type: ignore[no-any-return]


def _case(org: Any) -> Model:
    from mingjian.cases.tests.factories import CaseFactory

    return CaseFactory(unit=org.bureau_a)  # type: ignore[no-any-return]


def _analysed_case(org: Any) -> Model:
    from mingjian.cases.tests.factories import AnalysisFactory

    return AnalysisFactory(case__unit=org.bureau_a).case  # type: ignore[no-any-return]


def _analysis(org: Any) -> Model:
    from mingjian.cases.tests.factories import AnalysisFactory

    return AnalysisFactory(case__unit=org.bureau_a)  # type: ignore[no-any-return]


def _draft(org: Any) -> Model:
    from mingjian.cases.tests.factories import RecommendationFactory

    return RecommendationFactory(unit=org.bureau_a, issuer=org.commission)  # type: ignore[no-any-return]


def _issued(org: Any) -> Model:
    from mingjian.cases.tests.factories import RecommendationFactory

    return RecommendationFactory(unit=org.bureau_a, issuer=org.commission, issued=True)  # type: ignore[no-any-return]


def _attachment(org: Any) -> Model:
    from mingjian.cases.tests.factories import attachment_for

    return attachment_for(_issued(org), org.liaison)  # type: ignore[arg-type]


def _notification(org: Any) -> Model:
    from mingjian.notifications.models import Notification

    key = f"matrix:{Notification.objects.count()}"  # the list test makes one per entry
    return Notification.objects.create(recipient=org.liaison, key=key, title="测试消息", url="/")


def _calendar_year(org: Any) -> Model:
    # Keyed by the year itself (its primary key), so the URL argument is 2026.
    from mingjian.workdays.models import CalendarYear

    return CalendarYear.objects.get_or_create(year=2026, defaults={"source": "official"})[0]


REVIEWERS = frozenset({"inspector", "stationed"})
# The responsible unit's own liaison and the leader of the unit above it.
UNIT_SIDE = frozenset({"liaison", "parent"})


def _task(org: Any) -> Model:
    from mingjian.rectification.tests.factories import TaskFactory

    return TaskFactory(problem__unit=org.bureau_a, problem__issuer=org.commission)  # type: ignore[no-any-return]


def _import_job(org: Any) -> Model:
    """A checked 台账 import waiting for its starter's confirmation: a job is its starter's own."""
    from mingjian.rectification.models import LedgerJob

    summary = {"creates": [], "changes": [], "updated": 0, "notes": [], "unchanged": 0}
    return LedgerJob.objects.create(  # type: ignore[no-any-return]
        kind=LedgerJob.Kind.IMPORT,
        status=LedgerJob.Status.READY,
        created_by=org.liaison,
        unit=org.bureau_a,
        filename="测试市民政局台账.xlsx",
        data=b"PK matrix",
        result=summary,
    )


def _export_job(org: Any) -> Model:
    from mingjian.rectification.models import LedgerJob

    return LedgerJob.objects.create(  # type: ignore[no-any-return]
        kind=LedgerJob.Kind.EXPORT,
        status=LedgerJob.Status.DONE,
        created_by=org.liaison,
        unit=org.bureau_a,
        filename="整改台账-测试市民政局.xlsx",
        data=b"PK matrix",
        result={"rows": 1},
    )


def _evidence(org: Any) -> Model:
    from django.core.files.base import ContentFile

    from mingjian.rectification.models import Evidence

    evidence = Evidence(
        task=_task(org), kind="document", name="整改报告.pdf", sha256="0" * 64, uploaded_by=org.liaison
    )
    evidence.file.save("x.pdf", ContentFile(b"%PDF-1.4 matrix"), save=True)
    return evidence


def _review(org: Any) -> Model:
    from mingjian.rectification.models import FollowUpReview

    return FollowUpReview.objects.create(unit=org.bureau_a, issuer=org.commission, scheduled_for="2027-02-01")


def _inspection(org: Any) -> Model:
    from mingjian.rectification.models import InspectionBatch

    return InspectionBatch.objects.create(
        unit=org.bureau_a,
        issuer=org.commission,
        title="巡察反馈",
        feedback_date="2026-11-01",
        report_due="2027-01-01",
    )


def _plan(org: Any) -> Model:
    from mingjian.rectification.models import RectificationPlan

    rec = _issued(org)
    return RectificationPlan.objects.create(unit=rec.unit, issuer=rec.issuer, recommendation=rec)  # type: ignore[attr-defined]


def _report(org: Any) -> Model:
    from mingjian.rectification.models import RectificationReport

    rec = _issued(org)
    return RectificationReport.objects.create(
        kind="completion", unit=rec.unit, recommendation=rec, text="报告"
    )  # type: ignore[attr-defined]


def _finding(org: Any) -> Model:
    from mingjian.cases.models import SupervisionFinding

    return SupervisionFinding.objects.create(
        unit=org.bureau_a,
        title="日常监督发现",
        facts="补贴审核不严",
        found_on="2026-11-01",
        recorded_by=org.inspector,
    )


def _outline(org: Any) -> Model:
    from mingjian.outlines.models import Outline

    # Made directly, like the factories: the service's audit event would change the audit log,
    # which the administrators rightly see whole (tests/test_totals.py).
    outline = Outline.objects.create(unit=org.bureau_a, title="测试讲话", source_text="一、测试讲话标题\n")
    outline.nodes.create(order=1, level=1, marker="一、", heading="测试讲话标题")
    return outline


# 警示教育: an event organised by bureau_a for bureau_a alone (without its sub-units, so the
# department's liaison `child` is outside it). Its organisers are whoever may act in bureau_a; its
# summary is confirmed by a leader or the supervising side, never by the liaison who recorded it.
ORGANISERS = frozenset({"liaison", "parent", "inspector", "stationed"})
CONFIRMERS = frozenset({"parent", "inspector", "stationed"})


def _event(org: Any) -> Model:
    from mingjian.education.tests.factories import make_event

    return make_event(org.liaison, unit=org.bureau_a, include_subunits=False)


def _held_event(org: Any) -> Model:
    from mingjian.education.tests.factories import make_event

    return make_event(org.liaison, unit=org.bureau_a, include_subunits=False, held=True)


def _material(org: Any) -> Model:
    from mingjian.education import services
    from mingjian.lib.uploads import check_upload

    checked = check_upload("警示教育片.pdf", b"%PDF-1.4 matrix")
    return services.add_material(_event(org), by=org.liaison, checked=checked)  # type: ignore[arg-type]


REGISTRY: list[ObjectUrl] = [
    ObjectUrl("org:unit-detail", _bureau, BUSINESS | ORG_ADMINS),
    ObjectUrl("org:unit-edit", _bureau, frozenset({"sysadmin"})),
    ObjectUrl("api-unit-detail", _bureau, BUSINESS | ORG_ADMINS),
    ObjectUrl("org:person-edit", _person, frozenset({"liaison", "sysadmin"})),
    ObjectUrl("org:user-detail", _account, ORG_ADMINS),
    ObjectUrl("org:user-edit", _account, frozenset({"sysadmin"})),
    ObjectUrl("org:user-set-active", _account, frozenset({"sysadmin"}), "post"),
    ObjectUrl("org:user-unlock", _account, frozenset({"secadmin"}), "post"),
    ObjectUrl("org:user-reset-password", _account, frozenset({"secadmin"}), "post"),
    ObjectUrl("org:role-grant", _account, frozenset({"secadmin"}), "post"),
    ObjectUrl("org:role-revoke", _assignment, frozenset({"secadmin"}), "post"),
    ObjectUrl("cases:case-detail", _case, BUSINESS),
    ObjectUrl("api-case-detail", _case, BUSINESS),
    ObjectUrl("cases:analysis-edit", _case, BUSINESS),
    ObjectUrl("cases:analysis-transition", _analysed_case, BUSINESS - {"leader"}, "post", ("submit",)),
    ObjectUrl("api-analysis-detail", _analysis, BUSINESS),
    ObjectUrl("cases:recommendation-create", _case, REVIEWERS),
    ObjectUrl("cases:recommendation-detail", _draft, BUSINESS),
    ObjectUrl("cases:recommendation-edit", _draft, REVIEWERS),
    ObjectUrl("cases:recommendation-issue", _draft, BUSINESS, "post"),
    ObjectUrl("cases:recommendation-docx", _draft, BUSINESS),
    ObjectUrl("cases:recommendation-pdf", _draft, BUSINESS),
    ObjectUrl("cases:recommendation-advance", _draft, REVIEWERS, "post", ("submit",)),
    ObjectUrl("cases:attachment-download", _attachment, BUSINESS),
    ObjectUrl("api-recommendation-detail", _draft, BUSINESS),
    # Each API transition is its own operation. Posted with an empty body: an action whose body has
    # required fields answers 400 to anyone who may read the object, before the capability check.
    ObjectUrl("api-recommendation-submit", _draft, REVIEWERS, "post"),
    ObjectUrl("api-recommendation-approve", _draft, BUSINESS, "post"),  # 409: not in approval
    ObjectUrl("api-recommendation-reject", _draft, BUSINESS, "post"),
    ObjectUrl("api-recommendation-issue", _draft, BUSINESS, "post"),
    # 监督发现 (clues, daily supervision) are the 纪委's own records: the unit never reads them.
    ObjectUrl("cases:finding-detail", _finding, REVIEWERS),
    ObjectUrl("cases:finding-recommend", _finding, REVIEWERS, "post"),
    ObjectUrl("rectification:answer", _issued, UNIT_SIDE),
    ObjectUrl("rectification:authorise", _issued, UNIT_SIDE, "post"),
    ObjectUrl("rectification:objection", _issued, REVIEWERS),
    ObjectUrl("rectification:complete", _issued, REVIEWERS),
    ObjectUrl("rectification:plan-detail", _plan, BUSINESS),
    ObjectUrl("rectification:plan-edit", _plan, UNIT_SIDE),
    ObjectUrl("rectification:plan-action", _plan, REVIEWERS, "post", ("approve",)),
    ObjectUrl("api-plan-detail", _plan, BUSINESS),
    ObjectUrl("api-plan-submit", _plan, frozenset(), "post"),  # only the unit's 书记/主要负责人
    ObjectUrl("api-plan-approve", _plan, REVIEWERS, "post"),
    ObjectUrl("api-plan-return", _plan, BUSINESS, "post"),
    ObjectUrl("rectification:report-detail", _report, BUSINESS),
    # Only the unit's 主要负责人 submits (none of the probing accounts is one).
    ObjectUrl("rectification:report-submit", _report, frozenset(), "post"),
    ObjectUrl("rectification:problem-detail", lambda o: _task(o).problem, BUSINESS),  # type: ignore[attr-defined]
    ObjectUrl("api-problem-detail", lambda o: _task(o).problem, BUSINESS),  # type: ignore[attr-defined]
    ObjectUrl("rectification:task-detail", _task, BUSINESS),
    ObjectUrl("api-task-detail", _task, BUSINESS),
    ObjectUrl("rectification:task-edit", _task, REVIEWERS),
    ObjectUrl("rectification:task-action", _task, UNIT_SIDE, "post", ("start",)),
    ObjectUrl("api-task-issue", _task, REVIEWERS, "post"),
    ObjectUrl("api-task-start", _task, UNIT_SIDE, "post"),
    ObjectUrl("api-task-progress", _task, BUSINESS, "post"),
    ObjectUrl("api-task-confirm", _task, frozenset(), "post"),  # only the task's 责任领导
    ObjectUrl("api-task-submit", _task, UNIT_SIDE, "post"),
    ObjectUrl("api-task-accept", _task, BUSINESS, "post"),
    ObjectUrl("api-task-return", _task, BUSINESS, "post"),
    ObjectUrl("api-task-reopen", _task, BUSINESS, "post"),
    ObjectUrl("rectification:evidence-add", _task, BUSINESS, "post"),
    ObjectUrl("rectification:evidence-download", _evidence, BUSINESS),
    ObjectUrl("rectification:ledger-job", _import_job, frozenset({"liaison"})),
    ObjectUrl("rectification:ledger-job-status", _import_job, frozenset({"liaison"})),
    ObjectUrl("rectification:ledger-job-confirm", _import_job, frozenset({"liaison"}), "post"),
    ObjectUrl("rectification:ledger-job-cancel", _import_job, frozenset({"liaison"}), "post"),
    ObjectUrl("rectification:ledger-job-download", _export_job, frozenset({"liaison"})),
    ObjectUrl("rectification:inspection-detail", _inspection, BUSINESS),
    ObjectUrl("rectification:inspection-plan", _inspection, UNIT_SIDE, "post"),
    ObjectUrl("rectification:review-detail", _review, BUSINESS),
    ObjectUrl("api-review-detail", _review, BUSINESS),
    ObjectUrl("workdays:year-detail", _calendar_year, frozenset({"sysadmin"})),
    ObjectUrl("workdays:year-confirm", _calendar_year, frozenset({"sysadmin"}), "post"),
    ObjectUrl("workdays:day-clear", _calendar_year, frozenset({"sysadmin"}), "post"),
    ObjectUrl("outlines:outline-detail", _outline, BUSINESS),
    ObjectUrl("outlines:outline-tasks", _outline, BUSINESS - {"leader"}, "post"),
    ObjectUrl("api-outline-detail", _outline, BUSINESS),
    ObjectUrl("notifications:read", _notification, frozenset({"liaison"}), "post"),
    ObjectUrl("education:event-detail", _event, BUSINESS),
    ObjectUrl("education:event-edit", _event, ORGANISERS),
    ObjectUrl("education:event-action", _event, ORGANISERS, "post", ("hold",)),
    ObjectUrl("education:event-action", _event, CONFIRMERS, "post", ("confirm",)),
    ObjectUrl("education:attendance-save", _event, ORGANISERS, "post"),
    ObjectUrl("education:signin-import", _event, ORGANISERS, "post"),
    ObjectUrl("education:makeup", _held_event, ORGANISERS, "post"),
    ObjectUrl("education:reflections-request", _event, ORGANISERS, "post"),
    ObjectUrl("education:reflection-write", _held_event, ORGANISERS, "post"),
    ObjectUrl("education:material-add", _event, ORGANISERS, "post"),
    ObjectUrl("education:material-download", _material, BUSINESS),
    ObjectUrl("api-education-event-detail", _event, BUSINESS),
    ObjectUrl("api-education-event-hold", _event, ORGANISERS, "post"),
    ObjectUrl("api-education-event-cancel", _held_event, ORGANISERS, "post"),
    ObjectUrl("api-education-event-attendance", _event, ORGANISERS, "post"),
    ObjectUrl("api-education-event-signin", _event, ORGANISERS, "post"),
    ObjectUrl("api-education-event-makeup", _event, ORGANISERS, "post"),
    ObjectUrl("api-education-event-reflections", _event, ORGANISERS, "post"),
    ObjectUrl("api-education-event-reflection", _event, ORGANISERS, "post"),
    ObjectUrl("api-education-event-submit", _event, ORGANISERS, "post"),
    ObjectUrl("api-education-event-confirm", _event, CONFIRMERS, "post"),
    ObjectUrl("api-education-event-return", _event, CONFIRMERS, "post"),
    ObjectUrl("api-notification-read", _notification, frozenset({"liaison"}), "post"),
]


def register(*entries: ObjectUrl) -> None:
    REGISTRY.extend(entries)
