"""回头看 pages: the plan, and recording 巩固 / 反弹 for each sampled task."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from mingjian.lib.http import AuthedRequest
from mingjian.org.decorators import business_page
from mingjian.org.permissions import get_visible_or_404
from mingjian.rectification import permissions as perms
from mingjian.rectification import services
from mingjian.rectification.forms import FindingForm, ReviewSummaryForm
from mingjian.rectification.models import FollowUpReview, Task
from mingjian.workflow.services import TransitionError, history


@business_page
def review_list(request: HttpRequest) -> HttpResponse:
    reviews = FollowUpReview.objects.visible_to(request.user).select_related("unit", "issuer", "campaign")
    return render(request, "rectification/review_list.html", {"reviews": reviews.prefetch_related("tasks")})


def _findings(rows: list[tuple[Task, FindingForm]]) -> list[services.FindingInput]:
    return [
        services.FindingInput(
            task=task,
            result=form.cleaned_data["result"],
            finding=form.cleaned_data["finding"],
            new_problem=form.cleaned_data["action"] == "new_problem",
        )
        for task, form in rows
        if form.cleaned_data["result"]
    ]


@login_required
def review_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    user = request.user
    review = get_visible_or_404(FollowUpReview, user, pk=pk)
    tasks = list(review.tasks.select_related("problem"))
    can_record = review.status == review.Status.SCHEDULED and perms.is_issuer_side(
        user, review.unit, review.issuer
    )
    data = request.POST if request.method == "POST" else None
    rows = [(t, FindingForm(data, prefix=f"t{t.pk}")) for t in tasks]
    summary = ReviewSummaryForm(data)
    if data is not None:
        if not can_record:
            raise Http404
        if summary.is_valid() and all(form.is_valid() for _, form in rows):
            try:
                services.record_review(
                    review, by=user, findings=_findings(rows), summary=summary.cleaned_data["summary"]
                )
            except TransitionError as e:
                messages.error(request, str(e))
            except PermissionDenied:
                raise Http404 from None
            else:
                messages.success(request, "回头看结论已记录。")
                return redirect(review)
    return render(
        request,
        "rectification/review_detail.html",
        {
            "review": review,
            "rows": rows,
            "tasks": tasks,
            "summary_form": summary,
            "can_record": can_record,
            "findings": review.findings.select_related("task"),
            "history": history(review),
        },
    )
