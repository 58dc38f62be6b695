"""Choosing a cadre from the 干部名册 when it may hold 200,000 people.

A `PersonChoiceField` renders a plain `<select>` of every candidate while there are few of them
(at most `settings.PERSON_PICKER_MAX_OPTIONS`, counted with a bounded query), and otherwise a
searched picker: the `<select>` holds only the chosen person, and a search box asks
`/org/people/search/` for at most `SEARCH_LIMIT` matches by name (htmx; the answer is a
server-rendered fragment). A province's roster as one `<select>` made 12–18 MB pages taking 4–17 s.

What the search may answer from is never described by the browser. A form names one of the
`SCOPES` below and its parameters (`choose_from`); the page carries them signed
(django.core.signing, bound to the account), and the search endpoint rebuilds the same queryset
for the signed-in user, narrowed once more by `Person.objects.visible_to`. The form validates a
posted id against that same queryset, so an id outside it is a form error like any invalid choice.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from django import forms
from django.conf import settings
from django.core import signing
from django.db import connection
from django.db.models import QuerySet
from django.forms.models import ModelChoiceIterator
from django.urls import reverse
from django.utils.html import format_html
from django.utils.module_loading import import_string
from django.utils.safestring import SafeString

from mingjian.lib.forms import QuickSelect
from mingjian.org.models import Person, Unit, User, unit_scope_q

SEARCH_LIMIT = 20
SEARCH_HINT = "（在下方输入姓名查找）"
SIGNING_SALT = "mingjian.org.picker"
TOKEN_MAX_AGE = 12 * 3600  # a form left open over a working day still searches

# Every queryset the search endpoint may answer from: name -> function(user, **params). Listed
# here by dotted path rather than registered by the apps, so the whole list is one place to read
# and the endpoint never depends on which modules happen to be imported.
SCOPES: dict[str, str] = {
    "org.roster": "mingjian.org.picker.roster_scope",
    "duties.talk-subjects": "mingjian.duties.services.talks.subjects_for",
    "duties.talkers": "mingjian.duties.services.talks.talkers_for",
    "duties.accountable-leaders": "mingjian.duties.services.accountability.leaders_for",
    "outlines.people": "mingjian.outlines.permissions.people_for",
}


class ScopeError(Exception):
    """A scope token that was altered, expired, issued to another account or names no scope."""


def roster_scope(user: User, *, unit: int) -> QuerySet[Person]:
    """The 干部名册 of a unit the user sees (its active cadres and those of its 内设机构)."""
    found = Unit.objects.visible_to(user).filter(pk=unit).first()
    return Person.objects.roster_of(found) if found else Person.objects.none()


def candidates(user: User, scope: str, params: dict[str, Any]) -> QuerySet[Person]:
    """The people `user` may pick for a field declared with `scope` and `params`."""
    if scope not in SCOPES:
        raise ScopeError(scope)
    build: Callable[..., QuerySet[Person]] = import_string(SCOPES[scope])
    # Person.visible_to's own condition on the same unit join: as `pk IN (visible people)` it
    # listed 200,000 ids for a province on every search (~100 ms on SQLite).
    return build(user, **params).filter(unit_scope_q(user, prefix="unit__", org_data=True))


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


def person_label(name: str, position: str, unit_name: str) -> str:
    """How a cadre is told apart in a picker: 姓名（职务） · 单位."""
    return f"{name}（{position}） · {unit_name}" if position else f"{name} · {unit_name}"


_ROW = ("pk", "name", "position", "unit__name")


def labelled(people: QuerySet[Person]) -> list[tuple[int, str]]:
    """(id, label) of each person, read as rows: building a Person and its Unit per option cost
    more than the query for a few thousand people."""
    return [(pk, person_label(n, p, u)) for pk, n, p, u in people.values_list(*_ROW)]


@dataclass(frozen=True)
class Matches:
    people: list[tuple[int, str]]
    more: bool  # there were more than the list shows: type more of the name


def _starting_with(people: QuerySet[Person], q: str) -> QuerySet[Person]:
    """Names starting with `q`, by an index on both databases. PostgreSQL uses person_name's
    varchar_pattern_ops for LIKE 'q%'; SQLite's LIKE is case-insensitive and never uses an index,
    so it also gets the equivalent range (its BINARY collation orders strings by code point). The
    range makes a Latin prefix case-sensitive on SQLite; the contains pass below still is not."""
    found = people.filter(name__startswith=q)
    if connection.vendor == "sqlite" and ord(q[-1]) < sys.maxunicode:
        found = found.filter(name__gte=q, name__lt=q[:-1] + chr(ord(q[-1]) + 1))
    return found


def search(people: QuerySet[Person], q: str, limit: int = SEARCH_LIMIT) -> Matches:
    """Up to `limit` people whose name starts with `q`, then those whose name contains it."""
    q = q.strip()[:50]
    if not q:
        return Matches([], more=False)
    ordered = people.order_by("name", "pk")  # the order of the name index: it stops after a page
    found = labelled(_starting_with(ordered, q)[: limit + 1])
    if len(found) <= limit:
        rest = ordered.filter(name__contains=q).exclude(name__startswith=q)
        found += labelled(rest[: limit + 1 - len(found)])
    return Matches(found[:limit], more=len(found) > limit)


def max_options() -> int:
    return int(getattr(settings, "PERSON_PICKER_MAX_OPTIONS", 200))


class _PersonRows(ModelChoiceIterator):
    def __iter__(self) -> Iterator[tuple[Any, Any]]:
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        yield from labelled(self.queryset)


class PersonPicker(QuickSelect):
    """A `<select>` of every candidate when they are few; otherwise the chosen one only, with a
    search box beside it (see the module docstring). Searching needs a scope
    (`PersonChoiceField.choose_from`); without one the whole list is rendered."""

    scope: PersonScope | None = None

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        if self.scope is None:
            return super().render(name, value, attrs, renderer)
        empty = self.choices.field.empty_label
        if not self.scope.is_large:  # the scope's rows, read once for all the fields sharing it
            head = [] if empty is None else [("", empty)]
            return self._render_with([*head, *self.scope.options], name, value, attrs, renderer)
        chosen = [v for v in self.format_value(value) if v.isdigit()]
        options: list[tuple[Any, str]] = [("", empty if empty not in (None, "---------") else SEARCH_HINT)]
        options += labelled(self.scope.people.filter(pk__in=chosen)[:1])  # one, never a list
        select = self._render_with(options, name, value, attrs, renderer)
        widget_id = self.build_attrs(self.attrs, attrs).get("id") or f"id_{name}"
        return self._searched(select, widget_id, self.scope.token)

    def _render_with(
        self, options: list[tuple[Any, str]], name: str, value: Any, attrs: Any, renderer: Any
    ) -> SafeString:
        full = self.choices
        try:
            self.choices = options
            return super().render(name, value, attrs, renderer)
        finally:
            self.choices = full

    def _searched(self, select: SafeString, widget_id: str, token: str) -> SafeString:
        results = f"{widget_id}-results"
        search_box = format_html(
            '<input type="search" form="" class="form-control form-control-sm mt-1" name="q"'
            ' placeholder="可选人员较多，请输入姓名查找" aria-label="查找人员" autocomplete="off"'
            ' data-testid="{}-search" hx-get="{}" hx-vals="{}" hx-trigger="input changed delay:250ms, search"'
            ' hx-target="#{}" hx-swap="innerHTML" hx-sync="this:replace">',
            widget_id,
            reverse("org:person-search"),
            f'{{"scope": "{token}"}}',
            results,
        )
        return format_html(
            '<div data-mj-picker>{}{}<div id="{}" class="list-group mt-1" aria-live="polite"></div></div>',
            select,
            search_box,
            results,
        )


class PersonScope:
    """Who `user` may pick for a field: one of the SCOPES with its parameters. One scope may
    serve many fields (a row per node or measure): its queryset, token and size are worked out
    once."""

    def __init__(self, user: User, name: str, params: dict[str, Any] | None = None) -> None:
        self.user, self.name, self.params = user, name, params or {}

    @cached_property
    def people(self) -> QuerySet[Person]:
        return candidates(self.user, self.name, self.params)

    @cached_property
    def token(self) -> str:
        return sign_scope(self.user, self.name, self.params)

    @cached_property
    def _head(self) -> list[tuple[int, str]]:
        # One bounded read answers both: whether to search, and if not, the options themselves.
        return labelled(self.people[: max_options() + 1])

    @cached_property
    def is_large(self) -> bool:
        return len(self._head) > max_options()

    @property
    def options(self) -> list[tuple[int, str]]:
        """Every candidate as (id, label), for a scope small enough to list."""
        return self._head


class PersonChoiceField(forms.ModelChoiceField[Person]):
    """A cadre chosen from a declared scope; see the module docstring."""

    iterator = _PersonRows
    widget = PersonPicker
    default_error_messages = {"invalid_choice": "所选人员不在可选范围内，请重新查找并选择。"}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("queryset", Person.objects.none())
        super().__init__(*args, **kwargs)

    def choose_from(self, people: PersonScope | QuerySet[Person]) -> None:
        """The candidates: a scope gives the queryset a POST is checked against and the signed
        token the search box sends; a bare queryset (a form only validated, never shown) has no
        search box and would be listed whole."""
        if isinstance(people, PersonScope):
            self.queryset = people.people
            self.widget.scope = people
        else:
            self.queryset = people
            self.widget.scope = None


def choose_from(field: forms.Field, people: PersonScope | QuerySet[Person]) -> None:
    """PersonChoiceField.choose_from on a form's field (forms type their fields as Field)."""
    if not isinstance(field, PersonChoiceField):
        raise TypeError(f"{field!r} is not a PersonChoiceField")
    field.choose_from(people)


def search_results(user: User, token: str, q: str) -> Matches:
    """What the search endpoint shows: raises ScopeError for a token that is not this user's."""
    scope, params = read_scope(user, token)
    return search(candidates(user, scope, params), q)
