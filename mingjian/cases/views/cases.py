"""典型案例库 pages: import a 通报 (parse → confirm → save), the filtered list, the detail."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render

from mingjian.cases import prefill, services
from mingjian.cases.display import shows_real_names
from mingjian.cases.forms import MAX_UPLOAD, CaseConfirmForm, CaseFilterForm, NoticeSourceForm
from mingjian.cases.models import Case, CaseAnalysis, Form, Recommendation, ViolationType
from mingjian.cases.notice import NoticeSourceError, check_length, extract_text, is_notice, parse_notices
from mingjian.cases.panels import panels_for
from mingjian.cases.reads import record_read
from mingjian.lib.http import AuthedRequest, parse_id
from mingjian.org import permissions
from mingjian.org.decorators import business_page
from mingjian.org.permissions import get_visible_or_404
from mingjian.org.picker import Scope


@login_required
def case_import(request: AuthedRequest) -> HttpResponse:
    if not permissions.is_supervisor(request.user):
        raise Http404
    if request.method == "POST" and "confirm" in request.POST:
        return _confirm(request)
    source = NoticeSourceForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and source.is_valid():
        try:
            text = _read_source(source.cleaned_data)
        except NoticeSourceError as e:
            source.add_error("file" if source.cleaned_data.get("file") else "text", str(e))
        else:
            forms = _confirm_forms(request.user, text)
            if forms:
                return render(request, "cases/case_import_confirm.html", {"forms": forms})
            messages.warning(
                request,
                "未能从文本中识别出通报内容（应包含人员、违纪事实或处分）。请检查文本后重试，未保存任何数据。",
            )
    return render(request, "cases/case_import.html", {"source": source})


def _read_source(data: dict[str, Any]) -> str:
    upload = data.get("file")
    if upload is None:
        text = str(data["text"])
        check_length(text)  # the same cap as for a file, with its Chinese message
        return text
    if upload.size > MAX_UPLOAD:
        raise NoticeSourceError(f"文件过大（{upload.size // 1024} KB），上限为 5 MB。")
    return extract_text(upload.read(), upload.name, max_bytes=MAX_UPLOAD)


def _confirm_forms(user: Any, text: str) -> list[CaseConfirmForm]:
    if not is_notice(text):
        return []
    units = Scope(user, "cases.recordable-units")  # one scope: its size is read once for every form
    unit_list, vocabulary = list(units.queryset), list(ViolationType.objects.all())
    forms = []
    for i, parsed in enumerate(parse_notices(text)):
        initial = prefill.initial_from(parsed, unit_list, vocabulary)
        forms.append(
            CaseConfirmForm(
                prefix=f"c{i}", initial=initial, units=units, flags=prefill.flags_for(parsed, initial)
            )
        )
    return forms


def _confirm(request: AuthedRequest) -> HttpResponse:
    count = parse_id(request.POST.get("count")) or 0
    units = Scope(request.user, "cases.recordable-units")
    forms = [CaseConfirmForm(request.POST, prefix=f"c{i}", units=units) for i in range(min(count, 50))]
    chosen = [f for f in forms if request.POST.get(f"{f.prefix}-keep") == "on"]
    if not chosen:
        messages.error(request, "请至少选择一个要保存的案例。")
    elif all(f.is_valid() for f in chosen):
        drafts = [_draft(f) for f in chosen]
        try:
            cases = services.import_cases(drafts, by=request.user)
        except PermissionDenied:
            messages.error(request, "无权为所选单位录入案例。")
        except ValidationError as e:
            messages.error(request, "未保存：" + "；".join(e.messages))
        else:
            messages.success(request, f"已保存 {len(cases)} 个典型案例。")
            return redirect(cases[0] if len(cases) == 1 else "cases:case-list")
    return render(request, "cases/case_import_confirm.html", {"forms": forms})


def _draft(form: CaseConfirmForm) -> services.CaseDraft:
    data = form.cleaned_data
    return services.CaseDraft(
        persons=form.persons.rows(),
        violation_types=list(data["violation_types"]),
        **{name: data[name] for name in services.CASE_FIELDS},
    )


@business_page
def case_list(request: AuthedRequest) -> HttpResponse:
    cases = Case.objects.visible_to(request.user).select_related("unit").prefetch_related("persons")
    form = CaseFilterForm(request.GET or None, units=Scope(request.user, "org.units-in-scope"))
    if form.is_valid():
        cases = cases.filtered(form.cleaned_data, request.user)
    page = Paginator(cases, 30).get_page(request.GET.get("page"))
    return render(
        request,
        "cases/case_list.html",
        {
            "form": form,
            "page": page,
            "forms_summary": _forms_summary(cases, page.paginator.count),
            "can_import": permissions.is_supervisor(request.user),
        },
    )


def _forms_summary(cases: Any, total: int) -> list[tuple[str, int, int]]:
    """(形态, 案件数, 人次) over the listed (visible, filtered) cases; `total` of them."""
    by_case, by_person = cases.counts_by_form(total)
    return [(label, by_case.get(value, 0), by_person.get(value, 0)) for value, label in Form.choices]


@login_required
def case_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    case = get_visible_or_404(Case, request.user, pk=pk)
    real_names = shows_real_names(request.user, case)
    record_read(request.user, case, via="page")
    in_scope = Case.objects.in_unit_scope(request.user).filter(pk=case.pk).exists()
    return render(
        request,
        "cases/case_detail.html",
        {
            "case": case,
            "real_names": real_names,
            "in_scope": in_scope,
            "persons": case.persons.all(),
            "violations": case.violation_types.all(),
            "analysis": CaseAnalysis.objects.filter(case=case).first() if in_scope else None,
            "recommendations": Recommendation.objects.visible_to(request.user).filter(case=case),
            "panels": panels_for(case, request.user),
        },
    )
