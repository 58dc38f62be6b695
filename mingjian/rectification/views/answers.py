"""The unit's answer to a 建议书 (reply + 整改方案), and the issuing body's objection decisions and
closure. The unit's liaison drafts; its 主要负责人 (or the authorised leader) submits."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from mingjian.cases.models import Recommendation, RecommendationItem
from mingjian.cases.permissions import can_issue_as, can_review
from mingjian.lib.http import AuthedRequest
from mingjian.org.permissions import can_act_in, get_visible_or_404, is_unit_side
from mingjian.rectification import permissions as perms
from mingjian.rectification import services
from mingjian.rectification.forms import ApplyAllForm, PlanChoices, ReplyForm
from mingjian.rectification.models import RectificationPlan, RectificationReport
from mingjian.rectification.views import plan_editor
from mingjian.workflow.services import TransitionError
from mingjian.workflow.views import run_transition


def _unit_rec(request: AuthedRequest, pk: int) -> Recommendation:
    rec = get_visible_or_404(Recommendation, request.user, pk=pk)
    if not (is_unit_side(request.user, rec.unit) and can_act_in(request.user, rec.unit)):
        raise Http404
    return rec


def _answer(rows: list[plan_editor.ItemRows], reply: ReplyForm, rec: Recommendation) -> services.Answer:
    entries = plan_editor.entry_inputs(rows, rec.unit)
    return services.Answer(
        text=reply.cleaned_data["text"] or "",
        meeting_date=reply.cleaned_data["meeting_date"],
        items=[
            services.ItemAnswer(
                entry=e,
                adopted=r.entry.cleaned_data["adopted"] is not False,
                objection=r.entry.cleaned_data["objection"] or "",
            )
            for r, e in zip(rows, entries, strict=True)
        ],
        files=reply.cleaned_data["attachments"],
    )


def _save(
    request: AuthedRequest, rec: Recommendation, rows: list[plan_editor.ItemRows], reply: ReplyForm
) -> bool:
    try:
        services.save_answer(rec, by=request.user, answer=_answer(rows, reply, rec))
    except TransitionError as e:
        messages.error(request, str(e))
        return False
    except PermissionDenied:
        raise Http404 from None
    return True


def _forms(request: AuthedRequest, rec: Recommendation) -> tuple[list[plan_editor.ItemRows], ReplyForm]:
    items = list(rec.items.select_related("risk", "loophole"))
    plan = RectificationPlan.objects.filter(recommendation=rec).first()
    choices = PlanChoices.for_unit(rec.unit, request.user)
    data: QueryDict | None = request.POST if request.method == "POST" else None
    if data is not None and "apply_all" in data:
        data = plan_editor.apply_to_all(data, items, choices)
    saved = getattr(rec, "reply", None)
    initial = {"text": saved.text, "meeting_date": saved.meeting_date} if saved else {}
    return plan_editor.build(plan, items, data, choices), ReplyForm(
        data, request.FILES or None, initial=initial
    )


@login_required
def answer(request: AuthedRequest, pk: int) -> HttpResponse:
    """The reply and the 整改方案 on one page: typed once, submitted once."""
    rec = _unit_rec(request, pk)
    if rec.status != rec.Status.ISSUED:
        return redirect(rec)
    rows, reply = _forms(request, rec)
    action = request.POST.get("action", "")
    ready = action in ("save", "submit") and reply.is_valid() and plan_editor.valid(rows)
    if ready and _save(request, rec, rows, reply):
        if action == "submit":
            done = "已正式回复建议书并报送整改方案，等待审批。"
            return run_transition(request, rec, lambda: services.submit_answer(rec, by=request.user), done)
        messages.success(request, "已保存回复和整改方案草稿。")
        return redirect("rectification:answer", pk=rec.pk)
    return render(
        request,
        "rectification/answer.html",
        {
            "rec": rec,
            "rows": rows,
            "reply_form": reply,
            "reply": getattr(rec, "reply", None),
            "apply_form": ApplyAllForm(prefix="all", choices=PlanChoices.for_unit(rec.unit, request.user)),
            "can_submit": perms.may_answer_for(request.user, rec),
            "is_principal": perms.principals_of(rec.unit).filter(pk=request.user.pk).exists(),
            "delegates": perms.leaders_of(rec.unit),
        },
    )


@require_POST
@login_required
def authorise(request: AuthedRequest, pk: int) -> HttpResponse:
    rec = _unit_rec(request, pk)
    delegate = perms.leaders_of(rec.unit).filter(pk=request.POST.get("delegate") or 0).first()
    if delegate is None:
        messages.error(request, "请选择要授权的班子成员。")
        return redirect("rectification:answer", pk=rec.pk)
    return run_transition(
        request,
        rec,
        lambda: services.authorise_reply(rec, by=request.user, delegate=delegate),
        f"已授权{delegate}代为回复。",
    )


def _issuer_rec(request: AuthedRequest, pk: int) -> Recommendation:
    rec = get_visible_or_404(Recommendation, request.user, pk=pk)
    if not (can_review(request.user, rec.unit) and can_issue_as(request.user, rec.issuer)):
        raise Http404
    return rec


@login_required
def objection(request: AuthedRequest, pk: int) -> HttpResponse:
    """The issuing body decides each objected item: 维持 / 修改 / 撤回, with reasons."""
    rec = _issuer_rec(request, pk)
    if rec.status != rec.Status.OBJECTION:
        return redirect(rec)
    items = list(rec.items.filter(adopted=False))
    if request.method == "POST":
        decisions = [
            services.Decision(
                item=item,
                decision=request.POST.get(f"d{item.pk}-decision", ""),
                reason=request.POST.get(f"d{item.pk}-reason", ""),
                new_text=request.POST.get(f"d{item.pk}-text", ""),
            )
            for item in items
        ]
        try:
            services.resolve_objection(rec, by=request.user, decisions=decisions)
        except TransitionError as e:
            messages.error(request, str(e))
        else:
            messages.success(request, "异议处理决定已记录。")
            return redirect(rec)
    return render(
        request,
        "rectification/objection.html",
        {
            "rec": rec,
            "items": items,
            "decisions": RecommendationItem.Decision.choices,
            "posted": request.POST,
        },
    )


@login_required
def complete(request: AuthedRequest, pk: int) -> HttpResponse:
    """The issuer's 评估 and 办结, refused while any task is open or the unit's report is missing."""
    rec = _issuer_rec(request, pk)
    if request.method == "POST":
        try:
            services.complete_recommendation(
                rec,
                by=request.user,
                rating=request.POST.get("rating", ""),
                remarks=request.POST.get("remarks", ""),
            )
        except TransitionError as e:
            messages.error(request, str(e))
        else:
            messages.success(request, "建议书已办结。")
            return redirect(rec)
    report = RectificationReport.objects.filter(
        recommendation=rec, kind=RectificationReport.Kind.COMPLETION
    ).first()
    return render(
        request,
        "rectification/complete.html",
        {
            "rec": rec,
            "report": report,
            "ratings": Recommendation.Rating.choices,
            "posted": request.POST,
            "refusals": services.completion_refusals(rec),
        },
    )
