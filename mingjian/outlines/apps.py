from django.apps import AppConfig

ACTION_LABELS = {
    "outlines.outline.created": "录入讲话/方案并识别标题",
    "outlines.outline.tasks_created": "讲话/方案部署事项分解为整改任务",
    "outlines.outline.phases_created": "讲话/方案事项作为专项行动阶段",
}


class OutlinesConfig(AppConfig):
    name = "mingjian.outlines"
    label = "outlines"
    verbose_name = "讲话/方案分解"

    def ready(self) -> None:
        from mingjian.audit.labels import register
        from mingjian.lib import demo
        from mingjian.org import nav, permissions
        from mingjian.outlines import demo as outlines_demo

        register(ACTION_LABELS)
        demo.register(40, "讲话/方案分解", outlines_demo.seed)
        nav.register(
            nav.NavEntry(
                "讲话/方案分解",
                "outlines:outline-list",
                "bi-list-nested",
                permissions.has_business_scope,
                "以案促改",
                25,
            )
        )
