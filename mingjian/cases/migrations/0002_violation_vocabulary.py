from typing import Any

from django.db import migrations


def load(apps: Any, schema_editor: Any) -> None:
    from mingjian.cases.vocabulary import VIOLATION_TYPES

    ViolationType = apps.get_model("cases", "ViolationType")
    for order, (discipline, name, keywords, eight_point) in enumerate(VIOLATION_TYPES):
        ViolationType.objects.update_or_create(
            name=name,
            defaults={"discipline": discipline, "keywords": keywords, "eight_point": eight_point,
                      "sort_order": order},
        )


class Migration(migrations.Migration):
    dependencies = [("cases", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
