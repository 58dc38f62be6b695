"""The problem's source and campaign on its tasks, so the task list's source and campaign filters
read the task's own indexes. Filled from the problems in one statement per column (a correlated
subquery that SQLite and PostgreSQL both run)."""

import django.db.models.deletion
from django.db import migrations, models

FILL = """
UPDATE rectification_task SET
    source = (SELECT p.source FROM rectification_problem p WHERE p.id = rectification_task.problem_id),
    campaign_id = (SELECT p.campaign_id FROM rectification_problem p WHERE p.id = rectification_task.problem_id)
"""


class Migration(migrations.Migration):
    dependencies = [
        ("rectification", "0010_problem_loophole_index"),
    ]

    operations = [
        migrations.AddField(
            model_name="task",
            name="source",
            field=models.CharField(
                choices=[
                    ("recommendation", "纪检监察建议"),
                    ("inspection", "巡视巡察反馈"),
                    ("campaign", "专项行动/专项治理"),
                    ("self_inspection", "自查自纠"),
                    ("follow_up", "回头看发现"),
                ],
                default="",
                max_length=20,
                verbose_name="问题来源",
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="task",
            name="campaign",
            field=models.ForeignKey(
                blank=True,
                db_index=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="rectification.campaign",
                verbose_name="专项行动/专项治理",
            ),
        ),
        migrations.RunSQL(FILL, migrations.RunSQL.noop, elidable=False),
        migrations.AddIndex(
            model_name="task",
            index=models.Index(fields=["unit", "source", "due_key", "id"], name="task_unit_source_key"),
        ),
        migrations.AddIndex(
            model_name="task",
            index=models.Index(fields=["source", "due_key", "id", "unit"], name="task_source_key"),
        ),
        migrations.AddIndex(
            model_name="task",
            index=models.Index(fields=["campaign", "due_key", "id", "unit"], name="task_campaign_key"),
        ),
    ]
