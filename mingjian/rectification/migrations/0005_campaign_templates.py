from typing import Any

from django.db import migrations


def load(apps: Any, schema_editor: Any) -> None:
    from mingjian.rectification.campaign_templates import load_builtins
    from mingjian.rectification.vocabulary import PROBLEM_TYPES

    ProblemType = apps.get_model("rectification", "ProblemType")
    for order, (category, name, field, keywords) in enumerate(PROBLEM_TYPES):
        ProblemType.objects.get_or_create(
            name=name, defaults={"category": category, "field": field, "keywords": keywords, "sort_order": order}
        )
    load_builtins(apps.get_model("rectification", "CampaignTemplate"), apps.get_model("rectification", "TemplatePhase"))
    # Campaigns made before phases existed were already in use: they are under way, not drafts.
    Campaign = apps.get_model("rectification", "Campaign")
    Campaign.objects.filter(launched_at__isnull=True, status="draft").update(status="launched")


class Migration(migrations.Migration):
    dependencies = [("rectification", "0004_campaign_phases")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
