"""工作日历: only the days that differ from the Monday–Friday default, and the years whose list
of such days is complete.

A year is complete when chinese-calendar covers it (source "official") or when the system
administrator confirmed it after the State Council notice (source "admin"). For any other year
the services fall back to holidays.China and mark every answer provisional."""

from __future__ import annotations

from django.db import models


class CalendarYear(models.Model):
    class Source(models.TextChoices):
        OFFICIAL = "official", "国务院通知（chinese-calendar）"
        ADMIN = "admin", "管理员确认"

    # The year itself is the key: pages and audit events refer to "2027", not to a row id.
    year = models.PositiveSmallIntegerField("年份", primary_key=True)
    source = models.CharField("来源", max_length=16, choices=Source.choices)
    note = models.CharField("说明", max_length=200, blank=True)
    confirmed_at = models.DateTimeField("确认时间", auto_now=True)

    class Meta:
        verbose_name = "已确认年度"
        verbose_name_plural = verbose_name
        ordering = ["-year"]

    def __str__(self) -> str:
        return f"{self.year}年"


class CalendarDay(models.Model):
    class Source(models.TextChoices):
        OFFICIAL = "official", "国务院通知（chinese-calendar）"
        FALLBACK = "fallback", "法定节假日推算"
        ADMIN = "admin", "管理员设置"

    date = models.DateField("日期", unique=True)
    is_workday = models.BooleanField("上班")
    name = models.CharField("名称", max_length=50, blank=True)
    source = models.CharField("来源", max_length=16, choices=Source.choices)
    updated_at = models.DateTimeField("修改时间", auto_now=True)

    class Meta:
        verbose_name = "工作日历例外日"
        verbose_name_plural = verbose_name
        ordering = ["date"]

    def __str__(self) -> str:
        kind = "上班" if self.is_workday else "休息"
        return f"{self.date:%Y-%m-%d} {kind}{f'（{self.name}）' if self.name else ''}"
