from .answers import answer, authorise, complete, objection
from .campaign_pages import (
    campaign_action,
    campaign_detail,
    campaign_docx,
    campaign_phases,
    campaign_target_remove,
    campaign_targets,
)
from .campaign_templates import template_copy, template_edit, template_list
from .campaigns import campaign_create, campaign_list, policy_edit, problem_create
from .ledger import (
    ledger_export,
    ledger_import,
    ledger_job,
    ledger_job_cancel,
    ledger_job_confirm,
    ledger_job_download,
    ledger_job_status,
)
from .plans import plan_action, plan_detail, plan_edit
from .problems import (
    inspection_create,
    inspection_detail,
    inspection_list,
    inspection_plan,
    problem_detail,
    problem_list,
)
from .reports import report_detail, report_draft, report_submit
from .reviews import review_detail, review_list
from .tasks import (
    evidence_add,
    evidence_download,
    sign_list,
    task_action,
    task_detail,
    task_edit,
    task_list,
)

__all__ = [
    "answer",
    "authorise",
    "campaign_action",
    "campaign_create",
    "campaign_detail",
    "campaign_docx",
    "campaign_list",
    "campaign_phases",
    "campaign_target_remove",
    "campaign_targets",
    "complete",
    "evidence_add",
    "evidence_download",
    "inspection_create",
    "inspection_detail",
    "inspection_list",
    "inspection_plan",
    "ledger_export",
    "ledger_import",
    "ledger_job",
    "ledger_job_cancel",
    "ledger_job_confirm",
    "ledger_job_download",
    "ledger_job_status",
    "objection",
    "plan_action",
    "plan_detail",
    "plan_edit",
    "policy_edit",
    "problem_create",
    "problem_detail",
    "problem_list",
    "report_detail",
    "report_draft",
    "report_submit",
    "review_detail",
    "review_list",
    "sign_list",
    "task_action",
    "task_detail",
    "task_edit",
    "task_list",
    "template_copy",
    "template_edit",
    "template_list",
]
