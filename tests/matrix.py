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


# Campaigns are city-wide work: whoever has a business scope reads them.
CITY_WIDE = BUSINESS | {"outsider", "child"}
# The analysis is written by the case unit's own people or the 纪委 side, never the read-only
# leader; the supervising side approves it.
ANALYSTS = BUSINESS - {"leader"}


# 专项行动: city-wide, so every business user reads a campaign (its target rows follow the unit
# scope); only the staff of its 牵头单位 (here 纪委监委: `inspector`) prepare, launch and conclude
# it. Made directly and reused (get_or_create), so running a maker again adds no visible record.
RUNNER = frozenset({"inspector"})


def _campaign(org: Any, status: str = "draft") -> Model:
    import datetime

    from mingjian.rectification.models import Campaign

    today = datetime.date.today()  # noqa: DTZ011 - a date for a test record
    campaign, created = Campaign.objects.get_or_create(
        name=f"矩阵专项行动（{status}）",
        defaults={"issuer": org.commission, "start_date": today, "status": status, "kind": "action"},
    )
    if created:
        campaign.phases.create(seq=1, name="动员部署", start_date=today, end_date=today, requirement="部署")
    return campaign  # type: ignore[no-any-return]


def _launched_campaign(org: Any) -> Model:
    return _campaign(org, "launched")


def _campaign_target(org: Any) -> Model:
    from mingjian.org.tests.factories import leader_of
    from mingjian.rectification.models import CampaignTarget

    campaign = _campaign(org)
    found = CampaignTarget.objects.filter(campaign=campaign, unit=org.bureau_a).first()
    return found or CampaignTarget.objects.create(
        campaign=campaign, unit=org.bureau_a, leader=leader_of(org.bureau_a, username=f"t{campaign.pk}boss")
    )


def _own_template(org: Any) -> Model:
    from mingjian.rectification.models import CampaignTemplate

    template, _ = CampaignTemplate.objects.get_or_create(
        name="矩阵模板", issuer=org.commission, defaults={"kind": "action", "days": 7}
    )
    return template  # type: ignore[no-any-return]


# 类案自查: a push of one of bureau_a's analysed cases, with bureau_a's 自查表 (made directly, like
# the factories). The push is the pushing body's (纪委: its scope); the 自查表 the unit's.
def _checklist(org: Any) -> Model:
    from mingjian.cases.models import IntegrityRisk
    from mingjian.cases.tests.factories import AnalysisFactory
    from mingjian.selfcheck.models import CasePush, Checklist

    analysis = AnalysisFactory(case__unit=org.bureau_a, status="approved")
    risk = IntegrityRisk.objects.create(analysis=analysis, description="审批一人说了算")
    push = CasePush.objects.create(case=analysis.case, issuer=org.commission, due_date="2027-01-31")
    checklist = Checklist.objects.create(push=push, unit=org.bureau_a)
    checklist.rows.create(seq=1, source="risk", risk=risk, point=str(risk))
    return checklist


def _push(org: Any) -> Model:
    return _checklist(org).push  # type: ignore[attr-defined,no-any-return]


PUSHERS = frozenset({"inspector", "stationed"})  # supervise bureau_a, in a 纪检监察 body's name
PUSH_READERS = frozenset({"inspector", "parent", "leader"})  # the 纪委's scope (the city)


# 两个责任: the 党组's list of bureau_a (its holder's side is the liaison, whose home is bureau_a;
# its reviewers the supervising side from outside it); a 纪委 template (kept by the commission's
# staff only); a 约谈 drafted by the 派驻组 about a cadre of bureau_a; a 问责 drafted by the 纪委.
HOLDER_SIDE = frozenset({"liaison"})


def _duty_list(org: Any) -> Model:
    from mingjian.duties.models import DutyList
    from mingjian.duties.tests.factories import make_list, this_year

    # One list per unit, kind and year: each further call (the list tests make many) takes the
    # year before, so the records really add up.
    return make_list(org.bureau_a, year=this_year() - DutyList.objects.filter(unit=org.bureau_a).count())


def _duty_item(org: Any) -> Model:
    return _duty_list(org).items.first()  # type: ignore[attr-defined, no-any-return]


def _duty_entry(org: Any) -> Model:
    from mingjian.duties.tests.factories import make_entry

    return make_entry(_duty_list(org), org.liaison)  # type: ignore[arg-type]


def _duty_template(org: Any) -> Model:
    from mingjian.duties.models import DutyTemplate, TemplateItem
    from mingjian.duties.tests.factories import make_template
    from mingjian.duties.vocabulary import Kind

    # One template per commission and kind: further calls take the next kind free, then add an
    # item to the commission's first template (never a new unit: that would change every unit
    # list and the register's commission).
    used = set(DutyTemplate.objects.filter(issuer=org.commission).values_list("kind", flat=True))
    free = [k for k in Kind.values if k not in used]
    if free:
        return make_template(org.commission, free[0])
    template = DutyTemplate.objects.filter(issuer=org.commission).order_by("id").first()
    assert template is not None
    TemplateItem.objects.create(template=template, seq=template.items.count() + 1, text="另增事项")
    return template


def _template_item(org: Any) -> Model:
    return _duty_template(org).items.order_by("id").last()  # type: ignore[attr-defined, no-any-return]


def _cadre(unit: Any, name: str, leadership: str) -> Model:
    """One fixed cadre per unit and name: a maker run again adds the record, never a person (the
    organisation lists count people per unit)."""
    from mingjian.org.models import Person

    person, _ = Person.objects.get_or_create(
        unit=unit, name=name, defaults={"position": "班子成员", "leadership": leadership}
    )
    return person


def _talk(org: Any) -> Model:
    from mingjian.duties.tests.factories import make_talk

    return make_talk(
        issuer=org.group,
        unit=org.bureau_a,
        by=org.stationed,
        subject=_cadre(org.bureau_a, "矩阵副局长", "member"),
        talker=_cadre(org.group, "矩阵组长", "head"),
    )


def _accountability(org: Any) -> Model:
    from mingjian.duties.tests.factories import make_accountability

    return make_accountability(
        issuer=org.commission,
        unit=org.bureau_a,
        by=org.inspector,
        person=_cadre(org.bureau_a, "矩阵副局长", "member"),
    )


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
    # Before 送达 a 建议书 is the issuing side's own: the unit and the read-only leader get 404.
    ObjectUrl("cases:recommendation-detail", _draft, REVIEWERS),
    ObjectUrl("cases:recommendation-edit", _draft, REVIEWERS),
    ObjectUrl("cases:recommendation-issue", _draft, REVIEWERS, "post"),
    ObjectUrl("cases:recommendation-docx", _draft, REVIEWERS),
    ObjectUrl("cases:recommendation-pdf", _draft, REVIEWERS),
    ObjectUrl("cases:recommendation-advance", _draft, REVIEWERS, "post", ("submit",)),
    ObjectUrl("cases:attachment-download", _attachment, BUSINESS),
    ObjectUrl("api-recommendation-detail", _draft, REVIEWERS),
    # Each API transition is its own operation. Posted with an empty body: an action whose body has
    # required fields answers 400 to anyone who may read the object, before the capability check.
    ObjectUrl("api-recommendation-submit", _draft, REVIEWERS, "post"),
    ObjectUrl("api-recommendation-approve", _draft, REVIEWERS, "post"),  # 409: not in approval
    ObjectUrl("api-recommendation-reject", _draft, REVIEWERS, "post"),
    ObjectUrl("api-recommendation-issue", _draft, REVIEWERS, "post"),
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
    ObjectUrl("education:event-action", _held_event, ORGANISERS, "post", ("host",)),
    ObjectUrl("education:attendance-save", _event, ORGANISERS, "post"),
    ObjectUrl("education:signin-import", _event, ORGANISERS, "post"),
    ObjectUrl("education:makeup", _held_event, ORGANISERS, "post"),
    ObjectUrl("education:reflections-request", _event, ORGANISERS, "post"),
    ObjectUrl("education:reflection-write", _held_event, ORGANISERS, "post"),
    ObjectUrl("education:material-add", _event, ORGANISERS, "post"),
    ObjectUrl("education:material-download", _material, BUSINESS),
    ObjectUrl("api-education-event-detail", _event, BUSINESS),
    ObjectUrl("api-education-event-hold", _event, ORGANISERS, "post"),
    ObjectUrl("api-education-event-host", _held_event, ORGANISERS, "post"),
    ObjectUrl("api-education-event-cancel", _held_event, ORGANISERS, "post"),
    ObjectUrl("api-education-event-attendance", _event, ORGANISERS, "post"),
    ObjectUrl("api-education-event-signin", _event, ORGANISERS, "post"),
    ObjectUrl("api-education-event-makeup", _event, ORGANISERS, "post"),
    ObjectUrl("api-education-event-reflections", _event, ORGANISERS, "post"),
    ObjectUrl("api-education-event-reflection", _event, ORGANISERS, "post"),
    ObjectUrl("api-education-event-submit", _event, ORGANISERS, "post"),
    ObjectUrl("api-education-event-confirm", _event, CONFIRMERS, "post"),
    ObjectUrl("api-education-event-return", _event, CONFIRMERS, "post"),
    ObjectUrl("rectification:campaign-detail", _campaign, BUSINESS | {"outsider", "child"}),
    ObjectUrl("rectification:campaign-phases", _campaign, RUNNER),
    ObjectUrl("rectification:campaign-targets", _campaign, RUNNER),
    ObjectUrl("rectification:campaign-docx", _launched_campaign, BUSINESS | {"outsider", "child"}),
    ObjectUrl("rectification:campaign-action", _campaign, RUNNER, "post", ("launch",)),
    ObjectUrl("rectification:campaign-target-remove", _campaign_target, RUNNER, "post"),
    ObjectUrl("rectification:template-edit", _own_template, RUNNER),
    ObjectUrl("rectification:template-copy", _own_template, RUNNER, "post"),
    ObjectUrl("api-campaign-detail", _campaign, BUSINESS | {"outsider", "child"}),
    # Posted empty: phases, targets and conclude need a body (400 to every reader); launch runs.
    ObjectUrl("api-campaign-phases", _campaign, BUSINESS | {"outsider", "child"}, "post"),
    ObjectUrl("api-campaign-targets", _campaign, BUSINESS | {"outsider", "child"}, "post"),
    ObjectUrl("api-campaign-launch", _campaign, RUNNER, "post"),
    ObjectUrl("api-campaign-conclude", _launched_campaign, BUSINESS | {"outsider", "child"}, "post"),
    ObjectUrl("selfcheck:push-create", _case, PUSHERS),
    ObjectUrl("selfcheck:push-detail", _push, PUSH_READERS),
    ObjectUrl("selfcheck:checklist-detail", _checklist, BUSINESS),
    ObjectUrl("selfcheck:checklist-save", _checklist, UNIT_SIDE, "post"),
    ObjectUrl("selfcheck:checklist-action", _checklist, PUSHERS, "post", ("accept",)),  # 302: not submitted
    ObjectUrl("selfcheck:checklist-action", _checklist, frozenset(), "post", ("submit",)),  # the 书记 only
    ObjectUrl("outlines:outline-phases", _outline, PUSHERS, "post"),
    ObjectUrl("api-selfcheck-push-detail", _push, PUSH_READERS),
    ObjectUrl("api-selfcheck-checklist-detail", _checklist, BUSINESS),
    ObjectUrl("api-selfcheck-checklist-save", _checklist, BUSINESS, "post"),
    ObjectUrl("api-selfcheck-checklist-submit", _checklist, frozenset(), "post"),
    ObjectUrl("api-selfcheck-checklist-accept", _checklist, PUSHERS, "post"),  # 409: not submitted
    ObjectUrl("api-selfcheck-checklist-return", _checklist, BUSINESS, "post"),
    ObjectUrl("api-notification-read", _notification, frozenset({"liaison"}), "post"),
    # The API's writes (an empty body: 400 to whoever may read the object when fields are required).
    ObjectUrl("api-case-analysis", _case, ANALYSTS, "put"),
    ObjectUrl("api-case-recommend", _case, BUSINESS, "post"),
    ObjectUrl("api-analysis-submit", _analysis, ANALYSTS, "post"),
    ObjectUrl("api-analysis-approve", _analysis, REVIEWERS, "post"),
    ObjectUrl("api-analysis-return", _analysis, BUSINESS, "post"),
    ObjectUrl("api-analysis-reopen", _analysis, REVIEWERS, "post"),
    ObjectUrl("api-finding-detail", _finding, REVIEWERS),
    ObjectUrl("api-finding-recommend", _finding, REVIEWERS, "post"),
    ObjectUrl("api-recommendation-detail", _draft, REVIEWERS, "put"),
    ObjectUrl("api-recommendation-answer", _issued, BUSINESS, "put"),
    ObjectUrl("api-recommendation-attachments", _issued, BUSINESS, "post"),
    ObjectUrl("api-recommendation-reply", _issued, frozenset(), "post"),  # only the unit's 书记/主要负责人
    ObjectUrl("api-recommendation-authorise", _issued, BUSINESS, "post"),
    ObjectUrl("api-recommendation-objection", _issued, BUSINESS, "post"),
    ObjectUrl("api-recommendation-complete", _issued, BUSINESS, "post"),
    ObjectUrl("api-plan-detail", _plan, BUSINESS, "put"),
    ObjectUrl("api-report-detail", _report, BUSINESS),
    ObjectUrl("api-report-detail", _report, BUSINESS, "put"),
    ObjectUrl("api-report-submit", _report, frozenset(), "post"),  # only the unit's 主要负责人
    ObjectUrl("api-inspection-detail", _inspection, BUSINESS),
    ObjectUrl("api-inspection-items", _inspection, BUSINESS, "post"),
    ObjectUrl("api-inspection-plan", _inspection, UNIT_SIDE, "post"),
    ObjectUrl("api-task-detail", _task, REVIEWERS, "patch"),
    ObjectUrl("api-task-evidence", _task, BUSINESS, "post"),
    ObjectUrl("api-review-record", _review, BUSINESS, "post"),
    ObjectUrl("api-outline-tasks", _outline, BUSINESS, "post"),
    ObjectUrl("api-education-event-detail", _event, BUSINESS, "put"),
    ObjectUrl("api-education-event-materials", _event, ORGANISERS, "post"),
]


# 建章立制 (issue 9): a rule of bureau_a, made directly (no audit events), with a text version; the
# unit's side drafts and moves it, a leader (here the city's `parent`) records 印发施行, and the
# supervising side records its 制度执行检查 and decides a reason why no rule is needed.
def _regulation(org: Any, status: str = "drafting") -> Model:
    from django.core.files.base import ContentFile

    from mingjian.regulations.models import Regulation, RegulationVersion

    reg = Regulation.objects.create(
        unit=org.bureau_a, title="测试低保审核办法", status=status, drafted_by=org.liaison
    )
    version = RegulationVersion(
        regulation=reg, version=1, name="办法.pdf", sha256="1" * 64, uploaded_by=org.liaison
    )
    version.file.save("x.pdf", ContentFile(b"%PDF-1.4 matrix"), save=True)
    return reg


def _regulation_version(org: Any) -> Model:
    return _regulation(org).versions.get()  # type: ignore[attr-defined, no-any-return]


def _regulation_check(org: Any) -> Model:
    from mingjian.regulations.models import RegulationCheck

    reg = _regulation(org, "in_force")
    return RegulationCheck.objects.create(
        regulation=reg, kind="execution", due_on="2027-05-01", checker=org.group
    )


def _loophole_problem(org: Any) -> Model:
    from mingjian.cases.models import SystemLoophole

    analysis = _analysis(org)
    hole = SystemLoophole.objects.create(analysis=analysis, description="缺少近亲属回避规定")
    task = _task(org)
    problem = task.problem  # type: ignore[attr-defined]
    problem.loophole = hole
    problem.save(update_fields=["loophole"])
    return problem  # type: ignore[no-any-return]


def _waiver(org: Any) -> Model:
    from mingjian.regulations.models import Waiver

    return Waiver.objects.create(
        problem=_loophole_problem(org), reason="现行制度已有规定", submitted_by=org.liaison
    )


# 廉政风险防控 (issue 9): a row of bureau_a's register. The unit's own side keeps it; the supervising
# side pushes it and deploys the yearly 排查; either may put an approved analysis's risk into it.
TAKERS = frozenset({"liaison", "parent", "inspector", "stationed"})


def _risk(org: Any, status: str = "active") -> Model:
    from mingjian.risks.models import RiskPoint

    return RiskPoint.objects.create(
        unit=org.bureau_a, post="低保审批权", point="一人审批", controls="分岗审批", status=status
    )


def _failure(org: Any) -> Model:
    from mingjian.risks.models import ControlFailure

    return ControlFailure.objects.create(risk=_risk(org), case=_case(org), controls_then="分岗审批")


def _approved_analysis(org: Any) -> Model:
    from mingjian.cases.tests.factories import AnalysisFactory

    return AnalysisFactory(case__unit=org.bureau_a, status="approved")  # type: ignore[no-any-return]


def _screening(org: Any) -> Model:
    from mingjian.risks.models import RiskScreening

    year = 2026 + RiskScreening.objects.count()  # one per unit and year; the list tests make several
    return RiskScreening.objects.create(
        unit=org.bureau_a, year=year, task=_task(org), launched_by=org.inspector
    )


REGISTRY += [
    ObjectUrl("regulations:regulation-detail", _regulation, BUSINESS),
    ObjectUrl("regulations:regulation-edit", _regulation, UNIT_SIDE),
    ObjectUrl("regulations:version-add", _regulation, UNIT_SIDE, "post"),
    ObjectUrl("regulations:version-download", _regulation_version, BUSINESS),
    ObjectUrl("regulations:regulation-action", _regulation, UNIT_SIDE, "post", ("consult",)),
    ObjectUrl(
        "regulations:regulation-action",
        lambda o: _regulation(o, "reviewing"),
        frozenset({"parent"}),
        "post",
        ("issue",),
    ),
    ObjectUrl("regulations:check-record", _regulation_check, REVIEWERS),
    ObjectUrl("regulations:problem-rules", _loophole_problem, BUSINESS),
    ObjectUrl("regulations:waiver-action", _waiver, REVIEWERS, "post", ("approve",)),
    ObjectUrl("api-regulation-detail", _regulation, BUSINESS),
    ObjectUrl("api-regulation-versions", _regulation, BUSINESS, "post"),  # 400: no file
    ObjectUrl("api-regulation-consult", _regulation, UNIT_SIDE, "post"),
    ObjectUrl("api-regulation-review", _regulation, UNIT_SIDE, "post"),
    ObjectUrl("api-regulation-issue", _regulation, BUSINESS, "post"),  # 400: the body is required
    ObjectUrl("api-regulation-return", _regulation, BUSINESS, "post"),
    ObjectUrl("api-regulation-repeal", _regulation, BUSINESS, "post"),
    ObjectUrl("api-regulation-check-detail", _regulation_check, BUSINESS),
    ObjectUrl("api-regulation-check-record", _regulation_check, BUSINESS, "post"),
    ObjectUrl("api-regulation-check-conclude", _regulation_check, BUSINESS, "post"),
    ObjectUrl("api-regulation-waiver-detail", _waiver, BUSINESS),
    ObjectUrl("api-regulation-waiver-approve", _waiver, REVIEWERS, "post"),
    ObjectUrl("api-regulation-waiver-reject", _waiver, BUSINESS, "post"),
    ObjectUrl("risks:risk-detail", _risk, BUSINESS),
    ObjectUrl("risks:risk-edit", _risk, UNIT_SIDE),
    ObjectUrl("risks:risk-action", lambda o: _risk(o, "pending"), UNIT_SIDE, "post", ("confirm",)),
    ObjectUrl("risks:risk-action", _risk, REVIEWERS, "post", ("push",)),
    ObjectUrl("risks:failure-resolve", _failure, UNIT_SIDE, "post"),
    ObjectUrl("risks:take-risk", _approved_analysis, TAKERS, "post"),
    ObjectUrl("risks:screening-detail", _screening, BUSINESS),
    ObjectUrl("risks:screening-review", _screening, UNIT_SIDE, "post"),
    ObjectUrl("api-risk-detail", _risk, BUSINESS),
    ObjectUrl("api-risk-confirm", lambda o: _risk(o, "pending"), UNIT_SIDE, "post"),
    ObjectUrl("api-risk-decline", lambda o: _risk(o, "pending"), BUSINESS, "post"),
    ObjectUrl("api-risk-retire", _risk, BUSINESS, "post"),
    ObjectUrl("api-risk-push", _risk, BUSINESS, "post"),
    ObjectUrl("api-risk-flag", _risk, BUSINESS, "post"),
    ObjectUrl("api-risk-failure-detail", _failure, BUSINESS),
    ObjectUrl("api-risk-failure-resolve", _failure, BUSINESS, "post"),
    ObjectUrl("api-risk-screening-detail", _screening, BUSINESS),
    ObjectUrl("api-risk-screening-review", _screening, BUSINESS, "post"),
    ObjectUrl("duties:unit-register", _bureau, BUSINESS),
    ObjectUrl("duties:generate", _bureau, ORGANISERS, "post"),
    ObjectUrl("duties:list-detail", _duty_list, BUSINESS),
    ObjectUrl("duties:list-docx", _duty_list, BUSINESS),
    ObjectUrl("duties:list-pdf", _duty_list, BUSINESS),
    ObjectUrl("duties:entry-add", _duty_list, HOLDER_SIDE, "post"),
    ObjectUrl("duties:list-action", _duty_list, frozenset(), "post", ("submit",)),  # the 书记 only
    ObjectUrl("duties:list-action", _duty_list, REVIEWERS, "post", ("accept",)),
    ObjectUrl("duties:item-check", _duty_item, HOLDER_SIDE, "post"),
    ObjectUrl("duties:item-uncheck", _duty_item, HOLDER_SIDE, "post"),
    ObjectUrl("duties:entry-download", _duty_entry, BUSINESS),
    ObjectUrl("duties:template-detail", _duty_template, frozenset({"inspector"})),
    ObjectUrl("duties:template-item-add", _duty_template, frozenset({"inspector"}), "post"),
    ObjectUrl("duties:template-item-edit", _template_item, frozenset({"inspector"}), "post"),
    ObjectUrl("duties:template-item-remove", _template_item, frozenset({"inspector"}), "post"),
    ObjectUrl("duties:talk-detail", _talk, BUSINESS),
    ObjectUrl("duties:talk-edit", _talk, frozenset({"stationed"})),
    ObjectUrl("duties:talk-action", _talk, frozenset({"stationed"}), "post", ("submit",)),
    ObjectUrl("duties:talk-action", _talk, frozenset({"stationed"}), "post", ("approve",)),
    ObjectUrl("duties:accountability-detail", _accountability, BUSINESS),
    ObjectUrl("duties:accountability-edit", _accountability, frozenset({"inspector"})),
    ObjectUrl("duties:accountability-action", _accountability, frozenset({"inspector"}), "post", ("submit",)),
    ObjectUrl("duties:accountability-action", _accountability, frozenset({"inspector"}), "post", ("decide",)),
    ObjectUrl("api-duty-list-detail", _duty_list, BUSINESS),
    ObjectUrl("api-duty-list-submit", _duty_list, frozenset(), "post"),
    ObjectUrl("api-duty-list-accept", _duty_list, REVIEWERS, "post"),  # 409: not reported yet
    ObjectUrl("api-duty-list-return", _duty_list, BUSINESS, "post"),  # 400: the reason is required
    ObjectUrl("api-duty-list-entries", _duty_list, BUSINESS, "post"),  # 400: date and text required
    ObjectUrl("api-duty-item-check", _duty_item, HOLDER_SIDE, "post"),
    ObjectUrl("api-duty-item-uncheck", _duty_item, HOLDER_SIDE, "post"),
    ObjectUrl("api-talk-detail", _talk, BUSINESS),
    ObjectUrl("api-talk-submit", _talk, frozenset({"stationed"}), "post"),
    ObjectUrl("api-talk-approve", _talk, frozenset({"stationed"}), "post"),  # 409: not submitted
    ObjectUrl("api-talk-return", _talk, BUSINESS, "post"),
    ObjectUrl("api-talk-complete", _talk, BUSINESS, "post"),
    ObjectUrl("api-talk-cancel", _talk, BUSINESS, "post"),
    ObjectUrl("api-accountability-detail", _accountability, BUSINESS),
    ObjectUrl("api-accountability-submit", _accountability, frozenset({"inspector"}), "post"),
    ObjectUrl("api-accountability-decide", _accountability, BUSINESS, "post"),
    ObjectUrl("api-accountability-return", _accountability, BUSINESS, "post"),
]


def register(*entries: ObjectUrl) -> None:
    REGISTRY.extend(entries)
