from typing import Any

from django.apps import AppConfig

ACTION_LABELS = {
    "duties.template.created": "新建责任清单模板",
    "duties.template.item_added": "增加清单模板事项",
    "duties.template.item_updated": "修改清单模板事项",
    "duties.template.item_removed": "删除清单模板事项",
    "duties.list.generated": "生成年度责任清单",
    "duties.list.submitted": "报送履责情况",
    "duties.list.reviewed": "审核履责情况",
    "duties.list.returned": "退回履责情况",
    "duties.item.checked": "勾选清单事项已履行",
    "duties.item.unchecked": "取消清单事项勾选",
    "duties.entry.added": "登记履责记实",
    "duties.entry.downloaded": "下载履责佐证材料",
    "duties.report.exported": "下载履责情况报告",
    "duties.talk.created": "登记谈话函询",
    "duties.talk.updated": "修改谈话函询",
    "duties.talk.submitted": "报批谈话函询",
    "duties.talk.approved": "批准谈话函询",
    "duties.talk.returned": "退回谈话函询",
    "duties.talk.completed": "登记谈话情况",
    "duties.talk.cancelled": "取消谈话函询",
    "duties.accountability.created": "起草问责记录",
    "duties.accountability.updated": "修改问责记录",
    "duties.accountability.submitted": "提交问责决定",
    "duties.accountability.decided": "登记问责决定",
    "duties.accountability.returned": "退回问责记录",
}


class DutiesConfig(AppConfig):
    name = "mingjian.duties"
    label = "duties"
    verbose_name = "两个责任"

    def ready(self) -> None:
        from mingjian.audit.labels import register
        from mingjian.cases import panels
        from mingjian.duties import demo as duties_demo
        from mingjian.duties import todos
        from mingjian.duties.panel import case_panel, recommendation_panel
        from mingjian.lib import demo
        from mingjian.lib import todos as todo_registry
        from mingjian.org import nav, permissions
        from mingjian.org.models import Role, has_role

        register(ACTION_LABELS)
        todo_registry.register(todos.sections)
        panels.register(case_panel)
        panels.register(recommendation_panel, page="recommendation")
        demo.register(50, "两个责任", duties_demo.seed)

        def keeps_templates(user: Any) -> bool:
            return has_role(user, Role.COMMISSION)

        def has_roster_entry(user: Any) -> bool:
            return getattr(user, "person_id", None) is not None and permissions.has_business_scope(user)

        for label, name, icon, allowed, order in (
            ("责任体系", "duties:index", "bi-diagram-2", permissions.has_business_scope, 10),
            ("我的履责", "duties:mine", "bi-person-check", has_roster_entry, 11),
            ("责任清单", "duties:list-index", "bi-list-check", permissions.has_business_scope, 12),
            ("谈话函询", "duties:talk-list", "bi-chat-square-text", permissions.has_business_scope, 13),
            (
                "问责记录",
                "duties:accountability-list",
                "bi-exclamation-octagon",
                permissions.has_business_scope,
                14,
            ),
            ("清单模板", "duties:template-list", "bi-journal-text", keeps_templates, 15),
        ):
            nav.register(nav.NavEntry(label, name, icon, allowed, "两个责任", 300 + order))
