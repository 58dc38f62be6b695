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
from django.core.exceptions import FieldDoesNotExist

from mingjian.audit.models import AuditEvent
from mingjian.org.models import Role

HIDDEN = "（业务内容不显示）"
# Action prefixes whose objects and data are administration, not business content.
ADMIN_ACTIONS = ("auth.", "org.", "workdays.", "demo.", "audit.")
# Objects whose description the auditor may read: units and accounts, which 三员 administer.
ADMIN_TARGETS = frozenset({"org.unit", "org.user"})
# A value that is a code, not prose: status codes, ids, ISO dates and times, usernames, IPs.
_CODE = re.compile(r"^[A-Za-z0-9_.:@/+\-]{0,64}$")


# What the data keys mean, in the words the pages use; a key not listed shows as stored.
KEY_LABELS = {
    "comment": "意见",
    "from_status": "原状态",
    "to_status": "新状态",
    "status": "状态",
    "source": "来源",
    "task": "任务编号",
    "tasks": "任务编号",
    "round": "轮次",
    "due_date": "完成时限",
    "kind": "类型",
    "sha256": "SHA-256",
    "version": "版本",
    "chars": "字数",
    "verification": "核查方式",
    "template": "模板",
    "year": "年度",
    "plan": "方案编号",
    "case": "案例编号",
    "level": "等级",
    "number": "文号",
    "units": "单位编号",
    "cohort": "对象人数",
    "host": "主持人编号",
    "previous": "原值",
    "reason": "理由",
    "rating": "评估等次",
    "publicity": "公开范围",
    "count": "数量",
    "rows": "行数",
    "changes": "修改",
    "name": "名称",
    "role": "角色",
    "unit": "单位编号",
}


@dataclass(frozen=True)
class EventRow:
    event: AuditEvent
    kind: str
    target: str
    data: Any

    @property
    def data_text(self) -> str:
        """The data as 原状态：草稿；新状态：整改中 …, codes given their Chinese labels where the
        record's model names them."""
        if not isinstance(self.data, dict):
            return "" if self.data in (None, "", {}) else str(self.data)
        model = _model(self.event.target_type)
        # In KEY_LABELS' order, the rest by name: PostgreSQL's jsonb does not keep the written order.
        order = {k: i for i, k in enumerate(KEY_LABELS)}
        keys = sorted(self.data, key=lambda k: (order.get(k, len(order)), k))
        return "；".join(f"{KEY_LABELS.get(k, k)}：{_value(model, k, self.data[k])}" for k in keys)


ROLE_LABELS = {str(k): str(v) for k, v in Role.choices}


def _model(target_type: str) -> Any:
    try:
        return apps.get_model(target_type) if target_type else None
    except (LookupError, ValueError):
        return None


def _value(model: Any, key: str, value: Any) -> str:
    if isinstance(value, list):
        return "、".join(_value(model, key, v) for v in value) or "无"
    if isinstance(value, dict):
        return "，".join(f"{KEY_LABELS.get(k, k)} {_value(model, k, v)}" for k, v in value.items())
    if isinstance(value, bool):
        return "是" if value else "否"
    if value is None or value == "":
        return "无"
    field_name = "status" if key in ("from_status", "to_status") else key
    choices = ROLE_LABELS if key == "role" else _choices(model, field_name)
    return str(choices.get(str(value), value))


def _choices(model: Any, name: str) -> dict[str, str]:
    if model is None:
        return {}
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:  # a key that is not a field (round, chars …) has no labels
        return {}
    return {str(k): str(v) for k, v in (getattr(field, "choices", None) or ())}


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
