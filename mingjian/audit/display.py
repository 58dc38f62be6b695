"""The audit trail as the 审计管理员 reads it: who did what, to which kind of object and which
id, in which unit, when and from where — never the business content itself (三员分立).

Events of the administrators' own domain (sign-in, accounts, roles, units, the work calendar)
are shown whole. For every other event the object's description and every free-text value of
its data (case titles, names, measures, reasons, comments) are replaced by a placeholder; codes,
numbers, dates and ids stay, so the auditor can still tell what happened and to what. The 纪委
opens the object itself, through its own page, if it may see it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django.apps import apps

from mingjian.audit.models import AuditEvent

HIDDEN = "（业务内容不显示）"
# Action prefixes whose objects and data are administration, not business content.
ADMIN_ACTIONS = ("auth.", "org.", "workdays.", "demo.", "audit.")
# Objects whose description the auditor may read: units and accounts, which 三员 administer.
ADMIN_TARGETS = frozenset({"org.unit", "org.user"})
# A value that is a code, not prose: status codes, ids, ISO dates and times, usernames, IPs.
_CODE = re.compile(r"^[A-Za-z0-9_.:@/+\-]{0,64}$")


@dataclass(frozen=True)
class EventRow:
    event: AuditEvent
    kind: str
    target: str
    data: Any


def kind_label(target_type: str) -> str:
    """ "cases.case" → 典型案例 (the model's Chinese name), or the code for a model now gone."""
    if not target_type:
        return ""
    try:
        model = apps.get_model(target_type)
    except (LookupError, ValueError):
        return target_type
    return str(model._meta.verbose_name)


def mask_value(value: Any) -> Any:
    """Codes, numbers and booleans as they are; any free text replaced, at any depth."""
    if isinstance(value, dict):
        return {k: mask_value(v) for k, v in value.items()}
    if isinstance(value, list):
        return [mask_value(v) for v in value]
    if value is None or isinstance(value, bool | int | float):
        return value
    return value if _CODE.match(str(value)) else HIDDEN


def row_for(event: AuditEvent) -> EventRow:
    admin = event.action.startswith(ADMIN_ACTIONS)
    shown_target = event.target_repr if admin and event.target_type in ADMIN_TARGETS else ""
    if event.target_repr and not shown_target:
        shown_target = HIDDEN
    return EventRow(
        event=event,
        kind=kind_label(event.target_type),
        target=shown_target,
        data=event.data if admin else mask_value(event.data),
    )
