from .analysis import analysis_edit, analysis_transition
from .cases import case_detail, case_import, case_list
from .findings import finding_create, finding_detail, finding_list, finding_recommend
from .recommendations import (
    attachment_download,
    recommendation_advance,
    recommendation_create,
    recommendation_detail,
    recommendation_docx,
    recommendation_edit,
    recommendation_issue,
    recommendation_list,
    recommendation_pdf,
    recommendation_policy,
)

__all__ = [
    "analysis_edit",
    "analysis_transition",
    "attachment_download",
    "case_detail",
    "case_import",
    "case_list",
    "finding_create",
    "finding_detail",
    "finding_list",
    "finding_recommend",
    "recommendation_advance",
    "recommendation_create",
    "recommendation_detail",
    "recommendation_docx",
    "recommendation_edit",
    "recommendation_issue",
    "recommendation_list",
    "recommendation_pdf",
    "recommendation_policy",
]
