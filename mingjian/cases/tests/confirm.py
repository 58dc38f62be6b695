"""The POST a browser sends from the confirm page, built from the rendered forms (persons included)."""

from __future__ import annotations

from typing import Any

from django import forms


def _put(data: dict[str, Any], form: forms.Form) -> None:
    for name in form.fields:
        value = form[name].value()
        if value is None or value is False or value == []:
            continue
        data[form[name].html_name] = value


def confirm_data(response: Any) -> dict[str, Any]:
    case_forms = response.context["forms"]
    data: dict[str, Any] = {"confirm": "1", "count": str(len(case_forms))}
    for form in case_forms:
        data[f"{form.prefix}-keep"] = "on"
        _put(data, form)
        management = form.persons.management_form
        for name in management.fields:
            data[management[name].html_name] = management[name].value()
        for person in form.persons:
            _put(data, person)
    return data


def person_key(response: Any, case: int, person: int, field: str) -> str:
    """The POST name of one person field: c0-p-1-name …"""
    return f"c{case}-p-{person}-{field}"
