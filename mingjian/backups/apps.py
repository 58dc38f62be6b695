from django.apps import AppConfig


class BackupsConfig(AppConfig):
    name = "mingjian.backups"
    label = "backups"
    verbose_name = "备份与恢复"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from mingjian.lib import dbstats

        # Sent per app once every migration has run; this app's signal is enough.
        post_migrate.connect(dbstats.repair_after_migrate, sender=self, dispatch_uid="dbstats")
