from .problem import Campaign, InspectionBatch, Problem, ProblemType
from .review import FollowUpReview, ReviewFinding
from .task import (
    LIGHT_FILTERS,
    Evidence,
    LeaderConfirmation,
    Light,
    Milestone,
    RectificationPolicy,
    Responsibility,
    Task,
    with_lights,
)

__all__ = [
    "LIGHT_FILTERS",
    "Campaign",
    "Evidence",
    "FollowUpReview",
    "InspectionBatch",
    "LeaderConfirmation",
    "Light",
    "Milestone",
    "Problem",
    "ProblemType",
    "RectificationPolicy",
    "Responsibility",
    "ReviewFinding",
    "Task",
    "with_lights",
]
