from django.apps import AppConfig

ACTION_LABELS = {
    "selfcheck.push.created": "推送类案自查",
    "selfcheck.checklist.saved": "填写类案自查表",
    "selfcheck.checklist.submitted": "报送类案自查表",
    "selfcheck.checklist.returned": "退回类案自查表",
    "selfcheck.checklist.accepted": "审核通过类案自查表（存在的问题转为整改任务）",
}


class SelfcheckConfig(AppConfig):
    name = "mingjian.selfcheck"
    label = "selfcheck"
    verbose_name = "类案自查"

    def ready(self) -> None:
        from mingjian.audit.labels import register
        from mingjian.cases import panels
        from mingjian.lib import demo
        from mingjian.lib import todos as todo_registry
        from mingjian.org import nav, permissions
        from mingjian.selfcheck import demo as selfcheck_demo
        from mingjian.selfcheck import todos
        from mingjian.selfcheck.panel import field_panel

        register(ACTION_LABELS)
        todo_registry.register(todos.sections)
        panels.register(field_panel)
        demo.register(45, "类案自查", selfcheck_demo.seed)
        nav.register(
            nav.NavEntry(
                "类案自查",
                "selfcheck:checklist-list",
                "bi-ui-checks",
                permissions.has_business_scope,
                "以案促改",
                28,
            )
        )
