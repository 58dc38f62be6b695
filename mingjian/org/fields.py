"""Form fields choosing units. Their choices are read as (id, name, depth) rows, not Unit objects:
a province lists 2,000 units, and building a Unit for each cost more than the page's queries
(on PostgreSQL ~50 ms a select). Validation is ModelChoiceField's: the posted id must be in the
field's queryset."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django import forms
from django.forms.models import ModelChoiceIterator

from mingjian.org.models import Unit


def unit_label(name: str, depth: int, *, indent: bool) -> str:
    """A unit's name, indented by its depth in the tree when the list shows the tree."""
    return f"{'　' * depth}{name}" if indent else name


class _UnitRows(ModelChoiceIterator):
    def __iter__(self) -> Iterator[tuple[Any, Any]]:
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        indent = getattr(self.field, "indent", False)
        for pk, name, depth in self.queryset.values_list("pk", "name", "depth"):
            yield (pk, unit_label(name, depth, indent=indent))


class UnitChoiceField(forms.ModelChoiceField[Unit]):
    iterator = _UnitRows

    def __init__(self, *args: Any, indent: bool = False, **kwargs: Any) -> None:
        self.indent = indent
        kwargs.setdefault("queryset", Unit.objects.none())
        super().__init__(*args, **kwargs)


class UnitMultipleChoiceField(forms.ModelMultipleChoiceField[Unit]):
    iterator = _UnitRows

    def __init__(self, *args: Any, indent: bool = False, **kwargs: Any) -> None:
        self.indent = indent
        kwargs.setdefault("queryset", Unit.objects.none())
        super().__init__(*args, **kwargs)
