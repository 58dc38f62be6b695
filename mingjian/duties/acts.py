"""履责记实 computed from what the system already records — nothing is copied or typed again.

For a cadre (第一责任人, 一岗双责) the acts are their own account's: the 整改 tasks they signed
(LeaderConfirmation), the 建议书 replies, plans and reports they submitted, the plans they
approved and tasks they verified, the 建议书 steps they signed, the 警示教育 they chaired
(Event.host), attended (Attendance) or whose summary they confirmed, the talks they held, the 问责 they drafted or
decided — and, for the 书记, the 党组会 recorded on the unit's replies. For a 党组 (主体责任) they
are the unit's records; for a 纪检 body (监督责任) those issued by it or done by its staff.

Each query goes through the viewer's `visible_to`, so a page or report never shows, nor counts,
an act on a record its reader may not see. Status changes are read from the workflow history
(StatusChange), which keeps every round — a plan submitted twice counts twice.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from functools import cached_property
from typing import Any

from django.db.models import Model, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from mingjian.cases.models import ApprovalStep, Recommendation, RecommendationReply
from mingjian.duties.models import Accountability, DutyList, Talk
from mingjian.duties.register import first_responsible
from mingjian.duties.vocabulary import SOURCES_BY_KIND, Kind, Source
from mingjian.education.display import masked_text
from mingjian.education.models import COUNTED_STATUSES, Attendance, Event
from mingjian.org.models import Person, Unit, User
from mingjian.rectification.models import LeaderConfirmation, RectificationPlan, RectificationReport, Task
from mingjian.workflow.models import StatusChange

S = Source
SHORT = 30


@dataclass(frozen=True)
class Act:
    on: date
    source: str
    text: str
    url: str = ""

    @property
    def source_label(self) -> str:
        return Source(self.source).label


@dataclass(frozen=True)
class Holding:
    """Whose acts, for which year (or years), read by whom."""

    kind: str
    unit: Unit
    person: Person | None
    year: int | tuple[int, ...]  # several: one holder's lists over years, read in one pass
    viewer: Any

    @property
    def years(self) -> tuple[int, ...]:
        return self.year if isinstance(self.year, tuple) else (self.year,)

    @cached_property
    def account(self) -> User | None:
        if self.person is None:
            return None
        found: User | None = User.objects.filter(person=self.person, is_active=True).first()
        return found

    def own_units(self) -> Q:
        """The 党组's records: the unit's own and its 内设机构's."""
        return Q(unit=self.unit) | Q(unit__parent=self.unit, unit__kind=Unit.Kind.DEPARTMENT)

    def staff(self) -> Q:
        """Acts by the 纪检 body's own staff (a commission's 派驻组 keep their own list)."""
        q = Q(actor__unit__path__startswith=self.unit.path)
        if self.unit.kind == Unit.Kind.COMMISSION:
            nested = Unit.objects.filter(path__startswith=self.unit.path, kind=Unit.Kind.STATIONED)
            for body in nested.exclude(pk=self.unit.pk):
                q &= ~Q(actor__unit__path__startswith=body.path)
        return q


QUOTES = str.maketrans("", "", "“”‘’\"'「」")


def _short(text: str) -> str:
    """An excerpt to quote: its own quotation marks dropped, so a cut never leaves one open."""
    text = " ".join(text.translate(QUOTES).split())
    return text if len(text) <= SHORT else text[:SHORT] + "…"


def _day(moment: datetime) -> date:
    return timezone.localdate(moment)


def _rec_label(rec: Recommendation) -> str:
    return f"{rec.number or '（未编号）'}建议书（主送{rec.unit.name}）"


def _plan_label(plan: RectificationPlan) -> str:
    """市民政局落实X纪建〔2026〕1号建议书的整改方案 / 落实…巡察反馈的整改方案."""
    if plan.recommendation is not None:
        return f"{plan.unit.name}落实{plan.recommendation.number or '（未编号）'}建议书的整改方案"
    title = plan.inspection.title if plan.inspection is not None else ""
    return f"{plan.unit.name}落实{title}的整改方案" if title else f"{plan.unit.name}整改方案"


def _changes(model: type[Model], action: str, h: Holding, objects: QuerySet[Any], who: Q) -> list[Any]:
    """(change, object) pairs of `action` on `objects` in the year by `who`."""
    # The content type joined, not looked up with get_for_model: its cache would make a page's
    # query count depend on what the process read before.
    meta = model._meta.concrete_model._meta  # type: ignore[union-attr]
    changes = list(
        StatusChange.objects.filter(
            who,
            content_type__app_label=meta.app_label,
            content_type__model=meta.model_name,
            action=action,
            created_at__year__in=h.years,
            object_id__in=objects.values("pk"),
        ).order_by("created_at", "id")
    )
    found = objects.in_bulk([c.object_id for c in changes])
    return [(c, found[c.object_id]) for c in changes if c.object_id in found]


def _actor(h: Holding) -> Q | None:
    account = h.account
    return Q(actor=account) if account is not None else None


# ---- a cadre's own acts ----------------------------------------------------------------------


def _task_signs(h: Holding) -> Iterable[Act]:
    account = h.account
    if account is None:
        return []
    signs = LeaderConfirmation.objects.filter(
        leader=account, confirmed_at__year__in=h.years, task__in=Task.objects.visible_to(h.viewer)
    ).select_related("task")
    return [
        Act(
            _day(s.confirmed_at),
            S.TASK_SIGN,
            f"签认整改任务“{_short(s.task.measure)}”（第{s.round}轮）",
            s.task.get_absolute_url(),
        )
        for s in signs
    ]


def _replies(h: Holding, by_unit: bool) -> Iterable[Act]:
    replies = RecommendationReply.objects.filter(
        recommendation__in=Recommendation.objects.visible_to(h.viewer), replied_at__year__in=h.years
    ).select_related("recommendation__unit")
    if by_unit:
        replies = replies.filter(recommendation__in=Recommendation.objects.filter(h.own_units()))
    else:
        account = h.account
        if account is None:
            return []
        replies = replies.filter(replied_by=account)
    return [
        Act(
            _day(r.replied_at),
            S.REPLY,
            f"报送{_rec_label(r.recommendation)}的书面回复",
            r.recommendation.get_absolute_url(),
        )
        for r in replies
        if r.replied_at is not None
    ]


def _meetings(h: Holding, by_unit: bool) -> Iterable[Act]:
    """The 党组会 a reply records: the 党组's, chaired by its 第一责任人."""
    unit = h.unit
    if not by_unit and (h.person is None or first_responsible(unit) != h.person):
        return []
    replies = RecommendationReply.objects.filter(
        recommendation__in=Recommendation.objects.visible_to(h.viewer).filter(h.own_units()),
        meeting_date__year__in=h.years,
    ).select_related("recommendation__unit")
    verb = "召开" if by_unit else "主持召开"
    return [
        Act(
            r.meeting_date,
            S.MEETING,
            f"{verb}党委（党组）会专题研究{_rec_label(r.recommendation)}",
            r.recommendation.get_absolute_url(),
        )
        for r in replies
        if r.meeting_date is not None
    ]


def _plans_submitted(h: Holding, who: Q | None, by_unit: bool) -> Iterable[Act]:
    if who is None:
        return []
    plans = RectificationPlan.objects.visible_to(h.viewer).select_related(
        "unit", "recommendation", "inspection"
    )
    plans = plans.filter(h.own_units()) if by_unit else plans
    return [
        Act(_day(c.created_at), S.PLAN_SUBMIT, f"报送{_plan_label(p)}", p.get_absolute_url())
        for c, p in _changes(RectificationPlan, "submit", h, plans, who)
    ]


def _reports_submitted(h: Holding, who: Q | None, by_unit: bool) -> Iterable[Act]:
    if who is None:
        return []
    reports = RectificationReport.objects.visible_to(h.viewer).select_related("unit")
    reports = reports.filter(h.own_units()) if by_unit else reports
    return [
        Act(
            _day(c.created_at),
            S.REPORT_SUBMIT,
            f"报送{r.unit.name}{r.get_kind_display()}",
            reverse("rectification:report-detail", args=[r.pk]),
        )
        for c, r in _changes(RectificationReport, "submit", h, reports, who)
    ]


def _attendance(h: Holding) -> Iterable[Act]:
    if h.person is None:
        return []
    rows = (
        Attendance.objects.visible_to(h.viewer)
        .filter(person=h.person, event__status__in=COUNTED_STATUSES)
        .filter(
            Q(presence=Attendance.Presence.PRESENT, event__held_on__year__in=h.years)
            | Q(presence=Attendance.Presence.MADE_UP, made_up_on__year__in=h.years)
        )
        .select_related("event")
        .prefetch_related("event__cases__persons", "event__cases__unit")
    )
    acts = []
    for row in rows:
        title = masked_text(row.event.title, row.event.cases.all(), h.viewer)
        made_up = row.presence == Attendance.Presence.MADE_UP and row.made_up_on is not None
        on = row.made_up_on if made_up and row.made_up_on else row.event.held_on
        verb = "补学" if made_up else "参加"
        acts.append(Act(on, S.EDUCATION_ATTEND, f"{verb}警示教育：{title}", row.event.get_absolute_url()))
    return acts


def _events_hosted(h: Holding) -> Iterable[Act]:
    if h.person is None:
        return []
    events = (
        Event.objects.visible_to(h.viewer)
        .filter(host=h.person, status__in=COUNTED_STATUSES, held_on__year__in=h.years)
        .prefetch_related("cases__persons", "cases__unit")
    )
    return [
        Act(
            e.held_on,
            S.EDUCATION_HOST,
            f"主持{e.get_kind_display()}：{masked_text(e.title, e.cases.all(), h.viewer)}",
            e.get_absolute_url(),
        )
        for e in events
    ]


def _events_held(h: Holding) -> Iterable[Act]:
    events = (
        Event.objects.visible_to(h.viewer)
        .filter(h.own_units(), status__in=COUNTED_STATUSES, held_on__year__in=h.years)
        .prefetch_related("cases__persons", "cases__unit")
    )
    return [
        Act(
            e.held_on,
            S.EDUCATION_HELD,
            f"组织开展{e.get_kind_display()}：{masked_text(e.title, e.cases.all(), h.viewer)}",
            e.get_absolute_url(),
        )
        for e in events
    ]


def _event_confirms(h: Holding, who: Q | None) -> Iterable[Act]:
    if who is None:
        return []
    events = Event.objects.visible_to(h.viewer).prefetch_related("cases__persons", "cases__unit")
    return [
        Act(
            _day(c.created_at),
            S.EDUCATION_CONFIRM,
            f"确认警示教育总结：{masked_text(e.title, e.cases.all(), h.viewer)}",
            e.get_absolute_url(),
        )
        for c, e in _changes(Event, "confirm", h, events, who)
    ]


def _talks(h: Holding, mode: str) -> Iterable[Act]:
    talks = Talk.objects.visible_to(h.viewer).filter(status=Talk.Status.DONE, held_on__year__in=h.years)
    if mode == "person":
        if h.person is None:
            return []
        talks = talks.filter(talker=h.person)
    elif mode == "unit":
        talks = talks.filter(Q(issuer=h.unit) | Q(issuer__parent=h.unit, issuer__kind=Unit.Kind.DEPARTMENT))
    else:
        talks = talks.filter(issuer=h.unit)
    return [
        Act(
            t.held_on,
            S.TALK,
            f"对{t.unit.name}{t.subject.name}进行{t.get_kind_display()}",
            t.get_absolute_url(),
        )
        for t in talks.select_related("subject", "unit")
        if t.held_on is not None
    ]


def _approval_signs(h: Holding) -> Iterable[Act]:
    account = h.account
    if account is None:
        return []
    steps = ApprovalStep.objects.filter(
        signer=account,
        decision=ApprovalStep.Decision.APPROVED,
        signed_at__year__in=h.years,
        recommendation__in=Recommendation.objects.visible_to(h.viewer),
    ).select_related("recommendation__unit")
    return [
        Act(
            _day(s.signed_at),
            S.APPROVAL_SIGN,
            f"签批{_rec_label(s.recommendation)}（{s.get_kind_display()}）",
            s.recommendation.get_absolute_url(),
        )
        for s in steps
        if s.signed_at is not None
    ]


def _plans_approved(h: Holding, who: Q | None) -> Iterable[Act]:
    if who is None:
        return []
    plans = RectificationPlan.objects.visible_to(h.viewer).select_related(
        "unit", "recommendation", "inspection"
    )
    return [
        Act(_day(c.created_at), S.PLAN_APPROVE, f"审核通过{_plan_label(p)}", p.get_absolute_url())
        for c, p in _changes(RectificationPlan, "approve", h, plans, who)
    ]


def _tasks_accepted(h: Holding, who: Q | None) -> Iterable[Act]:
    """Tasks verified (销号) by `who`."""
    if who is None:
        return []
    return [
        Act(_day(c.created_at), S.TASK_ACCEPT, f"验收销号“{_short(t.measure)}”", t.get_absolute_url())
        for c, t in _changes(Task, "accept", h, Task.objects.visible_to(h.viewer), who)
    ]


def _tasks_done(h: Holding) -> Iterable[Act]:
    tasks = Task.objects.visible_to(h.viewer).filter(h.own_units())
    return [
        Act(_day(c.created_at), S.TASK_DONE, f"整改任务销号“{_short(t.measure)}”", t.get_absolute_url())
        for c, t in _changes(Task, "accept", h, tasks, Q())
    ]


def _recommendations(h: Holding) -> Iterable[Act]:
    recs = Recommendation.objects.visible_to(h.viewer).filter(issuer=h.unit, served_on__year__in=h.years)
    return [
        Act(r.served_on, S.RECOMMENDATION, f"提出并送达{_rec_label(r)}", r.get_absolute_url())
        for r in recs.select_related("unit")
        if r.served_on is not None
    ]


def _accountability(h: Holding, mode: str) -> Iterable[Act]:
    records = Accountability.objects.visible_to(h.viewer).filter(
        status=Accountability.Status.DECIDED, decided_on__year__in=h.years
    )
    if mode == "person":
        account = h.account
        if account is None:
            return []
        records = records.filter(Q(drafted_by=account) | Q(decided_by=account))
    else:
        records = records.filter(issuer=h.unit)
    return [
        Act(
            r.decided_on,
            S.ACCOUNTABILITY,
            f"对{r.target_name}问责（{'、'.join(r.method_labels)}）",
            r.get_absolute_url(),
        )
        for r in records.select_related("unit", "person")
        if r.decided_on is not None
    ]


Finder = Callable[[Holding], Iterable[Act]]


def _person_finders(h: Holding) -> dict[str, Finder]:
    who = _actor(h)
    return {
        S.MEETING: lambda h: _meetings(h, by_unit=False),
        S.REPLY: lambda h: _replies(h, by_unit=False),
        S.PLAN_SUBMIT: lambda h: _plans_submitted(h, who, by_unit=False),
        S.REPORT_SUBMIT: lambda h: _reports_submitted(h, who, by_unit=False),
        S.TASK_SIGN: _task_signs,
        S.EDUCATION_HOST: _events_hosted,
        S.EDUCATION_ATTEND: _attendance,
        S.EDUCATION_CONFIRM: lambda h: _event_confirms(h, who),
        S.TALK: lambda h: _talks(h, "person"),
        S.APPROVAL_SIGN: _approval_signs,
        S.PLAN_APPROVE: lambda h: _plans_approved(h, who),
        S.TASK_ACCEPT: lambda h: _tasks_accepted(h, who),
        S.ACCOUNTABILITY: lambda h: _accountability(h, "person"),
    }


def _unit_finders(h: Holding) -> dict[str, Finder]:
    everyone = Q()
    return {
        S.MEETING: lambda h: _meetings(h, by_unit=True),
        S.REPLY: lambda h: _replies(h, by_unit=True),
        S.PLAN_SUBMIT: lambda h: _plans_submitted(h, everyone, by_unit=True),
        S.REPORT_SUBMIT: lambda h: _reports_submitted(h, everyone, by_unit=True),
        S.TASK_DONE: _tasks_done,
        S.EDUCATION_HELD: _events_held,
        S.TALK: lambda h: _talks(h, "unit"),
    }


def _body_finders(h: Holding) -> dict[str, Finder]:
    staff = h.staff()
    return {
        S.RECOMMENDATION: _recommendations,
        S.PLAN_APPROVE: lambda h: _plans_approved(h, staff),
        S.TASK_ACCEPT: lambda h: _tasks_accepted(h, staff),
        S.TALK: lambda h: _talks(h, "body"),
        S.ACCOUNTABILITY: lambda h: _accountability(h, "body"),
    }


def finders(h: Holding) -> dict[str, Finder]:
    if h.kind == Kind.MAIN:
        found = _unit_finders(h)
    elif h.kind == Kind.SUPERVISION:
        found = _body_finders(h)
    else:
        found = _person_finders(h)
    return {s: found[s] for s in SOURCES_BY_KIND[h.kind] if s in found}


def acts_for(h: Holding, sources: Iterable[str] | None = None) -> dict[str, list[Act]]:
    """Acts per source (only the sources asked for, when given), each list by date."""
    wanted = set(sources) if sources is not None else None
    out: dict[str, list[Act]] = {}
    for source, find in finders(h).items():
        if wanted is None or source in wanted:
            out[source] = sorted(find(h), key=lambda a: (a.on, a.text))
    return out


def holding(dlist: DutyList, viewer: Any) -> Holding:
    return Holding(dlist.kind, dlist.unit, dlist.person, dlist.year, viewer)


def acts_of(dlist: DutyList, viewer: Any) -> dict[str, list[Act]]:
    return acts_for(holding(dlist, viewer))


def acts_of_lists(dlists: Iterable[DutyList], viewer: Any) -> dict[int, dict[str, list[Act]]]:
    """acts_of for each list, by list id: one pass per holder (kind, unit, person) over all its
    years, so a page of lists runs the finders' queries once per holder, not once per list."""
    holders: dict[tuple[str, int, int | None], list[DutyList]] = {}
    for dlist in dlists:
        holders.setdefault((dlist.kind, dlist.unit_id, dlist.person_id), []).append(dlist)
    out: dict[int, dict[str, list[Act]]] = {}
    for lists in holders.values():
        first = lists[0]
        years = tuple(sorted({d.year for d in lists}))
        found = acts_for(Holding(first.kind, first.unit, first.person, years, viewer))
        for dlist in lists:
            # Every finder dates an act by the field its year filter reads, so the act's year
            # tells which list it belongs to.
            out[dlist.pk] = {s: [a for a in acts if a.on.year == dlist.year] for s, acts in found.items()}
    return out


def all_acts(by_source: dict[str, list[Act]]) -> list[Act]:
    return sorted((a for acts in by_source.values() for a in acts), key=lambda a: (a.on, a.source, a.text))
