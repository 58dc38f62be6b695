"""Pages for signing in, the home page, the org tree, people, accounts and roles."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import login, logout, update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from mingjian.lib.http import AuthedRequest
from mingjian.lib.todos import sections_for
from mingjian.org import permissions, picker, services
from mingjian.org.auth import LoginError, sign_in
from mingjian.org.decorators import business_page
from mingjian.org.forms import (
    ChangePasswordForm,
    LoginForm,
    NewUserForm,
    PersonForm,
    RoleGrantForm,
    SetPasswordForm,
    UnitForm,
    UserEditForm,
)
from mingjian.org.models import Person, RoleAssignment, Unit, User
from mingjian.org.permissions import get_visible_or_404

UNIT_FIELDS = [
    "name",
    "short_name",
    "full_name",
    "code",
    "doc_code",
    "office_name",
    "kind",
    "field",
    "sort_order",
    "is_active",
]


def _safe_next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    ok = url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure())
    return target if ok and target else "/"


def login_view(request: HttpRequest) -> HttpResponse:
    form = LoginForm(request.POST or None)
    error = ""
    if request.method == "POST" and form.is_valid():
        try:
            user = sign_in(request, form.cleaned_data["username"], form.cleaned_data["password"])
        except LoginError as e:
            error = str(e)
        else:
            login(request, user)
            if user.has_demo_password:
                messages.warning(request, "您正在使用演示密码，正式使用前请修改密码。")
            return redirect(_safe_next(request))
    return render(
        request,
        "registration/login.html",
        {"form": form, "error": error, "next": request.GET.get("next", "")},
    )


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    messages.info(request, "您已安全退出。")
    return redirect("login")


@login_required
def password_change(request: AuthedRequest) -> HttpResponse:
    user = request.user
    form = ChangePasswordForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        services.change_own_password(user, password=form.cleaned_data["password"])
        update_session_auth_hash(request, user)
        messages.success(request, "密码已修改。")
        return redirect("home")
    return render(request, "org/password_change.html", {"form": form})


@login_required
def home(request: AuthedRequest) -> HttpResponse:
    return render(request, "home.html", {"sections": sections_for(request.user)})


# ---- units ---------------------------------------------------------------------------------


@login_required
def unit_list(request: AuthedRequest) -> HttpResponse:
    if not permissions.can_read_org_tree(request.user):
        raise Http404
    units = Unit.objects.visible_to(request.user).order_by("path")
    q = request.GET.get("q", "").strip()
    if q:
        units = units.filter(name__contains=q)
    # A province has thousands of units: a page of them, counting the cadres of that page only.
    page = Paginator(units, 100).get_page(request.GET.get("page"))
    counts = Person.objects.active_counts(page.object_list)
    return render(
        request,
        "org/unit_list.html",
        {
            "rows": [(unit, counts.get(unit.pk, 0)) for unit in page.object_list],
            "page": page,
            "q": q,
            "can_manage": permissions.can_manage_units(request.user),
        },
    )


@login_required
def unit_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    user = request.user
    unit = get_visible_or_404(Unit, user, pk=pk)
    people = Paginator(Person.objects.visible_to(user).filter(unit=unit), 50)
    return render(
        request,
        "org/unit_detail.html",
        {
            "unit": unit,
            # Units the viewer may not see are never named, not even as a parent or supervisee.
            "ancestors": unit.ancestors().visible_to(user),
            "children": Unit.objects.visible_to(user).filter(parent=unit),
            "people": people.get_page(request.GET.get("page")),
            "supervised": unit.supervised_units.visible_to(user),
            "can_manage": permissions.can_manage_units(user),
            "can_manage_people": permissions.can_manage_people(user, unit),
        },
    )


@login_required
def unit_form(request: AuthedRequest, pk: int | None = None) -> HttpResponse:
    user = request.user
    unit = get_visible_or_404(Unit, user, pk=pk) if pk else None
    if not permissions.can_manage_units(user):
        raise Http404
    before = services.snapshot(unit, UNIT_FIELDS) if unit else None
    form = UnitForm(request.POST or None, instance=unit, initial={"parent": request.GET.get("parent")})
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.save_unit(form.save(commit=False), by=user, before=before)
            form.save_m2m()
        except ValidationError as e:
            form.add_error(None, e)
        else:
            messages.success(request, f"已保存单位“{saved.name}”。")
            return redirect(saved)
    return render(request, "org/unit_form.html", {"form": form, "unit": unit})


# ---- people --------------------------------------------------------------------------------


@login_required
def person_form(request: AuthedRequest, pk: int | None = None) -> HttpResponse:
    user = request.user
    person = get_visible_or_404(Person, user, pk=pk) if pk else None
    unit_id = person.unit_id if person else request.GET.get("unit") or request.POST.get("unit")
    unit = get_visible_or_404(Unit, user, pk=unit_id) if unit_id else None
    if unit is None or not permissions.can_manage_people(user, unit):
        raise Http404
    units = (
        Unit.objects.visible_to(user) if permissions.can_manage_units(user) else Unit.objects.subtree(unit)
    )
    form = PersonForm(request.POST or None, instance=person, initial={"unit": unit}, units=units)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.save_person(form.save(commit=False), by=user)
        except PermissionDenied:
            form.add_error("unit", "无权在该单位维护干部信息。")
        else:
            messages.success(request, f"已保存干部“{saved.name}”。")
            return redirect(saved.unit)
    return render(request, "org/person_form.html", {"form": form, "person": person, "unit": unit})


# ---- accounts and roles ------------------------------------------------------------------------


def _require(ok: bool) -> None:
    if not ok:
        raise Http404


@login_required
def user_list(request: AuthedRequest) -> HttpResponse:
    user = request.user
    _require(permissions.can_manage_users(user) or permissions.can_manage_roles(user))
    users = User.objects.visible_to(user).select_related("unit").prefetch_related("roles")
    q = request.GET.get("q", "").strip()
    if q:
        users = users.filter(Q(username__icontains=q) | Q(full_name__contains=q))
    page = Paginator(users, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "org/user_list.html",
        {
            "page": page,
            "q": q,
            "can_create": permissions.can_manage_users(user),
        },
    )


@login_required
def user_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    user = request.user
    _require(permissions.can_manage_users(user) or permissions.can_manage_roles(user))
    account = get_visible_or_404(User, user, pk=pk)
    return render(
        request,
        "org/user_detail.html",
        {
            "account": account,
            "assignments": RoleAssignment.objects.filter(user=account).select_related("unit"),
            "grant_form": RoleGrantForm(),
            "password_form": SetPasswordForm(user=account),
            "is_locked": account.locked_until is not None,
            "can_manage_users": permissions.can_manage_users(user),
            "can_manage_roles": permissions.can_manage_roles(user),
        },
    )


@login_required
def user_create(request: AuthedRequest) -> HttpResponse:
    user = request.user
    _require(permissions.can_manage_users(user))
    form = NewUserForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        account = services.create_user(by=user, **form.cleaned_data)
        messages.success(request, f"已创建用户 {account.username}，请由安全管理员授予角色。")
        return redirect("org:user-detail", pk=account.pk)
    return render(request, "org/user_form.html", {"form": form})


@login_required
def user_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    user = request.user
    _require(permissions.can_manage_users(user))
    account = get_visible_or_404(User, user, pk=pk)
    form = UserEditForm(request.POST or None, instance=account)
    if request.method == "POST" and form.is_valid():
        services.save_user(form.save(commit=False), by=user, changed=form.changed_data)
        messages.success(request, "已保存。")
        return redirect("org:user-detail", pk=account.pk)
    return render(request, "org/user_form.html", {"form": form, "account": account})


@require_POST
@login_required
def user_set_active(request: AuthedRequest, pk: int) -> HttpResponse:
    user = request.user
    _require(permissions.can_manage_users(user))
    account = get_visible_or_404(User, user, pk=pk)
    try:
        services.set_user_active(account, by=user, active=request.POST.get("active") == "1")
    except ValidationError as e:
        messages.error(request, "；".join(e.messages))
    return redirect("org:user-detail", pk=account.pk)


@require_POST
@login_required
def user_unlock(request: AuthedRequest, pk: int) -> HttpResponse:
    user = request.user
    _require(permissions.can_manage_roles(user))
    account = get_visible_or_404(User, user, pk=pk)
    services.unlock_user(account, by=user)
    messages.success(request, f"已解除 {account.username} 的锁定。")
    return redirect("org:user-detail", pk=account.pk)


@require_POST
@login_required
def user_reset_password(request: AuthedRequest, pk: int) -> HttpResponse:
    user = request.user
    _require(permissions.can_manage_roles(user))
    account = get_visible_or_404(User, user, pk=pk)
    form = SetPasswordForm(request.POST, user=account)
    if form.is_valid():
        services.reset_password(account, by=user, password=form.cleaned_data["password"])
        messages.success(request, f"已重置 {account.username} 的密码。")
    else:
        messages.error(request, "密码未重置：" + "；".join(_errors(form)))
    return redirect("org:user-detail", pk=account.pk)


@require_POST
@login_required
def role_grant(request: AuthedRequest, pk: int) -> HttpResponse:
    user = request.user
    _require(permissions.can_manage_roles(user))
    account = get_visible_or_404(User, user, pk=pk)
    form = RoleGrantForm(request.POST)
    if not form.is_valid():
        messages.error(request, "授权失败：" + "；".join(_errors(form)))
        return redirect("org:user-detail", pk=account.pk)
    try:
        services.grant_role(account, by=user, role=form.cleaned_data["role"], unit=form.cleaned_data["unit"])
    except ValidationError as e:
        messages.error(request, "；".join(e.messages))
    else:
        messages.success(request, "已授予角色。")
    return redirect("org:user-detail", pk=account.pk)


@require_POST
@login_required
def role_revoke(request: AuthedRequest, pk: int) -> HttpResponse:
    user = request.user
    _require(permissions.can_manage_roles(user))
    assignment = get_object_or_404(RoleAssignment, pk=pk)
    account_pk = get_visible_or_404(User, user, pk=assignment.user_id).pk
    services.revoke_role(assignment, by=user)
    messages.success(request, "已撤销角色。")
    return redirect("org:user-detail", pk=account_pk)


def _errors(form: Any) -> list[str]:
    return [str(m) for errs in form.errors.values() for m in errs]


@business_page
def picker_search(request: AuthedRequest) -> HttpResponse:
    """The search box of a large searched picker (org.picker): matches from the field's signed scope."""
    q = request.GET.get("q", "")
    try:
        matches = picker.search_results(request.user, request.GET.get("scope", ""), q)
    except picker.ScopeError:
        raise Http404 from None  # altered, expired or another account's: as if never offered
    return render(request, "org/_picker_matches.html", {"matches": matches, "q": q.strip()})
