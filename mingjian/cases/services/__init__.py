"""Writes for cases, analyses and recommendations; each function is one transaction with audit."""

from .analysis import (
    LoopholeRow,
    RiskRow,
    approve_analysis,
    reopen_analysis,
    return_analysis,
    save_analysis,
    submit_analysis,
)
from .cases import CASE_FIELDS, CaseDraft, PersonRow, import_cases
from .recommendations import (
    complete_recommendation,
    draft_recommendation,
    issue_recommendation,
    reply_recommendation,
    save_recommendation,
    start_implementation,
)

__all__ = [
    "CASE_FIELDS",
    "CaseDraft",
    "LoopholeRow",
    "PersonRow",
    "RiskRow",
    "approve_analysis",
    "complete_recommendation",
    "draft_recommendation",
    "import_cases",
    "issue_recommendation",
    "reopen_analysis",
    "reply_recommendation",
    "return_analysis",
    "save_analysis",
    "save_recommendation",
    "start_implementation",
    "submit_analysis",
]
