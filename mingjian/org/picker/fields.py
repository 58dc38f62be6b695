"""The organisation's searched fields: a cadre of the 干部名册, one unit or several."""

from __future__ import annotations

from typing import Any

from mingjian.org.picker.core import SearchedChoiceField, SearchedMultipleChoiceField


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
