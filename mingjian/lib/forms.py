"""Form styling shared by every app (Bootstrap classes on each widget, set once here), and how a
page's form hands its data to a service."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from mingjian.lib.uploads import CheckedFile, check_upload

T = TypeVar("T")


def save_through(form: forms.BaseForm, call: Callable[[], T], refused: str = "") -> T | None:
    """Run the service that writes what `form` holds. Its ValidationError lands on the fields it
    names (or on the form), so the page shows the form again with nothing written; a refused
    capability is the form's error `refused`, or a 404 without one (the page was not offered)."""
    try:
        return call()
    except ValidationError as e:
        if not hasattr(e, "error_dict"):  # a plain message names no field
            form.add_error(None, e.messages)
            return None
        for name, errors in e.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    except PermissionDenied:
        if not refused:
            raise Http404 from None
        form.add_error(None, refused)
    return None


def widget_class(widget: forms.Widget) -> str:
    if isinstance(widget, forms.CheckboxInput | forms.RadioSelect | forms.CheckboxSelectMultiple):
        return "form-check-input"
    if isinstance(widget, forms.Select | forms.SelectMultiple):
        return "form-select form-select-sm"
    return "form-control form-control-sm"


class DateInput(forms.DateInput):
    """An HTML5 date picker: the browser only accepts ISO dates, whatever the UI language."""

    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class StyledForm:
    """Mixin for Form/ModelForm: adds the Bootstrap class to every field's widget."""

    fields: dict[str, forms.Field]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            existing = field.widget.attrs.get("class", "")
            field.widget.attrs["class"] = f"{existing} {widget_class(field.widget)}".strip()


class CheckedFileField(forms.FileField):
    """An upload checked by its content (lib.uploads) before anything is stored: cleans to a
    CheckedFile, or None when nothing was sent and the field is optional."""

    def clean(self, data: Any, initial: Any = None) -> CheckedFile | None:
        upload = super().clean(data, initial)
        if not upload:
            return None
        try:
            return check_upload(upload.name, upload.read())
        except ValidationError as e:
            raise forms.ValidationError(e.messages) from None


class _MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class CheckedFilesField(CheckedFileField):
    """Several uploads in one input, each checked; every bad file is named in the errors."""

    widget = _MultipleFileInput

    def clean(self, data: Any, initial: Any = None) -> list[CheckedFile]:  # type: ignore[override]
        files = data if isinstance(data, list | tuple) else [data] if data else []
        checked, errors = [], []
        for upload in files:
            try:
                found = super().clean(upload, initial)
            except forms.ValidationError as e:
                errors.extend(e.messages)
            else:
                if found is not None:
                    checked.append(found)
        if errors:
            raise forms.ValidationError(errors)
        if self.required and not checked:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        return checked
