from django.apps import AppConfig

ACTION_LABELS = {
    "workdays.day.set": "设置工作日历",
    "workdays.day.cleared": "删除工作日历例外日",
    "workdays.year.confirmed": "确认年度工作日历",
    "workdays.calendar.loaded": "载入国务院节假日安排（chinese-calendar）",
}


class WorkdaysConfig(AppConfig):
    name = "mingjian.workdays"
    label = "workdays"
    verbose_name = "工作日历"

    def ready(self) -> None:
        from mingjian.audit.labels import register
        from mingjian.org import nav, permissions

        register(ACTION_LABELS)
        nav.register(
            nav.NavEntry(
                "工作日历",
                "workdays:year-list",
                "bi-calendar-week",
                permissions.can_manage_units,
                "系统管理",
                970,
            )
        )
