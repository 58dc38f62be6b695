"""岗位标签: the customary post categories a 警示教育 audience is drawn by, loaded by a data
migration (reference data, like the problem types). Each: (name, description)."""

from __future__ import annotations

POST_TAGS: tuple[tuple[str, str], ...] = (
    ("关键少数", "单位主要负责人和领导班子成员"),
    ("新提拔", "近一年新提拔或进一步使用的干部"),
    ("重点岗位", "掌握人财物、审批、执法等权力的关键岗位"),
    ("财务", "财务、会计、出纳等资金管理岗位"),
    ("审批", "行政审批、资格审核、资金审核岗位"),
    ("救助", "低保、特困供养、临时救助等社会救助经办岗位"),
    ("采购", "政府采购、工程项目管理岗位"),
    ("执法", "行政执法、监督检查岗位"),
    ("新入职", "新录用、新调入人员"),
)
