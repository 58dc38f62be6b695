from django.apps import AppConfig

ACTION_LABELS = {
    "regulations.regulation.created": "新建制度（起草）",
    "regulations.regulation.registered": "补录现行制度",
    "regulations.regulation.updated": "修改制度",
    "regulations.regulation.linked": "调整制度堵塞的漏洞和问题",
    "regulations.regulation.consulting": "制度征求意见",
    "regulations.regulation.reviewing": "制度提交审议",
    "regulations.regulation.returned": "制度审议未通过退回修改",
    "regulations.regulation.issued": "登记制度印发施行",
    "regulations.regulation.repealed": "废止制度",
    "regulations.version.added": "上传制度文本",
    "regulations.version.downloaded": "下载制度文本",
    "regulations.check.recorded": "记录制度执行检查",
    "regulations.check.reviewed": "记录制度回头看",
    "regulations.check.cancelled": "取消制度检查",
    "regulations.waiver.submitted": "登记无需建章立制说明",
    "regulations.waiver.approved": "同意无需建章立制说明",
    "regulations.waiver.rejected": "不同意无需建章立制说明",
    "regulations.policy.updated": "修改建章立制设置",
}


class RegulationsConfig(AppConfig):
    name = "mingjian.regulations"
    label = "regulations"
    verbose_name = "建章立制"

    def ready(self) -> None:
        from mingjian.audit.labels import register
        from mingjian.cases import panels
        from mingjian.lib import demo
        from mingjian.lib import todos as todo_registry
        from mingjian.org import nav, permissions
        from mingjian.rectification.campaign_report import register_rule_source
        from mingjian.rectification.services.tasks import register_accept_gate
        from mingjian.regulations import demo as regulations_demo
        from mingjian.regulations import todos
        from mingjian.regulations.gate import missing_regulation
        from mingjian.regulations.panel import regulations_panel
        from mingjian.regulations.queries import campaign_rules

        register(ACTION_LABELS)
        register_accept_gate(missing_regulation)
        register_rule_source(campaign_rules)
        todo_registry.register(todos.sections)
        panels.register(regulations_panel)
        # Before the 整改 demo closes its tasks (its loophole task needs the rule in force), and
        # after it for the execution checks that raise problems through the engine.
        demo.register(25, "建章立制", regulations_demo.seed_rules)
        demo.register(35, "制度执行检查", regulations_demo.seed_checks)
        nav.register(
            nav.NavEntry(
                "建章立制",
                "regulations:regulation-list",
                "bi-journal-text",
                permissions.has_business_scope,
                "以案促改",
                30,
            )
        )
        nav.register(
            nav.NavEntry(
                "建章立制设置", "regulations:policy", "bi-sliders2", permissions.is_supervisor, "以案促改", 32
            )
        )
