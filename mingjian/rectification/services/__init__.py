"""Writes for the rectification engine; see each module's docstring for its workflow."""

from .campaigns import create_campaign, save_policy
from .problems import (
    TaskPlan,
    create_inspection,
    create_tasks,
    guess_type,
    plans_from_recommendation,
    report_inspection,
    tasks_from_recommendation,
)
from .reviews import FindingInput, record_review
from .tasks import (
    accept_task,
    add_evidence,
    confirm_task,
    issue_task,
    reopen_task,
    return_task,
    schedule_review,
    start_task,
    submit_task,
    update_draft_task,
)

__all__ = [
    "FindingInput",
    "TaskPlan",
    "accept_task",
    "add_evidence",
    "confirm_task",
    "create_campaign",
    "create_inspection",
    "create_tasks",
    "guess_type",
    "issue_task",
    "plans_from_recommendation",
    "record_review",
    "reopen_task",
    "report_inspection",
    "return_task",
    "save_policy",
    "schedule_review",
    "start_task",
    "submit_task",
    "tasks_from_recommendation",
    "update_draft_task",
]
