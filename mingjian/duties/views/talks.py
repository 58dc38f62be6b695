"""谈话函询 pages: the list, drafting and editing a record, its page and its transitions."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from mingjian.cases.models import Case, Recommendation
from mingjian.duties import forms, services
from mingjian.duties import permissions as perms
from mingjian.duties.display import masked
from mingjian.duties.models import Talk
from mingjian.lib.forms import save_through
from mingjian.lib.http import AuthedRequest, parse_id
from mingjian.org.decorators import business_page
from mingjian.org.permissions import get_visible_or_404
from mingjian.org.picker import Scope
from mingjian.rectification.models import Task
from mingjian.workflow.services import history
from mingjian.workflow.views import run_transition

S = Talk.Status


def _require(ok: bool) -> None:
    if not ok:
        raise Http404


@business_page
def talk_list(request: AuthedRequest) -> HttpResponse:
    user = request.user
    talks = Talk.objects.visible_to(user).select_related("issuer", "unit", "subject", "talker")
    status = request.GET.get("status", "")
    if status in S.values:
        talks = talks.filter(status=status)
    page = Paginator(talks.order_by("-planned_on", "-id"), 30).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "statuses": S.choices,
        "status": status,
        "can_create": perms.can_draft_talk(user),
    }
    return render(request, "duties/talk_list.html", context)


def prefill(request: AuthedRequest) -> dict[str, Any]:
    """?task= / ?recommendation= / ?case= from the record that calls for the talk, if visible."""
    user, found = request.user, {}
    for name, model in (("task", Task), ("recommendation", Recommendation), ("case", Case)):
        pk = parse_id(request.GET.get(name))
        obj = model.objects.visible_to(user).filter(pk=pk).first() if pk else None
        if obj is not None:
            found[name] = obj
    return found


def _form(request: AuthedRequest, initial: dict[str, Any]) -> forms.TalkForm:
    user = request.user
    return forms.TalkForm(
        request.POST or None,
        user=user,
        subjects=Scope(user, "duties.talk-subjects"),
        talkers=Scope(user, "duties.talkers"),
        initial=initial,
    )


def _save(request: AuthedRequest, form: forms.TalkForm, talk: Talk | None) -> Talk | None:
    if talk is None:
        return save_through(form, lambda: services.create_talk(form.to_input(), by=request.user))
    return save_through(form, lambda: services.update_talk(talk, form.to_input(), by=request.user))


@business_page
def talk_form(request: AuthedRequest, pk: int | None = None) -> HttpResponse:
    user = request.user
    talk = get_visible_or_404(Talk, user, pk=pk) if pk else None
    if talk is None:
        _require(perms.can_draft_talk(user))
        initial = prefill(request)
    else:
        _require(perms.can_edit_talk(user, talk) and talk.status == S.DRAFT)
        initial = forms.talk_initial(talk)
    form = _form(request, initial)
    if request.method == "POST" and form.is_valid() and (saved := _save(request, form, talk)):
        messages.success(request, "已保存。")
        return redirect(saved)
    issuer = talk.issuer if talk else perms.issuer_of(user)
    return render(request, "duties/talk_form.html", {"form": form, "talk": talk, "issuer": issuer})


@business_page
def talk_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    user = request.user
    talk = get_visible_or_404(Talk, user, pk=pk)
    context = {
        "talk": talk,
        "reason": masked(talk.reason, talk.case, user),
        "record": masked(talk.record, talk.case, user),
        "history": history(talk),
        "can_edit": perms.can_edit_talk(user, talk),
        "can_approve": perms.can_approve_talk(user, talk),
        "reason_form": forms.ReasonForm(),
        "comment_form": forms.CommentForm(),
        "complete_form": forms.CompleteForm(),
    }
    return render(request, "duties/talk_detail.html", context)


# action → (its form, the service call with the form's data, the message when done)
FORM_ACTIONS: dict[str, tuple[Any, Any, str]] = {
    "approve": (
        forms.CommentForm,
        lambda talk, by, d: services.approve_talk(talk, by=by, comment=d["comment"]),
        "已批准。",
    ),
    "return": (
        forms.ReasonForm,
        lambda talk, by, d: services.return_talk(talk, by=by, reason=d["reason"]),
        "已退回。",
    ),
    "complete": (
        forms.CompleteForm,
        lambda talk, by, d: services.complete_talk(
            talk, by=by, held_on=d["held_on"], record_text=d["record"]
        ),
        "已登记谈话情况。",
    ),
    "cancel": (
        forms.ReasonForm,
        lambda talk, by, d: services.cancel_talk(talk, by=by, reason=d["reason"]),
        "已取消。",
    ),
}


@require_POST
@business_page
def talk_action(request: AuthedRequest, pk: int, action: str) -> HttpResponse:
    user = request.user
    talk = get_visible_or_404(Talk, user, pk=pk)
    _require(action == "submit" or action in FORM_ACTIONS)
    deciding = action in ("approve", "return")
    _require(perms.can_approve_talk(user, talk) if deciding else perms.can_edit_talk(user, talk))
    if action == "submit":
        return run_transition(request, talk, lambda: services.submit_talk(talk, by=user), "已报批。")
    form_class, call, done = FORM_ACTIONS[action]
    form = form_class(request.POST)
    if not form.is_valid():
        messages.error(request, "；".join(str(m) for errs in form.errors.values() for m in errs))
        return redirect(talk)
    return run_transition(request, talk, lambda: call(talk, user, form.cleaned_data), done)
