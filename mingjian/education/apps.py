from collections.abc import Callable
from functools import partial
from typing import Any

from django.apps import AppConfig
from django.db import connections
from django.db.models.signals import post_migrate

ACTION_LABELS = {
    "education.event.created": "新建警示教育活动",
    "education.event.updated": "修改警示教育活动",
    "education.event.held": "记录警示教育活动已开展",
    "education.event.host_corrected": "更正警示教育活动主持人",
    "education.event.cancelled": "取消警示教育活动",
    "education.event.submitted": "提交警示教育开展情况总结",
    "education.event.confirmed": "确认警示教育开展情况总结",
    "education.event.returned": "退回警示教育开展情况总结",
    "education.material.added": "上传警示教育材料",
    "education.material.downloaded": "下载警示教育材料",
    "education.attendance.recorded": "登记警示教育出勤",
    "education.signin.imported": "导入警示教育签到表",
    "education.makeup.recorded": "登记警示教育补学",
    "education.reflections.requested": "指定撰写心得体会人员",
    "education.reflection.recorded": "登记心得体会",
    "education.tags.updated": "修改干部岗位标签",
    "education.tags.imported": "导入干部岗位标签",
}


def _repair_headcount(
    sender: AppConfig, repair: Callable[[Any], bool], using: str = "default", **kwargs: Any
) -> None:
    """A later migration that rebuilds the person table on SQLite drops the headcount triggers."""
    connection = connections[using]
    if sender.get_model("Headcount")._meta.db_table in connection.introspection.table_names():
        repair(connection)


class EducationConfig(AppConfig):
    name = "mingjian.education"
    label = "education"
    verbose_name = "警示教育"

    def ready(self) -> None:
        from mingjian.audit.labels import register
        from mingjian.cases import panels
        from mingjian.education import demo as education_demo
        from mingjian.education import headcount, todos
        from mingjian.education import permissions as perms
        from mingjian.education.panel import education_panel
        from mingjian.lib import demo
        from mingjian.lib import todos as todo_registry
        from mingjian.org import nav, permissions

        register(ACTION_LABELS)
        post_migrate.connect(
            partial(_repair_headcount, repair=headcount.ensure_triggers), sender=self, weak=False
        )
        todo_registry.register(todos.sections)
        panels.register(education_panel)
        demo.register(40, "警示教育", education_demo.seed)

        for label, name, icon, allowed, order in (
            ("警示教育", "education:event-list", "bi-megaphone", permissions.has_business_scope, 25),
            ("教育覆盖", "education:coverage", "bi-people", permissions.has_business_scope, 26),
            ("岗位标签", "education:tags", "bi-tags", perms.may_keep_tags, 27),
        ):
            nav.register(nav.NavEntry(label, name, icon, allowed, "以案促改", order))
