"""API plumbing shared by every app's api.py."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django_filters import ModelChoiceFilter, ModelMultipleChoiceFilter
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """Django ValidationErrors raised by services become 400s with their Chinese messages."""
    if isinstance(exc, DjangoValidationError):
        detail = exc.message_dict if hasattr(exc, "error_dict") else {"detail": exc.messages}
        exc = exceptions.ValidationError(detail)
    return drf_exception_handler(exc, context)


class ScopedFilterBackend(DjangoFilterBackend):
    """Foreign-key filters (?unit=, ?case= …) accept only ids the requester may see.

    django-filter validates such ids against the whole related table, so an invisible id would
    filter to an empty page while a nonexistent one answers 400 — which tells an outsider that
    the record exists. Narrowing each filter's choices to the related model's visible_to(user)
    gives both the same 400. Reference data without visible_to (types, vocabularies) is public.
    """

    def get_filterset(self, request: Any, queryset: Any, view: Any) -> Any:
        filterset = super().get_filterset(request, queryset, view)
        for item in filterset.filters.values() if filterset is not None else ():
            if isinstance(item, ModelChoiceFilter | ModelMultipleChoiceFilter) and item.queryset is not None:
                manager = item.queryset.model._default_manager
                if hasattr(manager, "visible_to"):
                    item.queryset = manager.visible_to(request.user)
        return filterset
