from .checks import check_record
from .loopholes import loophole_list
from .policy import policy_page
from .regulations import (
    regulation_action,
    regulation_detail,
    regulation_form,
    regulation_list,
    version_add,
    version_download,
)
from .waivers import problem_rules, waiver_action

__all__ = [
    "check_record",
    "loophole_list",
    "policy_page",
    "problem_rules",
    "regulation_action",
    "regulation_detail",
    "regulation_form",
    "regulation_list",
    "version_add",
    "version_download",
    "waiver_action",
]
