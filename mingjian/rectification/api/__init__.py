"""API for the rectification engine: /api/problems/, /api/tasks/, /api/plans/, /api/reviews/ (reads
and each transition its own operation); the unit's answer to a 建议书 and the issuer's objection
and closure decisions; reports, 巡察 batches, 专项治理 campaigns, new problems with their first
task, draft-task edits, evidence uploads and batch sign-off. The same services, capabilities and
audit as the pages."""

from __future__ import annotations

from django.urls import path

from mingjian.rectification.api.reads import (
    PLAN_PATHS,
    TASK_PATHS,
    PlanDetail,
    PlanList,
    ProblemDetail,
    ProblemList,
    ReviewDetail,
    ReviewList,
    TaskDetail,
    TaskList,
)

__all__ = ["PATTERNS", "PLAN_PATHS", "TASK_PATHS"]

PATTERNS = [
    path("problems/", ProblemList.as_view(), name="api-problem-list"),
    path("problems/<int:pk>/", ProblemDetail.as_view(), name="api-problem-detail"),
    path("tasks/", TaskList.as_view(), name="api-task-list"),
    path("tasks/<int:pk>/", TaskDetail.as_view(), name="api-task-detail"),
    *TASK_PATHS,
    path("plans/", PlanList.as_view(), name="api-plan-list"),
    path("plans/<int:pk>/", PlanDetail.as_view(), name="api-plan-detail"),
    *PLAN_PATHS,
    path("reviews/", ReviewList.as_view(), name="api-review-list"),
    path("reviews/<int:pk>/", ReviewDetail.as_view(), name="api-review-detail"),
]
