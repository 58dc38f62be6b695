"""The built-in 专项行动 / 专项治理 templates (reference data the product ships, loaded by a data
migration): each phase as (name, first day, last day, 工作要求). A 纪委 copies one to make its own;
a campaign copies a template's phases as dates and may change every one of them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class BuiltinTemplate:
    name: str
    kind: str  # Campaign.Kind
    field: str
    days: int
    description: str
    phases: tuple[tuple[str, int, int, str], ...]


WARNING_WEEK = BuiltinTemplate(
    "警示教育专项行动（7日）",
    "action",
    "",
    7,
    "以身边典型案例为镜鉴，集中一周开展警示教育，做到警示一批、教育一片。",
    (
        ("动员部署", 1, 1, "召开警示教育专项行动动员部署会，印发实施方案，明确责任领导、责任人和时间安排。"),
        (
            "学习教育",
            2,
            3,
            "组织学习典型案例通报和相关党纪法规，召开警示教育大会或观看警示教育片，逐人签到、应学尽学。",
        ),
        (
            "查摆剖析",
            4,
            5,
            "对照典型案例开展以案说纪、以案明责，逐岗位查摆廉政风险点和制度漏洞，形成问题清单。",
        ),
        ("整改落实", 6, 6, "对查摆出的问题明确整改措施、责任人和完成时限，能立即整改的立行立改。"),
        ("总结评估", 7, 7, "总结专项行动开展情况和成效，提出下一步工作安排。"),
    ),
)

CASE_REFORM_QUARTER = BuiltinTemplate(
    "以案促改专项行动（3个月）",
    "action",
    "",
    90,
    "围绕典型案件开展以案促改专项行动，查处一案、警示一片、治理一域。",
    (
        (
            "动员部署",
            1,
            10,
            "召开以案促改专项行动动员部署会，制定实施方案，成立工作专班，明确任务书、时间表和责任人。",
        ),
        (
            "学习教育",
            11,
            30,
            "通报典型案例，召开警示教育大会，组织观看警示教育片、旁听庭审或参观警示教育基地，分层分类开展警示教育。",
        ),
        (
            "查摆剖析",
            31,
            50,
            "召开以案促改专题民主生活会（组织生活会），对照案例剖析思想根源、制度漏洞和监督缺位，逐岗位排查廉政风险点。",
        ),
        ("整改落实", 51, 75, "对查摆出的问题建立问题、任务、责任清单，逐项整改、逐项销号。"),
        ("建章立制", 76, 85, "针对暴露出的制度漏洞，制定或修订完善相关制度，堵塞漏洞、扎紧笼子。"),
        ("总结评估", 86, 90, "全面总结专项行动成效，开展评估，报送总结报告。"),
    ),
)

GIFTS = BuiltinTemplate(
    "违规收送礼品礼金问题专项治理",
    "governance",
    "",
    60,
    "聚焦违规收送礼品礼金、消费卡、电子红包等问题，开展自查自纠和监督检查。",
    (
        ("动员部署", 1, 5, "印发专项治理工作方案，开展节前廉政提醒，公布监督举报方式。"),
        (
            "自查自纠",
            6,
            25,
            "党员干部对照违规收送礼品礼金、消费卡、电子红包等问题逐人自查，主动说明情况、清退上交。",
        ),
        ("督查检查", 26, 40, "开展明察暗访和重点抽查，核实自查情况，发现问题线索及时移交。"),
        ("整改落实", 41, 50, "对发现的问题立行立改、严肃处理，建立礼品礼金登记上交台账。"),
        ("建章立制", 51, 55, "完善礼品礼金登记上交和节日期间监督检查等制度。"),
        ("总结评估", 56, 60, "总结专项治理成效，报送总结报告。"),
    ),
)

RURAL_ASSISTANCE = BuiltinTemplate(
    "农村低保专项治理（低保、临时救助、特困供养）",
    "governance",
    "civil_affairs",
    120,
    "清理纠正农村低保政策、临时救助政策、特困人员供养服务、因疫返贫人口兜底保障政策落实不到位等问题。",
    (
        (
            "动员部署",
            1,
            10,
            "印发专项治理实施方案，明确农村低保、临时救助、特困人员供养、因疫返贫人口兜底保障四个方面的治理重点。",
        ),
        (
            "自查自纠",
            11,
            40,
            "对在册低保对象、临时救助对象和特困供养人员逐户排查，与财政供养人员、工商登记、车辆、房产、死亡人口等数据比对。",
        ),
        ("重点抽查", 41, 60, "开展入户核查和重点抽查，核查“人情保”“关系保”、错保漏保和资金发放问题。"),
        (
            "整改落实",
            61,
            95,
            "对不符合条件的对象依规清退，对符合条件的及时纳入，追回违规资金，问题逐项销号。",
        ),
        ("建章立制", 96, 110, "完善低保审核确认、动态管理、资金社会化发放等制度。"),
        ("总结评估", 111, 120, "总结专项治理成效，报送总结报告。"),
    ),
)

BUILTIN_TEMPLATES: tuple[BuiltinTemplate, ...] = (WARNING_WEEK, CASE_REFORM_QUARTER, GIFTS, RURAL_ASSISTANCE)


def load_builtins(template_model: Any, phase_model: Any) -> int:
    """Create the built-in templates that are missing (the data migration's step, also used by
    tests whose database was flushed). Returns how many were created."""
    created = 0
    for spec in BUILTIN_TEMPLATES:
        template, made = template_model.objects.get_or_create(
            name=spec.name,
            issuer=None,
            defaults={
                "kind": spec.kind,
                "field": spec.field,
                "days": spec.days,
                "description": spec.description,
            },
        )
        if made:
            created += 1
            for seq, (name, start, end, requirement) in enumerate(spec.phases, 1):
                phase_model.objects.create(
                    template=template,
                    seq=seq,
                    name=name,
                    start_day=start,
                    end_day=end,
                    requirement=requirement,
                )
    return created
