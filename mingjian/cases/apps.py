from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "mingjian.cases"
    label = "cases"
    verbose_name = "典型案例"

    def ready(self) -> None:
        from mingjian.audit.labels import register
        from mingjian.cases.permissions import can_import_any
        from mingjian.org import nav, permissions

        register({"cases.case.imported": "通报导入典型案例", "cases.case.viewed": "查阅典型案例"})
        nav.register(
            nav.NavEntry(
                "典型案例库",
                "cases:case-list",
                "bi-journal-text",
                lambda u: bool(permissions.scope_paths(u)),
                "以案促改",
                10,
            )
        )
        nav.register(
            nav.NavEntry(
                "通报导入", "cases:case-import", "bi-file-earmark-arrow-up", can_import_any, "以案促改", 11
            )
        )
