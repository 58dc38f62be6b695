from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import password_validation

from mingjian.lib.forms import StyledForm
from mingjian.org.models import Person, Role, Unit, User
from mingjian.org.picker import UnitChoiceField


class LoginForm(StyledForm, forms.Form):
    username = forms.CharField(label="用户名", max_length=150)
    password = forms.CharField(label="密码", widget=forms.PasswordInput)


class UnitForm(StyledForm, forms.ModelForm[Unit]):
    class Meta:
        model = Unit
        fields = [
            "name",
            "short_name",
            "full_name",
            "code",
            "doc_code",
            "office_name",
            "parent",
            "kind",
            "field",
            "supervised_units",
            "sort_order",
            "is_active",
        ]
        widgets = {"supervised_units": forms.SelectMultiple(attrs={"size": 6})}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("supervised_units") and data.get("kind") != Unit.Kind.STATIONED:
            self.add_error("supervised_units", "只有派驻机构可以设置监督单位。")
        return data


class PersonForm(StyledForm, forms.ModelForm[Person]):
    class Meta:
        model = Person
        fields = ["name", "unit", "position", "level", "is_party_member", "is_active"]

    def __init__(self, *args: Any, units: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if units is not None:
            self.fields["unit"].queryset = units  # type: ignore[attr-defined]


class PasswordField(forms.CharField):
    widget = forms.PasswordInput


class NewUserForm(StyledForm, forms.Form):
    username = forms.RegexField(
        label="用户名",
        regex=r"^[A-Za-z0-9_.-]{3,30}$",
        error_messages={"invalid": "用户名为 3–30 位字母、数字或 _ . -"},
    )
    full_name = forms.CharField(label="姓名", max_length=50)
    unit = UnitChoiceField(label="所属单位", queryset=Unit.objects.all())
    phone = forms.CharField(label="联系电话", max_length=30, required=False)
    email = forms.EmailField(label="电子邮箱", required=False)
    password = PasswordField(label="初始密码")

    def clean_username(self) -> str:
        username: str = self.cleaned_data["username"]
        if User.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError("用户名已存在。")
        return username

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("password"):
            probe = User(username=data.get("username", ""), full_name=data.get("full_name", ""))
            try:
                password_validation.validate_password(data["password"], probe)
            except forms.ValidationError as e:
                self.add_error("password", e)
        return data


class UserEditForm(StyledForm, forms.ModelForm[User]):
    class Meta:
        model = User
        fields = ["full_name", "unit", "person", "phone", "email"]


class RoleGrantForm(StyledForm, forms.Form):
    role = forms.ChoiceField(label="角色", choices=Role.choices)
    unit = UnitChoiceField(label="范围单位", queryset=Unit.objects.all())


class SetPasswordForm(StyledForm, forms.Form):
    password = PasswordField(label="新密码")
    password2 = PasswordField(label="确认新密码")

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("password") != data.get("password2"):
            self.add_error("password2", "两次输入的密码不一致。")
        elif data.get("password"):
            try:
                password_validation.validate_password(data["password"], self.user)
            except forms.ValidationError as e:
                self.add_error("password", e)
        return data


class ChangePasswordForm(SetPasswordForm):
    old_password = PasswordField(label="当前密码")
    field_order = ["old_password", "password", "password2"]

    def clean_old_password(self) -> str:
        old: str = self.cleaned_data["old_password"]
        if not self.user.check_password(old):
            raise forms.ValidationError("当前密码不正确。")
        return old
