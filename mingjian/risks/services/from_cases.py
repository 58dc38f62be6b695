"""What cases feed into the register: 纳入风险库 from an approved analysis, the push of a new risk
to same-field units, and 防控失效 when a case hits a risk point whose controls were on record —
flagged by itself when the case's analysis is approved, or by hand for what the matching missed.

纳入风险库 is one click: the analysis's risk point becomes a row of the case unit's register,
its 防控措施 prefilled from the 整改措施 the unit already committed to for that risk (nothing
typed twice). When the register already holds that risk point (same 岗位, or the same words)
with controls, the case shows those controls failed: the row is flagged 防控失效 instead of
registering the risk a second time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from mingjian.audit.services import record
from mingjian.cases.models import Case, CaseAnalysis, IntegrityRisk
from mingjian.notifications.services import notify
from mingjian.org.models import Role, RoleAssignment, Unit, User
from mingjian.rectification.models import Task
from mingjian.risks import permissions as perms
from mingjian.risks.models import ControlFailure, RiskPoint
from mingjian.workflow.services import TransitionError, check, lock, move

S = RiskPoint.Status
F = ControlFailure.Status
DEFAULT_POST = "相关岗位和权力事项"
_NOISE = re.compile(r"[\s，。、；：（）()《》“”\"'·,.;:]+")
MIN_OVERLAP = 3


def _norm(text: str) -> str:
    return _NOISE.sub("", text or "")


def same_point(row: RiskPoint, risk: IntegrityRisk) -> bool:
    """The register row is this risk point: the same 岗位 (or one names the other), or the same words."""
    a, b = _norm(row.post), _norm(risk.post)
    if a and b and (a == b or (min(len(a), len(b)) >= MIN_OVERLAP and (a in b or b in a))):
        return True
    return bool(_norm(risk.description)) and _norm(row.point) == _norm(risk.description)


def matching_rows(risk: IntegrityRisk) -> list[RiskPoint]:
    """Rows in force, with controls, of the case unit's register that this risk point hits."""
    analysis = risk.analysis
    home = analysis.case.unit.leadership_unit()
    rows = (
        RiskPoint.objects.filter(status=S.ACTIVE, unit__path__startswith=home.path)
        .exclude(controls="")
        .exclude(source_risk__analysis=analysis)
        .exclude(source_case=analysis.case)
        .select_related("unit")
    )
    return [row for row in rows if same_point(row, risk)]


def committed_measures(risk: IntegrityRisk) -> str:
    """The 整改措施 of the tasks answering this risk point: the controls the unit already chose."""
    measures = Task.objects.filter(problem__risk=risk).order_by("id").values_list("measure", flat=True)
    return "；".join(dict.fromkeys(m.strip().rstrip("。；") for m in measures if m.strip()))


@dataclass
class Taken:
    row: RiskPoint | None = None
    failures: list[ControlFailure] = field(default_factory=list)


def _flag(row: RiskPoint, case: Case, by: User) -> ControlFailure:
    failure, created = ControlFailure.objects.get_or_create(
        risk=row, case=case, defaults={"controls_then": row.controls, "flagged_by": by}
    )
    if created:
        record(by, "risks.failure.flagged", failure, unit=row.unit, case=case.pk, risk=row.pk)
    return failure


@transaction.atomic
def take_from_analysis(risk: IntegrityRisk, *, by: User) -> Taken:
    """纳入风险库 in one click (or 防控失效 on the row the case hit)."""
    analysis = CaseAnalysis.objects.select_for_update().get(pk=risk.analysis_id)
    case = analysis.case
    if not perms.can_take(by, case.unit):
        raise PermissionDenied
    if analysis.status != CaseAnalysis.Status.APPROVED:
        raise TransitionError("只有已审定的案件剖析中的风险点可以纳入风险库。")
    if RiskPoint.objects.filter(source_risk=risk).exists():
        raise TransitionError("该风险点已纳入风险库。")
    hit = matching_rows(risk)
    if hit:
        return Taken(failures=[_flag(row, case, by) for row in hit])
    row = RiskPoint.objects.create(
        unit=case.unit,
        post=(risk.post or DEFAULT_POST)[:100],
        point=risk.description,
        level=risk.level,
        controls=committed_measures(risk),
        status=S.ACTIVE,
        source=RiskPoint.Source.ANALYSIS,
        source_risk=risk,
        source_case=case,
        created_by=by,
    )
    record(by, "risks.risk.created", row, source=row.source, case=case.pk, analysis=analysis.pk)
    return Taken(row=row)


def _keepers(row: RiskPoint, *, with_leader: bool = False) -> list[User]:
    """Who is told about a row: the liaisons keeping its register (at the row's 科室 or its
    bureau), and, when asked, its 责任领导."""
    units = {row.unit_id, row.unit.leadership_unit().pk}
    liaisons = RoleAssignment.objects.filter(role=Role.UNIT_LIAISON, unit_id__in=units, user__is_active=True)
    found = {a.user_id: a.user for a in liaisons.select_related("user")}
    if with_leader and row.leader is not None and row.leader.is_active:
        found.setdefault(row.leader.pk, row.leader)
    return list(found.values())


def flag_on_approval(analysis: CaseAnalysis, by: User) -> None:
    """When an analysis is approved, each of its risk points that hits a row already on the
    register with controls flags that row 防控失效 — no one has to notice it by hand. The unit
    that keeps the register is told; the flag stays until it records better controls."""
    for risk in analysis.risks.all():
        for row in matching_rows(risk):
            if ControlFailure.objects.filter(risk=row, case=analysis.case).exists():
                continue
            failure = _flag(row, analysis.case, by)
            for user in _keepers(row, with_leader=True):
                notify(
                    user,
                    key=f"risk-failure:{failure.pk}",
                    title=f"防控失效：{row.post}（新发案例暴露原有防控措施未落实）",
                    url=row.get_absolute_url(),
                )


@transaction.atomic
def flag_failure(row: RiskPoint, *, by: User, case: Case) -> ControlFailure:
    """防控失效 by hand: a case the matching did not catch hit this row's controls."""
    row = lock(row)
    if not perms.can_flag(by, row):
        raise PermissionDenied
    if row.status != S.ACTIVE or not row.controls.strip():
        raise TransitionError("只有在册且已有防控措施的风险点才能标记防控失效。")
    home = row.unit.leadership_unit()
    if not (case.unit.is_within(home) or home.is_within(case.unit)):
        raise TransitionError(f"所选案例不是{home.name}的案例。")
    if ControlFailure.objects.filter(risk=row, case=case).exists():
        raise TransitionError("该案例已标记过此风险点防控失效。")
    return _flag(row, case, by)


@transaction.atomic
def resolve_failure(failure: ControlFailure, *, by: User, controls: str) -> ControlFailure:
    """The unit records the controls that replace the ones that failed."""
    failure = lock(failure)
    row = lock(failure.risk)
    if not perms.keeps_register(by, row.unit):
        raise PermissionDenied
    check(failure, F.RESOLVED)
    text = controls.strip()
    if not text or text == failure.controls_then.strip():
        raise TransitionError("请填写完善后的防控措施（不能与失效时相同）。")
    row.controls = text
    row.save(update_fields=["controls", "updated_at"])
    record(by, "risks.risk.updated", row, controls_changed=True, failure=failure.pk)
    failure.resolved_by, failure.resolved_at = by, timezone.now()
    move(
        failure,
        to=F.RESOLVED,
        by=by,
        action="resolve",
        audit_action="risks.failure.resolved",
        fields=("resolved_by", "resolved_at"),
    )
    return failure


def _copy(row: RiskPoint, unit: Unit, by: User) -> RiskPoint:
    return RiskPoint.objects.create(
        unit=unit,
        post=row.post,
        category=row.category,
        point=row.point,
        manifestation=row.manifestation,
        level=row.level,
        controls=row.controls,  # a suggestion: the unit states its own on confirming
        status=S.PENDING,
        source=RiskPoint.Source.PUSHED,
        pushed_from=row,
        source_risk=row.source_risk,
        created_by=by,
    )


def already_pushed(row: RiskPoint) -> QuerySet[Unit]:
    return Unit.objects.filter(pk__in=row.pushed_copies.exclude(status=S.DECLINED).values("unit_id"))


@transaction.atomic
def push_risk(row: RiskPoint, *, by: User, units: list[Unit]) -> list[RiskPoint]:
    """类案推送: the risk goes to same-field units as 待确认; units that have it already are skipped."""
    row = lock(row)
    if not perms.can_push(by, row):
        raise PermissionDenied
    if row.status != S.ACTIVE:
        raise TransitionError("只有在册的风险点可以推送。")
    allowed = set(perms.push_targets(by, row).values_list("pk", flat=True))
    if not units:
        raise TransitionError("请选择接收推送的单位。")
    if any(u.pk not in allowed for u in units):
        raise PermissionDenied
    skip = set(already_pushed(row).values_list("pk", flat=True))
    copies = [_copy(row, unit, by) for unit in units if unit.pk not in skip]
    for copy in copies:
        for user in _keepers(copy):
            notify(
                user,
                key=f"risk-push:{copy.pk}",
                title=f"待确认的廉政风险点：{copy.post}",
                url=copy.get_absolute_url(),
            )
    record(by, "risks.risk.pushed", row, units=[c.unit_id for c in copies], skipped=sorted(skip))
    return copies
