"""Unit fields read their choices as rows (one query, no Unit objects) and validate like any
ModelChoiceField: only a unit of the field's queryset is accepted."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db import connection
from django.test.utils import CaptureQueriesContext

from mingjian.lib.forms import StyledForm
from mingjian.org.models import Unit
from mingjian.org.picker import UnitChoiceField, UnitMultipleChoiceField


class PickForm(StyledForm, forms.Form):
    one = UnitChoiceField(label="单位", indent=True)
    many = UnitMultipleChoiceField(label="配合单位", required=False)

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["one"].queryset = units  # type: ignore[attr-defined]
        self.fields["many"].queryset = units  # type: ignore[attr-defined]


def test_choices_are_rows_in_tree_order_with_the_chosen_one_selected(org: Any) -> None:
    units = Unit.objects.subtree(org.bureau_a).order_by("path")
    form = PickForm(initial={"one": org.a_dept.pk}, units=units)
    with CaptureQueriesContext(connection) as queries:
        html = str(form["one"])
    assert len(queries) == 1  # the choices; no query per unit
    assert f'<option value="{org.a_dept.pk}" selected>　　{org.a_dept.name}</option>' in html
    assert html.index(org.bureau_a.name) < html.index(org.a_dept.name)
    assert f'">{org.a_dept.name}</option>' in str(form["many"])  # not indented


def test_only_a_unit_of_the_queryset_is_accepted(org: Any) -> None:
    units = Unit.objects.subtree(org.bureau_a)
    good = PickForm({"one": org.a_dept.pk, "many": [org.bureau_a.pk]}, units=units)
    assert good.is_valid(), good.errors
    assert good.cleaned_data["one"] == org.a_dept and list(good.cleaned_data["many"]) == [org.bureau_a]
    bad = PickForm({"one": org.bureau_b.pk, "many": [org.bureau_b.pk]}, units=units)
    assert not bad.is_valid()
    assert set(bad.errors) == {"one", "many"}
    assert org.bureau_b.name not in str(bad["one"])
