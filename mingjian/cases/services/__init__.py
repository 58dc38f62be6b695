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
from .findings import record_finding
from .recommendations import (
    ItemRow,
    approve_step,
    document_number,
    draft_from_finding,
    draft_recommendation,
    issue_recommendation,
    reject_step,
    save_recommendation,
    save_recommendation_policy,
    submit_for_approval,
)

__all__ = [
    "CASE_FIELDS",
    "CaseDraft",
    "ItemRow",
    "LoopholeRow",
    "PersonRow",
    "RiskRow",
    "approve_analysis",
    "approve_step",
    "document_number",
    "draft_from_finding",
    "draft_recommendation",
    "import_cases",
    "issue_recommendation",
    "record_finding",
    "reject_step",
    "reopen_analysis",
    "return_analysis",
    "save_analysis",
    "save_recommendation",
    "save_recommendation_policy",
    "submit_analysis",
    "submit_for_approval",
]
