"""Active cadres per unit and 职级, kept by triggers on the person table (the coverage page's
cohort sizes); counted once here from the people already recorded."""

import django.db.models.deletion
from django.db import migrations, models

from mingjian.education.headcount import drop_triggers, ensure_triggers


def install(apps, schema_editor):
    ensure_triggers(schema_editor.connection)


def uninstall(apps, schema_editor):
    drop_triggers(schema_editor.connection)


class Migration(migrations.Migration):

    dependencies = [
        ('education', '0003_event_host'),
        ('org', '0005_person_name_index'),
    ]

    operations = [
        migrations.CreateModel(
            name='Headcount',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('level', models.CharField(max_length=20, verbose_name='职级')),
                ('n', models.IntegerField(default=0, verbose_name='在职干部数')),
                ('unit', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='org.unit')),
            ],
            options={
                'verbose_name': '在职干部数',
                'verbose_name_plural': '在职干部数',
                'constraints': [models.UniqueConstraint(fields=('unit', 'level'), name='education_headcount_once')],
            },
        ),
        migrations.RunPython(install, uninstall, elidable=False),
    ]
