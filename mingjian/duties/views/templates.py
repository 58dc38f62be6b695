"""清单模板 pages, for the 纪委监委's own staff: the templates, creating one (from the standard
items or empty), and adding, changing and removing its items."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from mingjian.duties import forms, services
from mingjian.duties import permissions as perms
from mingjian.duties.models import DutyTemplate, TemplateItem
from mingjian.lib.http import AuthedRequest
from mingjian.org.decorators import business_page
from mingjian.org.models import Role, has_role
from mingjian.org.permissions import get_visible_or_404


def _require(ok: bool) -> None:
    if not ok:
        raise Http404


def _errors(form: Any) -> str:
    return "；".join(str(m) for errs in form.errors.values() for m in errs)


@business_page
def template_list(request: AuthedRequest) -> HttpResponse:
    user = request.user
    _require(has_role(user, Role.COMMISSION))
    templates = (
        DutyTemplate.objects.visible_to(user).select_related("issuer").order_by("issuer__path", "kind")
    )
    context = {
        "templates": templates,
        "issuers": perms.template_issuers(user),
        "form": forms.TemplateCreateForm(),
    }
    return render(request, "duties/template_list.html", context)


@require_POST
@business_page
def template_create(request: AuthedRequest) -> HttpResponse:
    user = request.user
    issuers = perms.template_issuers(user)
    _require(bool(issuers))
    form = forms.TemplateCreateForm(request.POST)
    if not form.is_valid():
        messages.error(request, _errors(form))
        return redirect("duties:template-list")
    d = form.cleaned_data
    try:
        template = services.create_template(
            issuers[-1], kind=d["kind"], by=user, title=d["title"], defaults=d["defaults"]
        )
    except PermissionDenied:
        raise Http404 from None
    except ValidationError as e:
        messages.error(request, "；".join(e.messages))
        return redirect("duties:template-list")
    messages.success(request, f"已新建{template.title}。")
    return redirect(template)


@business_page
def template_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    user = request.user
    template = get_visible_or_404(DutyTemplate, user, pk=pk)
    items = template.items.order_by("seq", "id")
    keep = perms.can_keep_template(user, template)
    rows = [
        (
            item,
            forms.TemplateItemForm(
                initial={"section": item.section, "text": item.text, "source": item.source},
                prefix=f"i{item.pk}",
            ),
        )
        for item in items
    ]
    context = {"template": template, "rows": rows, "can_keep": keep, "add_form": forms.TemplateItemForm()}
    return render(request, "duties/template_detail.html", context)


def _run(request: AuthedRequest, template: DutyTemplate, call: Any, done: str) -> HttpResponse:
    try:
        call()
    except PermissionDenied:
        raise Http404 from None
    except ValidationError as e:
        messages.error(request, "；".join(e.messages))
    else:
        messages.success(request, done)
    return redirect(template)


@require_POST
@business_page
def template_item_add(request: AuthedRequest, pk: int) -> HttpResponse:
    user = request.user
    template = get_visible_or_404(DutyTemplate, user, pk=pk)
    _require(perms.can_keep_template(user, template))
    form = forms.TemplateItemForm(request.POST)
    if not form.is_valid():
        messages.error(request, _errors(form))
        return redirect(template)
    d = form.cleaned_data
    return _run(
        request,
        template,
        lambda: services.add_template_item(
            template, by=user, text=d["text"], section=d["section"], source=d["source"]
        ),
        "已增加事项。",
    )


def _template_item(user: Any, pk: int) -> TemplateItem:
    item = get_object_or_404(TemplateItem.objects.visible_to(user).select_related("template__issuer"), pk=pk)
    _require(perms.can_keep_template(user, item.template))
    return item


@require_POST
@business_page
def template_item_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    user = request.user
    item = _template_item(user, pk)
    form = forms.TemplateItemForm(request.POST, prefix=f"i{item.pk}")
    if not form.is_valid():
        messages.error(request, _errors(form))
        return redirect(item.template)
    d = form.cleaned_data
    return _run(
        request,
        item.template,
        lambda: services.update_template_item(
            item, by=user, text=d["text"], section=d["section"], source=d["source"]
        ),
        "已保存事项。",
    )


@require_POST
@business_page
def template_item_remove(request: AuthedRequest, pk: int) -> HttpResponse:
    user = request.user
    item = _template_item(user, pk)
    template = item.template
    return _run(request, template, lambda: services.remove_template_item(item, by=user), "已删除事项。")
