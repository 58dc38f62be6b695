"""The words of 两个责任: the four responsibilities, the recorded acts that fill a 责任清单, and the
standard items a 纪委 starts its templates from (it edits them freely afterwards).

Stored values are English snake_case; the labels are what the pages and reports print.
"""

from __future__ import annotations

from django.db import models

from mingjian.org.models import Unit


class Kind(models.TextChoices):
    """Who carries which responsibility (两个责任: 主体责任 and 监督责任)."""

    MAIN = "main", "主体责任"  # the unit's 党委（党组）
    FIRST = "first", "第一责任人"  # its 书记 (or, without one, its 主要负责人)
    DUAL = "dual", "一岗双责"  # every other 班子成员, for the departments they oversee (分管)
    SUPERVISION = "supervision", "监督责任"  # the 纪委监委 / 派驻纪检组


LIST_NAMES = {
    Kind.MAIN: "主体责任清单",
    Kind.FIRST: "第一责任人清单",
    Kind.DUAL: "一岗双责清单",
    Kind.SUPERVISION: "监督责任清单",
}
PERSON_KINDS = frozenset({Kind.FIRST, Kind.DUAL})

# What the 党组织 of each kind of unit is called: 市民政局党组, 青石镇党委, 青石村党支部.
PARTY_BODIES: dict[str, str] = {
    Unit.Kind.PARTY_GOVT: "党组",
    Unit.Kind.COMMISSION: "常委会",
    Unit.Kind.VILLAGE: "党支部",
}
DEFAULT_PARTY_BODY = "党委"


def party_body(unit: Unit) -> str:
    """市民政局 → 市民政局党组: the holder of the unit's 主体责任."""
    return f"{unit.name}{PARTY_BODIES.get(unit.kind, DEFAULT_PARTY_BODY)}"


class Source(models.TextChoices):
    """A kind of act the system already records, so a 清单 item can fill itself (履责记实)."""

    MEETING = "meeting", "党委（党组）会研究纪检监察建议书"
    REPLY = "reply", "报送纪检监察建议书回复"
    PLAN_SUBMIT = "plan_submit", "报送整改方案"
    REPORT_SUBMIT = "report_submit", "报送整改报告"
    TASK_SIGN = "task_sign", "签认整改任务"
    TASK_DONE = "task_done", "整改任务销号"
    EDUCATION_HELD = "education_held", "组织开展警示教育"
    EDUCATION_HOST = "education_host", "主持警示教育"
    EDUCATION_ATTEND = "education_attend", "参加警示教育"
    EDUCATION_CONFIRM = "education_confirm", "确认警示教育总结"
    TALK = "talk", "谈话提醒、约谈、函询"
    RECOMMENDATION = "recommendation", "提出纪检监察建议"
    APPROVAL_SIGN = "approval_sign", "签批纪检监察建议书"
    PLAN_APPROVE = "plan_approve", "审核整改方案"
    TASK_ACCEPT = "task_accept", "验收销号"
    ACCOUNTABILITY = "accountability", "问责"


S = Source
# The acts each kind of 清单 is filled from: a 党组's own records, a person's own acts, a 纪检
# body's supervision. An item naming a source outside its list's set simply finds nothing.
SOURCES_BY_KIND: dict[str, tuple[str, ...]] = {
    Kind.MAIN: (
        S.MEETING,
        S.REPLY,
        S.PLAN_SUBMIT,
        S.REPORT_SUBMIT,
        S.TASK_DONE,
        S.EDUCATION_HELD,
        S.TALK,
    ),
    Kind.FIRST: (
        S.MEETING,
        S.REPLY,
        S.PLAN_SUBMIT,
        S.REPORT_SUBMIT,
        S.TASK_SIGN,
        S.EDUCATION_HOST,
        S.EDUCATION_ATTEND,
        S.EDUCATION_CONFIRM,
        S.TALK,
        S.APPROVAL_SIGN,
        S.PLAN_APPROVE,
        S.TASK_ACCEPT,
        S.ACCOUNTABILITY,
    ),
    Kind.SUPERVISION: (S.RECOMMENDATION, S.PLAN_APPROVE, S.TASK_ACCEPT, S.TALK, S.ACCOUNTABILITY),
}
# A 班子成员 answers for the same kinds of act as the 书记, except chairing the 党组会.
SOURCES_BY_KIND[Kind.DUAL] = tuple(s for s in SOURCES_BY_KIND[Kind.FIRST] if s != S.MEETING)

# Standard items per 清单: (section, text, source or ""). A 纪委 creating a template starts
# from these and edits them; an item without a source is checked by hand.
DEFAULT_ITEMS: dict[str, tuple[tuple[str, str, str], ...]] = {
    Kind.MAIN: (
        ("研究部署", "每半年至少专题研究一次全面从严治党和党风廉政建设工作", ""),
        ("以案促改", "收到纪检监察建议书后召开党委（党组）会专题研究，明确整改任务书和时间表", S.MEETING),
        ("以案促改", "按期书面回复纪检监察建议书", S.REPLY),
        ("以案促改", "制定并报送整改方案，逐项明确责任领导、责任人和完成时限", S.PLAN_SUBMIT),
        ("以案促改", "推动整改任务按期完成、逐项销号", S.TASK_DONE),
        ("以案促改", "按时报送整改情况报告", S.REPORT_SUBMIT),
        ("警示教育", "用身边案教育身边人，组织开展警示教育", S.EDUCATION_HELD),
        ("日常管理", "对苗头性、倾向性问题及时开展谈话提醒", S.TALK),
        ("制度建设", "针对案件暴露的制度漏洞完善制度、堵塞漏洞", ""),
        ("支持监督", "支持纪检监察机构履行监督责任，定期听取工作汇报", ""),
    ),
    Kind.FIRST: (
        ("带头履责", "主持召开党委（党组）会研究纪检监察建议书和以案促改工作", S.MEETING),
        ("带头履责", "审定并报送纪检监察建议书回复", S.REPLY),
        ("带头履责", "审定并报送整改方案", S.PLAN_SUBMIT),
        ("带头履责", "审定并报送整改情况报告", S.REPORT_SUBMIT),
        ("督促检查", "督促本人负责的整改事项落实，用本人账号签认整改进展", S.TASK_SIGN),
        ("督促检查", "对班子成员和下级主要负责人开展谈话提醒、约谈", S.TALK),
        ("带头示范", "主持召开警示教育会议，用身边案教育身边人", S.EDUCATION_HOST),
        ("带头示范", "带头参加警示教育", S.EDUCATION_ATTEND),
        ("带头示范", "带头遵守廉洁自律规定，年度述责述廉", ""),
    ),
    Kind.DUAL: (
        ("分管领域", "对分管领域廉政风险开展排查，落实防控措施", ""),
        ("分管领域", "督促分管部门落实整改任务，用本人账号签认整改进展", S.TASK_SIGN),
        ("分管领域", "对分管部门干部开展谈话提醒", S.TALK),
        ("分管领域", "确认分管部门警示教育开展情况总结", S.EDUCATION_CONFIRM),
        ("分管领域", "主持开展警示教育", S.EDUCATION_HOST),
        ("自身建设", "参加警示教育", S.EDUCATION_ATTEND),
        ("自身建设", "每年向党委（党组）报告分管领域党风廉政建设情况", ""),
    ),
    Kind.SUPERVISION: (
        ("日常监督", "对监督单位开展日常监督，针对案件暴露的问题提出纪检监察建议", S.RECOMMENDATION),
        ("跟踪督办", "审核被监督单位报送的整改方案", S.PLAN_APPROVE),
        ("跟踪督办", "逐项验收整改任务，严把销号关", S.TASK_ACCEPT),
        ("执纪问责", "对履责不力、整改滞后的开展谈话提醒、约谈、函询", S.TALK),
        ("执纪问责", "对失职失责的依规依纪提出问责", S.ACCOUNTABILITY),
        ("协助职责", "协助党委（党组）开展警示教育，推动完善制度", ""),
    ),
}
