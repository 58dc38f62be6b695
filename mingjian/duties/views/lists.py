"""责任清单 pages: the list of lists, one list with its items filled from the records, checking
items, adding 记实, reporting and reviewing, and the generated 履责情况报告 (Word / PDF)."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from mingjian.audit.services import record
from mingjian.documents.pdf import PdfError, pdf_available
from mingjian.duties import forms, services
from mingjian.duties import permissions as perms
from mingjian.duties.acts import acts_of, all_acts
from mingjian.duties.documents import build_report_docx, build_report_pdf, item_states, report_filename
from mingjian.duties.models import DutyEntry, DutyItem, DutyList
from mingjian.duties.progress import progress_of_lists
from mingjian.lib.http import AuthedRequest
from mingjian.org.decorators import business_page
from mingjian.org.permissions import get_visible_or_404
from mingjian.org.picker import Scope
from mingjian.workflow.services import history
from mingjian.workflow.views import run_transition

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _require(ok: bool) -> None:
    if not ok:
        raise Http404


@business_page
def list_index(request: AuthedRequest) -> HttpResponse:
    user = request.user
    form = forms.ListFilterForm(request.GET or None, units=Scope(user, "duties.list-units"))
    # Items and entries prefetched: each row's progress reads them (progress_of_lists).
    lists = (
        DutyList.objects.visible_to(user)
        .select_related("unit", "person")
        .prefetch_related("items", "entries")
    )
    if form.is_valid():
        data = form.cleaned_data
        for name in ("year", "kind", "status"):
            if data[name]:
                lists = lists.filter(**{name: data[name]})
        if data["unit"]:
            lists = lists.filter(unit__path__startswith=data["unit"].path)
    page = Paginator(lists.order_by("-year", "unit__path", "kind", "id"), 30).get_page(
        request.GET.get("page")
    )
    progress = progress_of_lists(list(page), user)
    rows = [(d, progress[d.pk]) for d in page]
    return render(request, "duties/list_index.html", {"form": form, "page": page, "rows": rows})


def _capabilities(user: Any, dlist: DutyList) -> dict[str, bool]:
    return {
        "can_fill": perms.can_fill(user, dlist) and dlist.status == DutyList.Status.OPEN,
        "can_submit": perms.can_submit(user, dlist),
        "can_review": perms.can_review(user, dlist),
    }


@business_page
def list_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    user = request.user
    dlist = get_visible_or_404(DutyList, user, pk=pk)
    by_source = acts_of(dlist, user)
    states = item_states(dlist, by_source)
    context = {
        "dlist": dlist,
        "states": states,
        "done": sum(1 for s in states if s.done),
        "acts": all_acts(by_source),
        "entries": dlist.entries.select_related("item", "created_by"),
        "history": history(dlist),
        "check_form": forms.CheckForm(),
        "entry_form": forms.EntryForm(dlist=dlist),
        "reason_form": forms.ReasonForm(),
        "comment_form": forms.CommentForm(),
        "can_pdf": pdf_available(),
        **_capabilities(user, dlist),
    }
    return render(request, "duties/list_detail.html", context)


@require_POST
@business_page
def list_action(request: AuthedRequest, pk: int, action: str) -> HttpResponse:
    user = request.user
    dlist = get_visible_or_404(DutyList, user, pk=pk)
    if action == "submit":
        _require(perms.can_submit(user, dlist))
        return run_transition(
            request, dlist, lambda: services.submit_list(dlist, by=user), "已报送履责情况。"
        )
    _require(action in ("accept", "return") and perms.can_review(user, dlist))
    if action == "accept":
        form: Any = forms.CommentForm(request.POST)
        form.is_valid()
        comment = form.cleaned_data.get("comment", "")
        return run_transition(
            request, dlist, lambda: services.accept_list(dlist, by=user, comment=comment), "已审核。"
        )
    form = forms.ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, "退回须写明理由。")
        return redirect(dlist)
    reason = form.cleaned_data["reason"]
    return run_transition(
        request, dlist, lambda: services.return_list(dlist, by=user, reason=reason), "已退回。"
    )


def _item(user: Any, pk: int) -> DutyItem:
    item = get_object_or_404(DutyItem.objects.visible_to(user).select_related("dlist__unit"), pk=pk)
    _require(perms.can_fill(user, item.dlist))
    return item


@require_POST
@business_page
def item_check(request: AuthedRequest, pk: int) -> HttpResponse:
    user = request.user
    item = _item(user, pk)
    form = forms.CheckForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, "；".join(str(m) for errs in form.errors.values() for m in errs))
        return redirect(item.dlist)
    data = form.cleaned_data
    return run_transition(
        request,
        item.dlist,
        lambda: services.check_item(item, by=user, note=data["note"], evidence=data["file"]),
        f"已记为已履行：{item.text}",
    )


@require_POST
@business_page
def item_uncheck(request: AuthedRequest, pk: int) -> HttpResponse:
    user = request.user
    item = _item(user, pk)
    return run_transition(request, item.dlist, lambda: services.uncheck_item(item, by=user), "已取消勾选。")


@require_POST
@business_page
def entry_add(request: AuthedRequest, pk: int) -> HttpResponse:
    user = request.user
    dlist = get_visible_or_404(DutyList, user, pk=pk)
    _require(perms.can_fill(user, dlist))
    form = forms.EntryForm(request.POST, request.FILES, dlist=dlist)
    if not form.is_valid():
        messages.error(request, "；".join(str(m) for errs in form.errors.values() for m in errs))
        return redirect(dlist)
    d = form.cleaned_data
    return run_transition(
        request,
        dlist,
        lambda: services.add_entry(
            dlist, by=user, happened_on=d["happened_on"], text=d["text"], item=d["item"], evidence=d["file"]
        ),
        "已登记履责记实。",
    )


@login_required
def entry_download(request: AuthedRequest, pk: int) -> FileResponse:
    entry = get_object_or_404(DutyEntry.objects.visible_to(request.user).exclude(file=""), pk=pk)
    record(request.user, "duties.entry.downloaded", entry, sha256=entry.sha256)
    return FileResponse(entry.file.open("rb"), as_attachment=True, filename=entry.name or "佐证材料")


def _attachment(dlist: DutyList, data: bytes, suffix: str, content_type: str) -> HttpResponse:
    name = report_filename(dlist, suffix).replace("/", "_")
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    return response


@business_page
def report_docx(request: AuthedRequest, pk: int) -> HttpResponse:
    dlist = get_visible_or_404(DutyList, request.user, pk=pk)
    data = build_report_docx(dlist, request.user)
    record(request.user, "duties.report.exported", dlist, format="docx")
    return _attachment(dlist, data, "docx", DOCX)


@business_page
def report_pdf(request: AuthedRequest, pk: int) -> HttpResponse:
    dlist = get_visible_or_404(DutyList, request.user, pk=pk)
    if not pdf_available():  # the link is hidden then; a typed URL is told why, not an error
        messages.info(request, "服务器未安装 LibreOffice，暂不能生成 PDF，请下载 Word 版。")
        return redirect(dlist)
    try:
        data = build_report_pdf(dlist, request.user)
    except PdfError as e:
        messages.error(request, str(e))
        return redirect(dlist)
    record(request.user, "duties.report.exported", dlist, format="pdf")
    return _attachment(dlist, data, "pdf", "application/pdf")
