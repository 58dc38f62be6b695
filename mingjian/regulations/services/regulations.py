"""建章立制 workflow: one function per transition.

drafting -consult-> consulting -review-> reviewing -issue-> in_force -repeal-> repealed
    |                                       ^  |
    +---------------- review ---------------+  +- return -> drafting

The unit's side drafts, uploads the text (every upload a new version, never overwriting) and
sends it on; a leader records 印发施行 with the 文号 and dates — not whoever drafted it (four
eyes). Going into force repeals the rule a 修订 or 废止 names and schedules the 制度执行检查 and the
回头看 (services.checks). Each transition locks the row and moves through workflow.move (history +
audit in the same transaction).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from mingjian.audit.services import record
from mingjian.cases.models import CaseAnalysis, SystemLoophole
from mingjian.lib.uploads import CheckedFile
from mingjian.org.models import Unit, User
from mingjian.rectification.models import Problem
from mingjian.regulations import permissions as perms
from mingjian.regulations.models import Regulation, RegulationCheck, RegulationVersion
from mingjian.regulations.services.checks import cancel_checks, schedule_after_issue
from mingjian.workflow.services import TransitionError, check, lock, move, require_independent

S = Regulation.Status
K = Regulation.Kind


@dataclass
class RegulationInput:
    """What a clerk fills in for a regulation, from the page's form or the API's serializer."""

    unit: Unit
    title: str
    kind: str = K.NEW
    number: str = ""
    summary: str = ""
    revises: Regulation | None = None
    issued_on: date | None = None
    effective_on: date | None = None
    loopholes: list[SystemLoophole] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def linkable_loophole_queryset(user: User | AnonymousUser) -> QuerySet[SystemLoophole]:
    """Loopholes of approved analyses the user may read, as a queryset: a list can prefetch them
    for all its rows at once instead of asking once per row."""
    analyses = CaseAnalysis.objects.visible_to(user).filter(status=CaseAnalysis.Status.APPROVED)
    return SystemLoophole.objects.filter(analysis__in=analyses)


def linkable_loopholes(user: User) -> list[SystemLoophole]:
    """Loopholes of approved analyses the user may read: what a rule can be linked to."""
    return list(linkable_loophole_queryset(user).select_related("analysis__case__unit"))


def _check_links(data: RegulationInput, by: User, errors: dict[str, str]) -> None:
    allowed = {h.pk for h in linkable_loopholes(by)}
    if any(h.pk not in allowed for h in data.loopholes):
        errors["loopholes"] = "只能关联可见的、已审定剖析中的制度漏洞。"
    visible = set(
        Problem.objects.visible_to(by)
        .filter(pk__in=[p.pk for p in data.problems], unit__path__startswith=data.unit.path)
        .values_list("pk", flat=True)
    )
    if any(p.pk not in visible for p in data.problems):
        errors["problems"] = f"只能关联{data.unit.name}及其下属单位的问题。"


def _check_input(data: RegulationInput, by: User, regulation: Regulation | None = None) -> None:
    if not perms.keeps_rules(by, data.unit):
        raise PermissionDenied
    errors: dict[str, str] = {}
    if not data.title.strip("《》 \u3000"):
        errors["title"] = "请填写制度名称。"
    if data.kind not in K.values:
        errors["kind"] = "请选择制度类型（新制定、修订、废止或清理）。"
    target = data.revises
    if data.kind in Regulation.NEEDS_TARGET and target is None:
        errors["revises"] = f"{K(data.kind).label}须选择被{K(data.kind).label}的制度。"
    if target is not None and (target.unit_id != data.unit.pk or target.status != S.IN_FORCE):
        errors["revises"] = f"被修订或废止的制度须为{data.unit.name}现行有效的制度。"
    if target is not None and regulation is not None and target.pk == regulation.pk:
        errors["revises"] = "制度不能修订自身。"
    if data.issued_on and data.effective_on and data.effective_on < data.issued_on:
        errors["effective_on"] = "施行日期不能早于印发日期。"
    _check_links(data, by, errors)
    if errors:
        raise ValidationError(errors)


def _save(reg: Regulation, data: RegulationInput) -> None:
    reg.unit, reg.kind, reg.revises = data.unit, data.kind, data.revises
    reg.title = data.title.strip().strip("《》")
    reg.number, reg.summary = data.number.strip(), data.summary.strip()
    reg.issued_on, reg.effective_on = data.issued_on, data.effective_on
    reg.save()
    reg.loopholes.set(data.loopholes)
    reg.problems.set(data.problems)


def _add_version(reg: Regulation, by: User, checked: CheckedFile, note: str = "") -> RegulationVersion:
    number = (reg.versions.order_by("-version").values_list("version", flat=True).first() or 0) + 1
    version = RegulationVersion(
        regulation=reg,
        version=number,
        name=checked.name[:200],
        note=note.strip()[:200],
        size=checked.size,
        sha256=checked.sha256,
        uploaded_by=by,
    )
    version.file.save(checked.name, ContentFile(checked.data), save=False)
    version.save()
    record(by, "regulations.version.added", version, regulation=reg.pk, version=number, sha256=version.sha256)
    return version


@transaction.atomic
def create_regulation(
    data: RegulationInput,
    *,
    by: User,
    checked: CheckedFile | None = None,
    note: str = "",
    existing: bool = False,
) -> Regulation:
    """A new draft — or, with `existing`, a rule already in force being entered (补录): then a
    leader enters it with its 文号, dates and 印发稿, and its checks are scheduled from today."""
    _check_input(data, by)
    reg = Regulation(drafted_by=by)
    if existing:
        _check_existing(data, by, checked)
        reg = Regulation(drafted_by=by, issued_by=by, status=S.IN_FORCE)
    _save(reg, data)
    record(
        by,
        "regulations.regulation.registered" if existing else "regulations.regulation.created",
        reg,
        kind=reg.kind,
        loopholes=[h.pk for h in data.loopholes],
        problems=[p.pk for p in data.problems],
    )
    if checked is not None:
        _add_version(reg, by, checked, note)
    if existing:
        schedule_after_issue(reg, start=max(reg.effective_on or timezone.localdate(), timezone.localdate()))
    return reg


def _check_existing(data: RegulationInput, by: User, checked: CheckedFile | None) -> None:
    if not perms.can_issue(by, Regulation(unit=data.unit)):
        raise PermissionDenied
    if data.kind in Regulation.NEEDS_TARGET:
        raise ValidationError({"kind": "补录现行制度请选择“新制定”或“清理”；修订、废止请按流程办理。"})
    error = _issue_errors(None, data.number, data.issued_on, data.effective_on)
    if not error and data.effective_on and data.effective_on > timezone.localdate():
        error = "补录的现行制度施行日期不能晚于今天。"
    if not error and checked is None:
        error = "请上传印发稿。"
    if error:
        raise ValidationError({"__all__": error})


@transaction.atomic
def update_regulation(reg: Regulation, data: RegulationInput, *, by: User) -> Regulation:
    """Edit a rule before it is issued; links the editor may not see stay as they were."""
    reg = lock(reg)
    if not perms.keeps_rules(by, reg.unit):
        raise PermissionDenied
    if not reg.is_editable:
        raise TransitionError(f"制度已{reg.get_status_display()}，只能调整关联的漏洞和问题。")
    _check_input(data, by, reg)
    data.loopholes += _hidden_loopholes(reg, by)
    data.problems += list(reg.problems.exclude(pk__in=Problem.objects.visible_to(by).values("pk")))
    _save(reg, data)
    record(by, "regulations.regulation.updated", reg, loopholes=[h.pk for h in data.loopholes])
    return reg


def _hidden_loopholes(reg: Regulation, by: User) -> list[SystemLoophole]:
    allowed = {h.pk for h in linkable_loopholes(by)}
    return [h for h in reg.loopholes.all() if h.pk not in allowed]


@transaction.atomic
def link_regulation(
    reg: Regulation, *, by: User, loopholes: list[SystemLoophole], problems: list[Problem]
) -> Regulation:
    """A rule in force found to close a loophole or problem noticed later: only the links change."""
    reg = lock(reg)
    if not perms.keeps_rules(by, reg.unit):
        raise PermissionDenied
    if reg.status == S.REPEALED:
        raise TransitionError("制度已废止，不能再关联漏洞或问题。")
    data = RegulationInput(unit=reg.unit, title=reg.title, loopholes=loopholes, problems=problems)
    errors: dict[str, str] = {}
    _check_links(data, by, errors)
    if errors:
        raise ValidationError(errors)
    reg.loopholes.set([*loopholes, *_hidden_loopholes(reg, by)])
    hidden = reg.problems.exclude(pk__in=Problem.objects.visible_to(by).values("pk"))
    reg.problems.set([*problems, *hidden])
    record(by, "regulations.regulation.linked", reg, loopholes=[h.pk for h in loopholes])
    return reg


@transaction.atomic
def add_version(reg: Regulation, *, by: User, checked: CheckedFile, note: str = "") -> RegulationVersion:
    reg = lock(reg)
    if not perms.keeps_rules(by, reg.unit):
        raise PermissionDenied
    if reg.status == S.REPEALED:
        raise TransitionError("制度已废止，不能再上传文本。")
    return _add_version(reg, by, checked, note)


def _kept(reg: Regulation, by: User) -> Regulation:
    reg = lock(reg)
    if not perms.keeps_rules(by, reg.unit):
        raise PermissionDenied
    return reg


@transaction.atomic
def consult_regulation(reg: Regulation, *, by: User) -> Regulation:
    """起草 → 征求意见."""
    reg = _kept(reg, by)
    check(reg, S.CONSULTING)
    if not reg.versions.exists():
        raise TransitionError("请先上传制度文本（征求意见稿）。")
    move(reg, to=S.CONSULTING, by=by, action="consult", audit_action="regulations.regulation.consulting")
    return reg


@transaction.atomic
def review_regulation(reg: Regulation, *, by: User) -> Regulation:
    """起草 / 征求意见 → 审议 (提交党委（党组）会或办公会审议)."""
    reg = _kept(reg, by)
    check(reg, S.REVIEWING)
    if not reg.versions.exists():
        raise TransitionError("请先上传制度文本（审议稿）。")
    move(reg, to=S.REVIEWING, by=by, action="review", audit_action="regulations.regulation.reviewing")
    return reg


def _decided(reg: Regulation, by: User) -> Regulation:
    reg = lock(reg)
    if not perms.can_issue(by, reg):
        raise PermissionDenied
    return reg


@transaction.atomic
def return_regulation(reg: Regulation, *, by: User, reason: str) -> Regulation:
    """审议未通过: back to 起草 with the reasons."""
    reg = _decided(reg, by)
    check(reg, S.DRAFTING)
    if not reason.strip():
        raise TransitionError("退回修改须写明审议意见。")
    move(
        reg,
        to=S.DRAFTING,
        by=by,
        action="return",
        audit_action="regulations.regulation.returned",
        comment=reason.strip(),
    )
    return reg


def _issue_errors(
    reg: Regulation | None, number: str, issued_on: date | None, effective_on: date | None
) -> str:
    if not number.strip():
        return "请填写文号。"
    if issued_on is None or effective_on is None:
        return "请填写印发日期和施行日期。"
    if issued_on > timezone.localdate():
        return "印发日期不能晚于今天。"
    if effective_on < issued_on:
        return "施行日期不能早于印发日期。"
    if reg is not None and not reg.versions.exists():
        return "请先上传印发稿。"
    return ""


@transaction.atomic
def issue_regulation(
    reg: Regulation, *, by: User, number: str, issued_on: date | None, effective_on: date | None
) -> Regulation:
    """审议通过，印发施行: the 文号 and dates are fixed, the rule a 修订/废止 names is repealed, and
    the 制度执行检查 and 回头看 are scheduled."""
    reg = _decided(reg, by)
    check(reg, S.IN_FORCE)
    require_independent(by, reg, "登记印发")
    error = _issue_errors(reg, number, issued_on, effective_on)
    if error:
        raise TransitionError(error)
    reg.number, reg.issued_on, reg.effective_on, reg.issued_by = number.strip(), issued_on, effective_on, by
    move(
        reg,
        to=S.IN_FORCE,
        by=by,
        action="issue",
        audit_action="regulations.regulation.issued",
        fields=("number", "issued_on", "effective_on", "issued_by"),
        number=reg.number,
        effective_on=effective_on,
    )
    target = reg.revises
    if reg.kind in Regulation.NEEDS_TARGET and target is not None and target.status == S.IN_FORCE:
        _repeal(lock(target), by, f"被{reg.label}{reg.get_kind_display()}", effective_on or issued_on)
    schedule_after_issue(reg)
    return reg


def _repeal(reg: Regulation, by: User, reason: str, on: date | None) -> None:
    reg.repealed_on = on or timezone.localdate()
    move(
        reg,
        to=S.REPEALED,
        by=by,
        action="repeal",
        audit_action="regulations.regulation.repealed",
        comment=reason,
        fields=("repealed_on",),
    )
    cancel_checks(reg, by=by, reason=reason)


@transaction.atomic
def repeal_regulation(reg: Regulation, *, by: User, reason: str) -> Regulation:
    reg = _decided(reg, by)
    check(reg, S.REPEALED)
    if not reason.strip():
        raise TransitionError("废止制度须写明理由。")
    _repeal(reg, by, reason.strip(), timezone.localdate())
    return reg


def scheduled_checks(reg: Regulation) -> list[RegulationCheck]:
    return list(reg.checks.filter(status=RegulationCheck.Status.SCHEDULED))
