from django.apps import AppConfig

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


class EducationConfig(AppConfig):
    name = "mingjian.education"
    label = "education"
    verbose_name = "警示教育"

    def ready(self) -> None:
        from mingjian.audit.labels import register
        from mingjian.cases import panels
        from mingjian.education import demo as education_demo
        from mingjian.education import permissions as perms
        from mingjian.education import todos
        from mingjian.education.panel import education_panel
        from mingjian.lib import demo
        from mingjian.lib import todos as todo_registry
        from mingjian.org import nav, permissions

        register(ACTION_LABELS)
        todo_registry.register(todos.sections)
        panels.register(education_panel)
        demo.register(40, "警示教育", education_demo.seed)

        for label, name, icon, allowed, order in (
            ("警示教育", "education:event-list", "bi-megaphone", permissions.has_business_scope, 25),
            ("教育覆盖", "education:coverage", "bi-people", permissions.has_business_scope, 26),
            ("岗位标签", "education:tags", "bi-tags", perms.may_keep_tags, 27),
        ):
            nav.register(nav.NavEntry(label, name, icon, allowed, "以案促改", order))
