from typing import Any

from django.db import migrations


def load(apps: Any, schema_editor: Any) -> None:
    from mingjian.rectification.vocabulary import PROBLEM_TYPES

    ProblemType = apps.get_model("rectification", "ProblemType")
    for order, (category, name, field, keywords) in enumerate(PROBLEM_TYPES):
        ProblemType.objects.update_or_create(
            name=name, defaults={"category": category, "field": field, "keywords": keywords, "sort_order": order}
        )


class Migration(migrations.Migration):
    dependencies = [("rectification", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
