"""Searched choice fields for records that may be too many to list (see core's docstring)."""

from mingjian.org.picker.core import (
    KINDS,
    SCOPES,
    SEARCH_LIMIT,
    Kind,
    Matches,
    Scope,
    ScopeError,
    SearchedChoiceField,
    SearchedMultipleChoiceField,
    candidates,
    choose_from,
    max_options,
    prefix_then_contains,
    search_results,
    sign_scope,
)
from mingjian.org.picker.fields import (
    PersonChoiceField,
    UnitChoiceField,
    UnitFilterForm,
    UnitMultipleChoiceField,
)
from mingjian.org.picker.kinds import person_label, unit_label

__all__ = [
    "KINDS",
    "SCOPES",
    "SEARCH_LIMIT",
    "Kind",
    "Matches",
    "PersonChoiceField",
    "Scope",
    "ScopeError",
    "SearchedChoiceField",
    "SearchedMultipleChoiceField",
    "UnitChoiceField",
    "UnitFilterForm",
    "UnitMultipleChoiceField",
    "candidates",
    "choose_from",
    "max_options",
    "person_label",
    "prefix_then_contains",
    "search_results",
    "sign_scope",
    "unit_label",
]
