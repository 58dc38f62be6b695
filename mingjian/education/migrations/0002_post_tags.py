from typing import Any

from django.db import migrations


def load(apps: Any, schema_editor: Any) -> None:
    from mingjian.education.vocabulary import POST_TAGS

    PostTag = apps.get_model("education", "PostTag")
    for order, (name, description) in enumerate(POST_TAGS):
        PostTag.objects.update_or_create(name=name, defaults={"description": description, "sort_order": order})


class Migration(migrations.Migration):
    dependencies = [("education", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
