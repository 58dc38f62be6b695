"""建章立制设置: a 纪检监察 body's months from 施行 to the 制度执行检查 and between 回头看."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render

from mingjian.lib.forms import save_through
from mingjian.lib.http import AuthedRequest
from mingjian.rectification.permissions import issuer_for
from mingjian.regulations import forms, services
from mingjian.regulations import permissions as perms
from mingjian.regulations.models import RegulationPolicy


@login_required
def policy_page(request: AuthedRequest) -> HttpResponse:
    issuer = issuer_for(request.user)
    if issuer is None or not perms.can_set_policy(request.user, issuer):
        raise Http404
    policy = RegulationPolicy.for_issuer(issuer)
    initial = {"check_months": policy.check_months, "review_months": policy.review_months}
    form = forms.PolicyForm(request.POST or None, initial=initial)

    def save() -> RegulationPolicy:
        return services.save_policy(issuer, by=request.user, **form.cleaned_data)

    saved = save_through(form, save) if request.method == "POST" and form.is_valid() else None
    if saved is not None:
        messages.success(request, "已保存，此后印发施行的制度按新设置安排检查。")
        return redirect("regulations:policy")
    return render(request, "regulations/policy.html", {"form": form, "issuer": issuer})
