"""Writes for 建章立制; see each module's docstring for its workflow."""

from .checks import (
    FollowUp,
    cancel_checks,
    checking_body,
    record_execution,
    record_review,
    schedule_after_issue,
)
from .policy import save_policy
from .regulations import (
    RegulationInput,
    add_version,
    consult_regulation,
    create_regulation,
    issue_regulation,
    link_regulation,
    linkable_loophole_queryset,
    linkable_loopholes,
    repeal_regulation,
    return_regulation,
    review_regulation,
    update_regulation,
)
from .waivers import approve_waiver, explain_no_regulation, reject_waiver

__all__ = [
    "FollowUp",
    "RegulationInput",
    "add_version",
    "approve_waiver",
    "cancel_checks",
    "checking_body",
    "consult_regulation",
    "create_regulation",
    "explain_no_regulation",
    "issue_regulation",
    "link_regulation",
    "linkable_loophole_queryset",
    "linkable_loopholes",
    "record_execution",
    "record_review",
    "reject_waiver",
    "repeal_regulation",
    "return_regulation",
    "review_regulation",
    "save_policy",
    "schedule_after_issue",
    "update_regulation",
]
