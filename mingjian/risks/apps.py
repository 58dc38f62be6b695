from django.apps import AppConfig

ACTION_LABELS = {
    "risks.risk.created": "登记廉政风险点",
    "risks.risk.updated": "修改廉政风险点",
    "risks.risk.confirmed": "确认推送的廉政风险点",
    "risks.risk.declined": "说明推送的廉政风险点不适用",
    "risks.risk.retired": "撤销廉政风险点",
    "risks.risk.pushed": "向同领域单位推送廉政风险点",
    "risks.failure.flagged": "标记防控失效",
    "risks.failure.resolved": "完善失效的防控措施",
    "risks.register.exported": "导出廉政风险防控台账",
    "risks.register.imported": "导入廉政风险防控台账",
    "risks.screening.launched": "部署年度廉政风险排查",
    "risks.screening.reviewed": "登记风险点排查复核",
}


class RisksConfig(AppConfig):
    name = "mingjian.risks"
    label = "risks"
    verbose_name = "廉政风险防控"

    def ready(self) -> None:
        from mingjian.audit.labels import register
        from mingjian.cases import panels
        from mingjian.cases.services.analysis import register_approval_hook
        from mingjian.lib import demo
        from mingjian.lib import todos as todo_registry
        from mingjian.org import nav, permissions
        from mingjian.rectification.services.tasks import register_accept_gate
        from mingjian.risks import demo as risks_demo
        from mingjian.risks import todos
        from mingjian.risks.panel import risks_panel
        from mingjian.risks.services import flag_on_approval, screening_gate

        register(ACTION_LABELS)
        register_accept_gate(screening_gate)
        register_approval_hook(flag_on_approval)
        todo_registry.register(todos.sections)
        panels.register(risks_panel)
        demo.register(36, "廉政风险防控", risks_demo.seed)
        nav.register(
            nav.NavEntry(
                "廉政风险防控",
                "risks:risk-list",
                "bi-shield-exclamation",
                permissions.has_business_scope,
                "以案促改",
                31,
            )
        )
