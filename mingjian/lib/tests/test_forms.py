"""save_through: what a service refuses reaches the page's form, and nothing else escapes."""

from __future__ import annotations

import pytest
from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from mingjian.lib.forms import save_through


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
