"""The page block shared by the reply to a 建议书 and the plan editor: for each item (a 建议 or a
反馈问题) its entry form and its measure rows, with a spare row, "add a row" and "apply to all".

Everything happens on the server (no script): "增加一条措施" and "应用到所有措施" re-render the
page with the rows as posted, changed; nothing is saved until the user saves.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import QueryDict

from mingjian.org.models import Unit
from mingjian.rectification.forms import ApplyAllForm, EntryForm, MeasureForm, PlanChoices
from mingjian.rectification.models import PlanEntry, PlanMeasure, RectificationPlan, Task
from mingjian.rectification.services import EntryInput, MeasureInput

MAX_ROWS = 20
APPLIED = ("due_date", "due_working_days", "leader", "person")


@dataclass
class ItemRows:
    item: Any
    entry: EntryForm
    rows: list[MeasureForm]
    fixed: list[PlanMeasure]  # measures that are already tasks: shown, not edited

    @property
    def prefix(self) -> str:
        return self.entry.prefix or ""


def _measure_initial(m: PlanMeasure) -> dict[str, Any]:
    return {
        "measure": m.measure,
        "category": m.category,
        "due_date": m.due_date,
        "due_working_days": m.due_working_days,
        "lead_unit": m.lead_unit_id,
        "assist_units": [u.pk for u in m.assist_units.all()],
        "leader": m.leader_id,
        "person": m.person_id,
    }


def _row_count(data: QueryDict | None, prefix: str, saved: int) -> int:
    raw = data.get(f"{prefix}-rows") if data is not None else None
    count = int(raw) if raw and raw.isdigit() else saved + 1
    if data is not None and data.get("add_row") == prefix:
        count += 1
    return max(1, min(count, MAX_ROWS))


def apply_to_all(data: QueryDict, items: list[Any], choices: PlanChoices) -> QueryDict:
    """A copy of the posted rows with the "apply to all" values filled into every row."""
    form = ApplyAllForm(data, prefix="all", choices=choices)
    if not form.is_valid():
        return data
    out: QueryDict = data.copy()
    for item in items:
        prefix = f"i{item.pk}"
        for n in range(_row_count(data, prefix, 0)):
            for name in APPLIED:
                if data.get(f"all-{name}"):
                    out.setlist(f"{prefix}-m{n}-{name}", data.getlist(f"all-{name}"))
    return out


def build(
    plan: RectificationPlan | None, items: list[Any], data: QueryDict | None, choices: PlanChoices
) -> list[ItemRows]:
    entries: dict[int, PlanEntry] = {}
    for e in _entries(plan) if plan is not None else []:
        item: Any = e.item
        entries[item.pk] = e
    found = []
    for item in items:
        prefix = f"i{item.pk}"
        entry: PlanEntry | None = entries.get(item.pk)
        saved = list(entry.measures.filter(task__isnull=True)) if entry else []
        fixed = list(entry.measures.filter(task__isnull=False).select_related("task")) if entry else []
        initial = {
            "adopted": "0" if getattr(item, "adopted", None) is False else "1",
            "objection": getattr(item, "objection", ""),
            "problem_type": entry.problem_type_id if entry else None,
        }
        rows = []
        for n in range(_row_count(data, prefix, len(saved))):
            row_initial = (
                _measure_initial(saved[n])
                if n < len(saved)
                else {"lead_unit": plan.unit_id if plan else None}
            )
            rows.append(MeasureForm(data, prefix=f"{prefix}-m{n}", initial=row_initial, choices=choices))
        found.append(ItemRows(item, EntryForm(data, prefix=prefix, initial=initial), rows, fixed))
    return found


def _entries(plan: RectificationPlan) -> list[PlanEntry]:
    return list(plan.entries.select_related("recommendation_item", "inspection_item")) if plan.pk else []


def valid(rows: list[ItemRows]) -> bool:
    forms = [r.entry for r in rows] + [m for r in rows for m in r.rows]
    return all(f.is_valid() for f in forms)


def entry_inputs(rows: list[ItemRows], unit: Unit) -> list[EntryInput]:
    """The cleaned rows as service input (blank rows dropped; 牵头单位 defaults to the unit)."""
    out = []
    for r in rows:
        measures = [
            MeasureInput(
                measure=m.cleaned_data["measure"],
                lead_unit=m.cleaned_data["lead_unit"] or unit,
                category=m.cleaned_data["category"] or Task.Category.DEADLINE,
                due_date=m.cleaned_data["due_date"],
                due_working_days=m.cleaned_data["due_working_days"],
                leader=m.cleaned_data["leader"],
                person=m.cleaned_data["person"],
                assist_units=list(m.cleaned_data["assist_units"]),
            )
            for m in r.rows
            if not m.is_blank
        ]
        out.append(
            EntryInput(item=r.item, measures=measures, problem_type=r.entry.cleaned_data["problem_type"])
        )
    return out
