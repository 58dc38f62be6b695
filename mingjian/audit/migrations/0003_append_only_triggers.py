from typing import Any

from django.db import migrations


def install(apps: Any, schema_editor: Any) -> None:
    from mingjian.audit import triggers

    triggers.install(schema_editor.connection)


def uninstall(apps: Any, schema_editor: Any) -> None:
    from mingjian.audit import triggers

    triggers.uninstall(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_initial")]

    operations = [migrations.RunPython(install, uninstall, elidable=False)]
