from .cases import take_risk
from .register import (
    failure_resolve,
    register_export,
    register_import,
    risk_action,
    risk_detail,
    risk_form,
    risk_list,
)
from .screenings import screening_create, screening_detail, screening_list, screening_review

__all__ = [
    "failure_resolve",
    "register_export",
    "register_import",
    "risk_action",
    "risk_detail",
    "risk_form",
    "risk_list",
    "screening_create",
    "screening_detail",
    "screening_list",
    "screening_review",
    "take_risk",
]
