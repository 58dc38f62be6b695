"""The organisation's searched fields: a cadre of the 干部名册, one unit or several."""

from __future__ import annotations

from typing import Any

from django import forms

from mingjian.org.picker.core import Scope, SearchedChoiceField, SearchedMultipleChoiceField, choose_from


class PersonChoiceField(SearchedChoiceField):
    """A cadre chosen from a declared scope (org.picker)."""

    kind_name = "person"


class _UnitField:
    """`indent=True` shows a listed tree indented by depth; searched, a unit is followed by its
    ancestors' names either way (kinds.Units)."""

    list_style: str

    def __init__(self, *args: Any, indent: bool = False, **kwargs: Any) -> None:
        self.list_style = "indent" if indent else ""
        super().__init__(*args, **kwargs)


class UnitChoiceField(_UnitField, SearchedChoiceField):
    kind_name = "unit"


class UnitMultipleChoiceField(_UnitField, SearchedMultipleChoiceField):
    kind_name = "unit"


class UnitFilterForm(forms.Form):
    """The 单位 filter of a list page that writes its other filters by hand: a searched unit
    field over `scope`, listed while the viewer has few units (a province's 2,000 as a template
    loop of options took 150–250 ms of the risk and loophole lists). Only renders: the list
    reads `unit` from the query string itself."""

    unit = UnitChoiceField(label="单位", required=False, empty_label="全部单位")

    def __init__(
        self, data: Any, *, user: Any, label: str, scope: str = "org.units-in-scope", auto_id: str = "f-%s"
    ) -> None:
        super().__init__(data, auto_id=auto_id)
        field = self.fields["unit"]
        field.label = label
        field.widget.attrs["class"] = "form-select form-select-sm"
        choose_from(field, Scope(user, scope))
