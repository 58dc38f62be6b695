"""整改任务 in searched pickers (org.picker): labelled by unit, measure, status and deadline;
matched by number (the id in its address) or by the problem's name and the measure."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from mingjian.org.models import User
from mingjian.org.picker import Kind, SearchedChoiceField
from mingjian.org.picker.core import Rows, record_number
from mingjian.rectification.models import Task


class Tasks(Kind):
    model = Task
    noun = "整改任务"
    counter = "项"
    prompt = "编号、问题或措施"

    def narrow(self, user: User, records: QuerySet[Any]) -> QuerySet[Any]:
        # The unit test that no index serves: a scope that walks the task_key index in deadline
        # order keeps walking it (a plain visible_to would steer it back to collecting and sorting
        # every visible open task), and a narrow scope's own unit condition still picks its index.
        return records.visible_to(user, plan="walk")  # type: ignore[attr-defined, no-any-return]

    def rows(self, records: QuerySet[Any], user: User | None, style: str = "") -> Rows:
        found = records.values_list("pk", "unit__name", "measure", "status", "due_date")
        labels = []
        for pk, unit, measure, status, due_date in found:
            due = f"，时限{due_date:%Y-%m-%d}" if due_date else ""
            labels.append((pk, f"{unit}：{measure[:30]}（{Task.Status(status).label}{due}）"))
        return labels

    def matches(self, records: QuerySet[Any], q: str, user: User, limit: int) -> Rows:
        number = record_number(q)
        # No index serves a contains test: this reads the viewer's candidates (their open tasks)
        # in deadline order and stops after a page of matches.
        hit = records.filter(Q(measure__contains=q) | Q(problem__title__contains=q)).order_by("due_key", "id")
        if number is None:
            return self.rows(hit[: limit + 1], user)
        exact = self.rows(records.filter(pk=number), user)  # its number first, then its text
        return exact + self.rows(hit.exclude(pk=number)[: limit + 1 - len(exact)], user)


TASKS = Tasks()


class TaskChoiceField(SearchedChoiceField):
    kind_name = "task"
