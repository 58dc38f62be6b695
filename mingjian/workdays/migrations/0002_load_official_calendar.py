"""Load the State Council holiday arrangements chinese-calendar knows (2004–2026 in 1.11.0):
weekday holidays as days off, weekend 调休 as working days, and mark those years complete."""

from django.db import migrations

from mingjian.workdays import sources


def load(apps, schema_editor):
    CalendarDay = apps.get_model("workdays", "CalendarDay")
    CalendarYear = apps.get_model("workdays", "CalendarYear")
    years = sources.official_years()
    CalendarDay.objects.bulk_create(
        CalendarDay(date=d.date, is_workday=d.is_workday, name=d.name, source="official")
        for year in years
        for d in sources.official_days(year)
    )
    CalendarYear.objects.bulk_create(CalendarYear(year=year, source="official") for year in years)


def unload(apps, schema_editor):
    apps.get_model("workdays", "CalendarDay").objects.filter(source="official").delete()
    apps.get_model("workdays", "CalendarYear").objects.filter(source="official").delete()


class Migration(migrations.Migration):
    dependencies = [("workdays", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
