"""Choosing one record (or several) among candidates that may be too many to list: cadres from a
province's 200,000-person 干部名册, units from its 2,000, cases from its library, open tasks.

A searched field renders a plain `<select>` of every candidate while there are few of them (at
most `settings.PICKER_MAX_OPTIONS`, read with one bounded query that also gives the options), and
otherwise a searched picker: the `<select>` holds only the chosen record(s), and a search box asks
`/org/picker/search/` for at most `SEARCH_LIMIT` matches (htmx; the answer is a server-rendered
fragment). A province's roster as one `<select>` made 12–18 MB pages taking 4–17 s.

What a search may answer from is never described by the browser. A form names one of the
`SCOPES` below and its parameters (`Scope`); the page carries them signed (django.core.signing,
bound to the account), and the endpoint rebuilds the same queryset for the signed-in user, narrowed
once more by the kind's `visible_to`. The form validates a posted id against that same queryset, so
an id outside it is a form error like any invalid choice. What differs between people, units,
cases and tasks — labels, how a query matches, the visibility rule — is a `Kind` (KINDS); the
fields, widget, tokens and endpoint are the same for all.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache, cached_property
from typing import Any

from django import forms
from django.conf import settings
from django.core import signing
from django.db import connection
from django.db.models import Model, QuerySet
from django.forms.models import ModelChoiceIterator
from django.urls import reverse
from django.utils.html import format_html
from django.utils.module_loading import import_string
from django.utils.safestring import SafeString

from mingjian.lib.forms import QuickSelect, QuickSelectMultiple
from mingjian.org.models import User

SEARCH_LIMIT = 20
SIGNING_SALT = "mingjian.org.picker"
TOKEN_MAX_AGE = 12 * 3600  # a form left open over a working day still searches
CHOSEN_LIMIT = 1000  # of a multiple field's chosen records shown again (a POST could name more)
MAX_ID_DIGITS = 9  # a longer number is no id (and would overflow an integer column)

Rows = list[tuple[int, str]]

# Every queryset the search endpoint may answer from: name -> (kind, function(user, **params)).
# Listed here by dotted path rather than registered by the apps, so the whole list is one place to
# read and the endpoint never depends on which modules happen to be imported.
SCOPES: dict[str, tuple[str, str]] = {
    "org.roster": ("person", "mingjian.org.picker.kinds.roster_scope"),
    "duties.talk-subjects": ("person", "mingjian.duties.services.talks.subjects_for"),
    "duties.talkers": ("person", "mingjian.duties.services.talks.talkers_for"),
    "duties.accountable-leaders": ("person", "mingjian.duties.services.accountability.leaders_for"),
    "outlines.people": ("person", "mingjian.outlines.permissions.people_for"),
    "org.units-in-scope": ("unit", "mingjian.org.picker.kinds.units_in_scope"),
    "duties.list-units": ("unit", "mingjian.duties.permissions.list_units"),
    "rectification.problem-units": ("unit", "mingjian.rectification.permissions.units_for_new_problem"),
    "duties.accountable-units": ("unit", "mingjian.duties.services.accountability.units_for"),
    "education.acting-units": ("unit", "mingjian.education.permissions.acting_units"),
    "duties.linked-tasks": ("task", "mingjian.duties.permissions.linkable_tasks"),
    "duties.linked-recommendations": (
        "recommendation",
        "mingjian.duties.permissions.linkable_recommendations",
    ),
    "cases.visible": ("case", "mingjian.cases.picking.visible_cases"),
    "cases.recordable-units": ("unit", "mingjian.cases.picking.recordable_units"),
    "cases.extend-units": ("unit", "mingjian.cases.picking.extend_units"),
}
KINDS: dict[str, str] = {
    "person": "mingjian.org.picker.kinds.PEOPLE",
    "unit": "mingjian.org.picker.kinds.UNITS",
    "case": "mingjian.cases.picking.CASES",
    "recommendation": "mingjian.cases.picking.RECOMMENDATIONS",
    "task": "mingjian.rectification.picking.TASKS",
}


class ScopeError(Exception):
    """A scope token that was altered, expired, issued to another account or names no scope."""


@dataclass(frozen=True)
class Matches:
    found: Rows
    more: bool  # there were more than the list shows: type more
    kind: Kind


class Kind:
    """What one kind of record needs from the picker. Subclasses set the words and `model`, and
    write `rows` and `matches`; `narrow` is the model's own visibility rule."""

    model: type[Model]
    noun = "对象"  # 所选人员 / 查找单位 / 没有找到可选的案例
    counter = "项"  # 只列出前 20 人 / 项
    prompt = "名称"  # 请输入姓名 / 编号或标题 查找

    def narrow(self, user: User, records: QuerySet[Any]) -> QuerySet[Any]:
        return records.visible_to(user)  # type: ignore[attr-defined, no-any-return]

    def rows(self, records: QuerySet[Any], user: User | None, style: str = "") -> Rows:
        """(id, label) of each record, read as rows: building a model instance (and its unit)
        per option cost more than the query for a few thousand of them. `style` is the field's
        (units: "indent" in a listed tree, "path" where a record is shown on its own)."""
        raise NotImplementedError

    def matches(self, records: QuerySet[Any], q: str, user: User, limit: int) -> Rows:
        """Up to `limit` + 1 records matching `q` (one more tells that there are more)."""
        raise NotImplementedError

    @property
    def invalid_choice(self) -> str:
        return f"所选{self.noun}不在可选范围内，请重新查找并选择。"

    @property
    def hint(self) -> str:
        return f"（在下方输入{self.prompt}查找）"


@cache
def kind_named(name: str) -> Kind:
    kind: Kind = import_string(KINDS[name])
    return kind


def starting_with(records: QuerySet[Any], field: str, q: str) -> QuerySet[Any]:
    """`field` starting with `q`, by an index on both databases where the field has one.
    PostgreSQL uses a varchar_pattern_ops index for LIKE 'q%'; SQLite's LIKE is case-insensitive
    and never uses an index, so it also gets the equivalent range (its BINARY collation orders
    strings by code point). The range makes a Latin prefix case-sensitive on SQLite; the contains
    pass of `prefix_then_contains` still is not."""
    found = records.filter(**{f"{field}__startswith": q})
    if connection.vendor == "sqlite" and ord(q[-1]) < sys.maxunicode:
        found = found.filter(**{f"{field}__gte": q, f"{field}__lt": q[:-1] + chr(ord(q[-1]) + 1)})
    return found


def prefix_then_contains(
    records: QuerySet[Any], field: str, q: str, limit: int, rows: Callable[[QuerySet[Any]], Rows]
) -> Rows:
    """Up to `limit` + 1 records whose `field` starts with `q`, then those containing it."""
    ordered = records.order_by(field, "pk")  # the order of an index on `field`: it stops after a page
    found = rows(starting_with(ordered, field, q)[: limit + 1])
    if len(found) <= limit:
        rest = ordered.filter(**{f"{field}__contains": q}).exclude(**{f"{field}__startswith": q})
        found += rows(rest[: limit + 1 - len(found)])
    return found


def record_number(q: str) -> int | None:
    """`q` as a record's number, the id its address shows ("123" or "#123"), if it is one."""
    digits = q.lstrip("#＃")
    return int(digits) if digits.isdigit() and len(digits) <= MAX_ID_DIGITS else None


def candidates(user: User, scope: str, params: dict[str, Any]) -> QuerySet[Any]:
    """The records `user` may pick for a field declared with `scope` and `params`."""
    if scope not in SCOPES:
        raise ScopeError(scope)
    kind, path = SCOPES[scope]
    build: Callable[..., QuerySet[Any]] = import_string(path)
    return kind_named(kind).narrow(user, build(user, **params))


def sign_scope(user: User, scope: str, params: dict[str, Any]) -> str:
    return signing.dumps({"u": user.pk, "s": scope, "p": params}, salt=SIGNING_SALT, compress=True)


def read_scope(user: User, token: str) -> tuple[str, dict[str, Any]]:
    try:
        data = signing.loads(token, salt=SIGNING_SALT, max_age=TOKEN_MAX_AGE)
    except signing.BadSignature:  # SignatureExpired is one too
        raise ScopeError(token) from None
    if not isinstance(data, dict) or data.get("u") != user.pk or data.get("s") not in SCOPES:
        raise ScopeError(token)
    return data["s"], dict(data.get("p") or {})


def search(kind: Kind, records: QuerySet[Any], q: str, user: User, limit: int = SEARCH_LIMIT) -> Matches:
    q = q.strip()[:50]
    if not q:
        return Matches([], more=False, kind=kind)
    found = kind.matches(records, q, user, limit)
    return Matches(found[:limit], more=len(found) > limit, kind=kind)


def search_results(user: User, token: str, q: str) -> Matches:
    """What the search endpoint shows: raises ScopeError for a token that is not this user's."""
    scope, params = read_scope(user, token)
    return search(kind_named(SCOPES[scope][0]), candidates(user, scope, params), q, user)


def max_options() -> int:
    return int(getattr(settings, "PICKER_MAX_OPTIONS", 200))


class Scope:
    """What `user` may pick for a field: one of the SCOPES with its parameters. One scope may
    serve many fields (a row per node or measure): its queryset, token and listed rows are
    worked out once."""

    def __init__(self, user: User, name: str, params: dict[str, Any] | None = None) -> None:
        if name not in SCOPES:
            raise ScopeError(name)
        self.user, self.name, self.params = user, name, params or {}
        self.kind = kind_named(SCOPES[name][0])
        self._heads: dict[str, Rows] = {}

    @cached_property
    def queryset(self) -> QuerySet[Any]:
        return candidates(self.user, self.name, self.params)

    @cached_property
    def token(self) -> str:
        return sign_scope(self.user, self.name, self.params)

    def listed(self, style: str = "") -> Rows | None:
        """Every candidate as (id, label) when there are at most max_options(), else None: one
        bounded read answers both whether to search and, if not, the options themselves. (An
        unordered bounded count first would spare a large scope its sort, but costs a small one
        a second scan: the province's leaders, few among 200,000 cadres, take 30 ms each.)"""
        if style not in self._heads:
            # .all(): a clone, so a caller that listed the queryset itself never hands us a list
            self._heads[style] = self.kind.rows(self.queryset.all()[: max_options() + 1], self.user, style)
        head = self._heads[style]
        return head if len(head) <= max_options() else None

    @property
    def is_large(self) -> bool:
        return self.listed() is None


class _Rows(ModelChoiceIterator):
    def __iter__(self) -> Iterator[tuple[Any, Any]]:
        field: Any = self.field  # a _SearchedField
        if field.empty_label is not None:
            yield ("", field.empty_label)
        yield from field.kind.rows(self.queryset, field.user, field.list_style)


class _SearchedWidget:
    """A `<select>` of every candidate when they are few; otherwise the chosen one(s) only, with
    a search box beside it (see the module docstring). Searching needs a `Scope`
    (`choose_from`); without one the whole queryset is rendered."""

    scope: Scope | None = None
    style = ""
    allow_multiple_selected: bool
    choices: Any

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        if self.scope is None:
            return super().render(name, value, attrs, renderer)  # type: ignore[misc, no-any-return]
        empty = None if self.allow_multiple_selected else self.choices.field.empty_label
        head = [] if empty is None else [("", empty)]
        listed = self.scope.listed(self.style)  # the scope's rows, read once for all its fields
        if listed is not None:
            return self._render_with([*head, *listed], name, value, attrs, renderer)
        kind = self.scope.kind
        if not self.allow_multiple_selected:
            head = [("", empty if empty not in (None, "---------") else kind.hint)]
        chosen = [v for v in self.format_value(value) if v.isdigit()]  # type: ignore[attr-defined]
        cap = CHOSEN_LIMIT if self.allow_multiple_selected else 1  # what was chosen, never a list
        shown = (
            kind.rows(self.scope.queryset.filter(pk__in=chosen)[:cap], self.scope.user, "path")
            if chosen
            else []
        )
        select = self._render_with([*head, *shown], name, value, attrs, renderer)
        widget_id = self.build_attrs(self.attrs, attrs).get("id") or f"id_{name}"  # type: ignore[attr-defined]
        return self._searched(select, widget_id, kind, self.scope.token)

    def _render_with(
        self, options: list[Any], name: str, value: Any, attrs: Any, renderer: Any
    ) -> SafeString:
        full = self.choices
        try:
            self.choices = options
            return super().render(name, value, attrs, renderer)  # type: ignore[misc, no-any-return]
        finally:
            self.choices = full

    def _searched(self, select: SafeString, widget_id: str, kind: Kind, token: str) -> SafeString:
        results = f"{widget_id}-results"
        search_box = format_html(
            '<input type="search" form="" class="form-control form-control-sm mt-1" name="q"'
            ' placeholder="可选{}较多，请输入{}查找" aria-label="查找{}" autocomplete="off"'
            ' data-testid="{}-search" hx-get="{}" hx-vals="{}" hx-trigger="input changed delay:250ms, search"'
            ' hx-target="#{}" hx-swap="innerHTML" hx-sync="this:replace">',
            kind.noun,
            kind.prompt,
            kind.noun,
            widget_id,
            reverse("org:picker-search"),
            f'{{"scope": "{token}"}}',
            results,
        )
        return format_html(
            '<div data-mj-picker>{}{}<div id="{}" class="list-group mt-1" aria-live="polite"></div></div>',
            select,
            search_box,
            results,
        )


class SearchedSelect(_SearchedWidget, QuickSelect):
    pass


class SearchedSelectMultiple(_SearchedWidget, QuickSelectMultiple):
    pass


# Plain selects given to a searched field (for their attrs) become searched ones; checkboxes stay.
_SEARCHED: dict[type[forms.Widget], type[forms.Widget]] = {
    forms.Select: SearchedSelect,
    QuickSelect: SearchedSelect,
    forms.SelectMultiple: SearchedSelectMultiple,
    QuickSelectMultiple: SearchedSelectMultiple,
}


class _SearchedField:
    """The part every searched field shares; `kind_name` says which Kind."""

    kind_name: str
    list_style = ""
    queryset: Any
    widget: Any

    def __init__(self, *args: Any, user: User | None = None, **kwargs: Any) -> None:
        self.kind = kind_named(self.kind_name)
        self.user = user  # for labels that depend on the reader (case names), without a scope
        kwargs.setdefault("queryset", self.kind.model._default_manager.none())
        super().__init__(*args, **kwargs)
        field: Any = self  # a ModelChoiceField too
        field.error_messages["invalid_choice"] = self.kind.invalid_choice
        self.widget.__class__ = _SEARCHED.get(type(self.widget), type(self.widget))
        if isinstance(self.widget, _SearchedWidget):
            self.widget.style = self.list_style

    def choose_from(self, records: Scope | QuerySet[Any]) -> None:
        """The candidates: a scope gives the queryset a POST is checked against and the signed
        token the search box sends; a bare queryset (a form only validated, or a short list) has
        no search box and is listed whole."""
        scope = records if isinstance(records, Scope) else None
        if scope is not None and scope.kind is not self.kind:
            raise TypeError(f"{scope.name} lists {SCOPES[scope.name][0]}, not {self.kind_name}")
        self.queryset = scope.queryset if scope else records
        if scope is not None:
            self.user = scope.user
        if isinstance(self.widget, _SearchedWidget):
            self.widget.scope = scope


class SearchedChoiceField(_SearchedField, forms.ModelChoiceField):  # type: ignore[type-arg]
    widget = SearchedSelect
    iterator = _Rows


class SearchedMultipleChoiceField(_SearchedField, forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    widget = SearchedSelectMultiple
    iterator = _Rows


def choose_from(field: forms.Field, records: Scope | QuerySet[Any]) -> None:
    """`choose_from` on a form's field (forms type their fields as Field)."""
    if not isinstance(field, _SearchedField):
        raise TypeError(f"{field!r} is not a searched choice field")
    field.choose_from(records)
