"""专项行动模板: the built-in ones (read, copied) and the body's own (copied, then edited)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from mingjian.lib.http import AuthedRequest
from mingjian.org.decorators import business_page
from mingjian.org.permissions import get_visible_or_404, is_supervisor
from mingjian.rectification import services
from mingjian.rectification.campaign_forms import TemplateForm, TemplatePhaseFormSet
from mingjian.rectification.models import CampaignTemplate
from mingjian.rectification.permissions import can_edit_template, can_set_up_for, issuer_for
from mingjian.workflow.services import TransitionError


@business_page
def template_list(request: AuthedRequest) -> HttpResponse:
    if not is_supervisor(request.user):
        raise Http404  # templates are the supervising bodies' working tools
    templates = CampaignTemplate.objects.visible_to(request.user).prefetch_related("phases")
    rows = [(t, can_edit_template(request.user, t)) for t in templates]
    issuer = issuer_for(request.user)
    can_copy = issuer is not None and can_set_up_for(request.user, issuer)
    return render(request, "rectification/template_list.html", {"rows": rows, "can_copy": can_copy})


@require_POST
@login_required
def template_copy(request: AuthedRequest, pk: int) -> HttpResponse:
    template = get_visible_or_404(CampaignTemplate, request.user, pk=pk)
    issuer = issuer_for(request.user)
    if issuer is None or not can_set_up_for(request.user, issuer):
        raise Http404
    copy = services.copy_template(template, by=request.user, issuer=issuer)
    messages.success(request, f"已复制为本单位模板“{copy.name}”，可修改后使用。")
    return redirect("rectification:template-edit", copy.pk)


@login_required
def template_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    template = get_visible_or_404(CampaignTemplate, request.user, pk=pk)
    if not can_edit_template(request.user, template):
        raise Http404
    initial = [
        {"name": p.name, "start_day": p.start_day, "end_day": p.end_day, "requirement": p.requirement}
        for p in template.phases.all()
    ]
    form = TemplateForm(request.POST or None, instance=template)
    formset = TemplatePhaseFormSet(request.POST or None, initial=initial, prefix="phase")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        phases = [p for f in formset.forms if (p := f.phase()) is not None]
        try:
            services.save_template(template, by=request.user, phases=phases, **form.cleaned_data)
        except TransitionError as e:
            messages.error(request, str(e))
        else:
            messages.success(request, "模板已保存。")
            return redirect("rectification:template-list")
    context = {"template": template, "form": form, "formset": formset}
    return render(request, "rectification/template_form.html", context)
