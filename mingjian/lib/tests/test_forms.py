"""save_through: what a service refuses reaches the page's form, and nothing else escapes. QuickSelect
writes the markup Django's select templates write."""

from __future__ import annotations

import pytest
from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from mingjian.lib.forms import QuickSelect, QuickSelectMultiple, StyledForm, save_through


class NameForm(forms.Form):
    name = forms.CharField()


def _raise(error: Exception) -> object:
    raise error


def _bound() -> NameForm:
    form = NameForm({"name": "x"})
    assert form.is_valid()
    return form


def test_field_errors_land_on_their_fields_and_others_on_the_form() -> None:
    form = _bound()
    assert save_through(form, lambda: _raise(ValidationError({"name": "重名", "unit": "无此单位"}))) is None
    assert form.errors == {"name": ["重名"], "__all__": ["无此单位"]}


def test_a_plain_message_lands_on_the_form() -> None:
    form = _bound()
    assert save_through(form, lambda: _raise(ValidationError("标签已存在"))) is None
    assert form.non_field_errors() == ["标签已存在"]


def test_a_refusal_is_the_forms_error_or_a_404() -> None:
    form = _bound()
    assert save_through(form, lambda: _raise(PermissionDenied()), "无权登记") is None
    assert form.non_field_errors() == ["无权登记"]
    with pytest.raises(Http404):
        save_through(_bound(), lambda: _raise(PermissionDenied()))
    assert save_through(_bound(), lambda: "saved") == "saved"


CHOICES = [
    ("", "---------"),
    ("1", "民政局 <局机关> & “科室”"),
    ("第二组", [("2", "财政局"), ("3", "卫健委")]),
]


@pytest.mark.parametrize(
    ("quick", "django_widget", "value", "selected"),
    [
        (QuickSelect, forms.Select, "2", ['value="2"']),
        (QuickSelect, forms.Select, None, ['value=""']),
        (QuickSelectMultiple, forms.SelectMultiple, ["1", "3"], ['value="1"', 'value="3"']),
    ],
)
def test_quick_select_writes_what_django_writes(
    quick: type, django_widget: type, value: object, selected: list[str]
) -> None:
    attrs = {"class": "form-select", "required": True, "disabled": False, "data-x": 'a"b'}
    ours = quick(attrs=attrs, choices=CHOICES).render("unit", value, attrs={"id": "id_unit"})
    theirs = django_widget(attrs=attrs, choices=CHOICES).render("unit", value, attrs={"id": "id_unit"})
    assert "&lt;局机关&gt; &amp;" in ours
    assert [f"{v} selected" in ours for v in selected] == [True] * len(selected)
    assert ours.count(" selected") == len(selected)
    assert ours == "".join(line.strip() for line in theirs.splitlines())


class PickForm(StyledForm, forms.Form):
    one = forms.ChoiceField(choices=CHOICES[:2])
    many = forms.MultipleChoiceField(choices=CHOICES[:2])
    ticks = forms.MultipleChoiceField(
        choices=CHOICES[:2], widget=forms.CheckboxSelectMultiple, required=False
    )


def test_styled_forms_render_plain_selects_quickly_and_keep_other_widgets() -> None:
    form = PickForm({"one": "1", "many": ["1"]})
    assert [type(f.widget) for f in form.fields.values()] == [
        QuickSelect,
        QuickSelectMultiple,
        forms.CheckboxSelectMultiple,
    ]
    assert form.is_valid(), form.errors
    assert 'class="form-select form-select-sm"' in str(form["one"])
