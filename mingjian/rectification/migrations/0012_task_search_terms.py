"""The task list's keyword search through an index (mingjian.lib.search): each task carries its
problem's title and its terms (characters and character pairs of the measure and the title),
then the index over them — GIN on PostgreSQL, an FTS5 table kept by triggers on SQLite. The
terms are computed in Python, a batch of ids at a time, so memory stays flat at 1M tasks."""

from django.db import migrations, models

from mingjian.lib.search import Index, document_terms, drop_index, ensure_index

TASKS = Index("rectification_task")
BATCH = 5000


def fill_terms(apps, schema_editor):
    Task = apps.get_model("rectification", "Task")
    last = 0
    while True:
        rows = list(
            Task.objects.filter(pk__gt=last).order_by("pk").values_list("pk", "measure", "problem__title")[:BATCH]
        )
        if not rows:
            break
        with schema_editor.connection.cursor() as cursor:
            cursor.executemany(
                "UPDATE rectification_task SET problem_title = %s, search_terms = %s WHERE id = %s",
                [(title, document_terms(measure, title), pk) for pk, measure, title in rows],
            )
        last = rows[-1][0]


def refresh_statistics(apps, schema_editor):
    """SQLite rebuilt the table to add the column, and the planner's statistics went with the
    old one: without them a province's keyword search sorted 300,000 rows instead of walking
    its index (5 s, not 0.1 s). Gathered again where the database had them."""
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'")
            if cursor.fetchone() is None:
                return
        cursor.execute("ANALYZE rectification_task")


def create_index(apps, schema_editor):
    ensure_index(schema_editor.connection, TASKS)


def remove_index(apps, schema_editor):
    drop_index(schema_editor.connection, TASKS)


class Migration(migrations.Migration):
    dependencies = [
        ("rectification", "0011_task_source_campaign"),
    ]

    operations = [
        migrations.AddField(
            model_name="task",
            name="problem_title",
            field=models.CharField(blank=True, default="", editable=False, max_length=300, verbose_name="问题"),
        ),
        migrations.AddField(
            model_name="task",
            name="search_terms",
            field=models.TextField(blank=True, default="", editable=False, verbose_name="检索词"),
        ),
        migrations.RunPython(fill_terms, migrations.RunPython.noop, elidable=False),
        migrations.RunPython(create_index, remove_index, elidable=False),
        migrations.RunPython(refresh_statistics, migrations.RunPython.noop, elidable=False),
    ]
