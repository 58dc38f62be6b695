"""Form styling shared by every app (Bootstrap classes on each widget, set once here), and how a
page's form hands its data to a service."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe

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


def _attrs(attrs: dict[str, Any]) -> SafeString:
    """Attributes as django/forms/widgets/attrs.html writes them: in order, True bare, False not."""
    return mark_safe(  # noqa: S308 — names come from code, values are escaped
        "".join(
            f" {name}" if value is True else format_html(' {}="{}"', name, str(value))
            for name, value in attrs.items()
            if value is not False
        )
    )


class _QuickRender:
    """A <select> written in Python, the same markup Django's templates give. Django renders two
    templates per option (~0.15 ms each): a province's 2,000 units took 300 ms a select."""

    allow_multiple_selected: bool
    choices: Any

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        attrs = self.build_attrs(self.attrs, attrs)  # type: ignore[attr-defined]
        if self.allow_multiple_selected:
            attrs["multiple"] = True
        chosen = set(self.format_value(value))  # type: ignore[attr-defined]
        parts = [f'<select name="{conditional_escape(name)}"{_attrs(attrs)}>']
        found = False  # a single select selects only its first match, as Django's does

        def option(raw: Any, label: Any) -> str:
            nonlocal found
            value = "" if raw is None else str(raw)
            selected = (self.allow_multiple_selected or not found) and value in chosen
            found = found or selected
            mark = " selected" if selected else ""
            return f'<option value="{conditional_escape(value)}"{mark}>{conditional_escape(label)}</option>'

        for raw, label in self.choices:
            if isinstance(label, list | tuple):
                parts.append(f'<optgroup label="{conditional_escape(raw)}">' if raw else "")
                parts += [option(v, lab) for v, lab in label]
                parts.append("</optgroup>" if raw else "")
            else:
                parts.append(option(raw, label))
        parts.append("</select>")
        return mark_safe("".join(parts))  # noqa: S308 — every value and label escaped above


class QuickSelect(_QuickRender, forms.Select):
    pass


class QuickSelectMultiple(_QuickRender, forms.SelectMultiple):
    pass


_QUICK: dict[type[forms.Widget], type[forms.Widget]] = {
    forms.Select: QuickSelect,
    forms.SelectMultiple: QuickSelectMultiple,
}


class StyledForm:
    """Mixin for Form/ModelForm: adds the Bootstrap class to every field's widget, and renders
    plain selects with QuickSelect."""

    fields: dict[str, forms.Field]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            existing = field.widget.attrs.get("class", "")
            field.widget.attrs["class"] = f"{existing} {widget_class(field.widget)}".strip()
            # Swapping the class keeps the widget's choices and state; only rendering changes.
            field.widget.__class__ = _QUICK.get(type(field.widget), type(field.widget))


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
