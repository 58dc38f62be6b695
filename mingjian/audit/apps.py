from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "mingjian.audit"
    label = "audit"
    verbose_name = "审计日志"

    def ready(self) -> None:
        from mingjian.audit import (
            jobs,  # noqa: F401  (the daily anchor; huey autodiscovers only modules named "tasks")
            signals,  # noqa: F401  (login/logout/failed-login events)
        )
