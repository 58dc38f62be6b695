from .campaigns import campaign_create, campaign_list, policy_edit, problem_create
from .ledger import ledger_export, ledger_import
from .problems import (
    from_recommendation,
    inspection_create,
    inspection_detail,
    inspection_list,
    inspection_report,
    problem_detail,
    problem_list,
)
from .reviews import review_detail, review_list
from .tasks import (
    evidence_add,
    evidence_download,
    task_action,
    task_detail,
    task_edit,
    task_list,
)

__all__ = [
    "campaign_create",
    "campaign_list",
    "evidence_add",
    "evidence_download",
    "from_recommendation",
    "inspection_create",
    "inspection_detail",
    "inspection_list",
    "inspection_report",
    "ledger_export",
    "ledger_import",
    "policy_edit",
    "problem_create",
    "problem_detail",
    "problem_list",
    "review_detail",
    "review_list",
    "task_action",
    "task_detail",
    "task_edit",
    "task_list",
]
