"""Form styling shared by every app: Bootstrap classes on each widget, set once here."""

from __future__ import annotations

from typing import Any

from django import forms


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
