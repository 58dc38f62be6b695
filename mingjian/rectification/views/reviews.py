"""回头看 pages: the plan, and recording 巩固 / 反弹 for each sampled task."""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from mingjian.org.models import User
from mingjian.org.permissions import get_visible_or_404
from mingjian.rectification import permissions as perms
from mingjian.rectification import services
from mingjian.rectification.models import FollowUpReview, ReviewFinding
from mingjian.workflow.services import TransitionError


@login_required
def review_list(request: HttpRequest) -> HttpResponse:
    reviews = FollowUpReview.objects.visible_to(request.user).select_related("unit", "issuer", "campaign")
    return render(request, "rectification/review_list.html", {"reviews": reviews.prefetch_related("tasks")})


@login_required
def review_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = cast(User, request.user)
    review = get_visible_or_404(FollowUpReview, user, pk=pk)
    tasks = list(review.tasks.select_related("problem"))
    can_record = review.status == review.Status.SCHEDULED and perms.is_issuer_side(
        user, review.unit, review.issuer
    )
    if request.method == "POST":
        if not can_record:
            raise Http404
        findings = [
            services.FindingInput(
                task=t,
                result=request.POST.get(f"result-{t.pk}", ""),
                finding=request.POST.get(f"finding-{t.pk}", ""),
                new_problem=request.POST.get(f"action-{t.pk}") == "new_problem",
            )
            for t in tasks
            if request.POST.get(f"result-{t.pk}")
        ]
        try:
            services.record_review(
                review, by=user, findings=findings, summary=request.POST.get("summary", "")
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
            "tasks": tasks,
            "can_record": can_record,
            "results": ReviewFinding.Result.choices,
            "findings": review.findings.select_related("task"),
        },
    )
