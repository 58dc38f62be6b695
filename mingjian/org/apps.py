from django.apps import AppConfig


class OrgConfig(AppConfig):
    name = "mingjian.org"
    label = "org"
    verbose_name = "组织与人员"

    def ready(self) -> None:
        from mingjian.lib import demo
        from mingjian.org import demo as org_demo

        demo.register(10, "组织与人员", org_demo.seed)
