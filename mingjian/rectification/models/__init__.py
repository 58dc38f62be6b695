from .campaign import (
    CampaignPhase,
    CampaignTarget,
    CampaignTemplate,
    Cell,
    PhaseTask,
    TemplatePhase,
)
from .ledger_job import LedgerJob
from .plan import PlanEntry, PlanMeasure, RectificationPlan
from .problem import Campaign, InspectionBatch, InspectionItem, Problem, ProblemType
from .report import RectificationReport
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
    "CampaignPhase",
    "CampaignTarget",
    "CampaignTemplate",
    "Cell",
    "Evidence",
    "FollowUpReview",
    "InspectionBatch",
    "InspectionItem",
    "LeaderConfirmation",
    "LedgerJob",
    "Light",
    "Milestone",
    "PhaseTask",
    "PlanEntry",
    "PlanMeasure",
    "Problem",
    "ProblemType",
    "RectificationPlan",
    "RectificationPolicy",
    "RectificationReport",
    "Responsibility",
    "ReviewFinding",
    "Task",
    "TemplatePhase",
    "with_lights",
]
