"""The searched person picker (org.picker): a plain select for few candidates, a search box for
many; the search answers only from the field's signed scope, within what the viewer sees."""

from __future__ import annotations

from typing import Any

import pytest
from django import forms
from django.core import signing
from django.urls import reverse

from mingjian.org import picker
from mingjian.org.models import Person
from mingjian.org.picker import PersonChoiceField, Scope
from mingjian.org.tests.factories import PersonFactory

SEARCH = reverse("org:picker-search")


class _Form(forms.Form):
    person = PersonChoiceField(label="责任人")

    def __init__(self, *args: Any, people: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        picker.choose_from(self.fields["person"], people)


@pytest.fixture
def roster(org: Any) -> list[Person]:
    """Three cadres of 民政局 (one in its 社会救助科) and one of 财政局."""
    return [
        PersonFactory(name="王建国", unit=org.bureau_a, position="局长"),
        PersonFactory(name="李王芳", unit=org.a_dept, position="科长"),
        PersonFactory(name="赵敏", unit=org.bureau_a),
        PersonFactory(name="王财", unit=org.bureau_b),
    ]


def _scope(org: Any, user: Any = None, unit: Any = None) -> Scope:
    return Scope(user or org.liaison, "org.roster", {"unit": (unit or org.bureau_a).pk})


def test_few_candidates_render_every_option_without_a_search_box(org: Any, roster: list[Person]) -> None:
    html = str(_Form(people=_scope(org))["person"])
    assert "<select" in html and "hx-get" not in html
    assert "王建国（局长） · 测试市民政局" in html and "李王芳（科长） · 社会救助科" in html
    assert "王财" not in html  # 财政局 is not on 民政局's roster


def test_many_candidates_render_only_the_chosen_one_and_a_search_box(
    org: Any, roster: list[Person], settings: Any
) -> None:
    settings.PICKER_MAX_OPTIONS = 2
    html = str(_Form(people=_scope(org), initial={"person": roster[2]})["person"])
    assert f'hx-get="{SEARCH}"' in html and "data-mj-picker" in html
    assert f'<option value="{roster[2].pk}" selected>赵敏（科员） · 测试市民政局</option>' in html
    assert '<option value="">（在下方输入姓名查找）</option>' in html
    assert "王建国" not in html and "李王芳" not in html


def test_the_threshold_is_inclusive(org: Any, roster: list[Person], settings: Any) -> None:
    settings.PICKER_MAX_OPTIONS = 3  # 民政局 has exactly three
    assert "hx-get" not in str(_Form(people=_scope(org))["person"])


def test_a_bound_form_shows_the_posted_choice_only_if_it_is_a_candidate(
    org: Any, roster: list[Person], settings: Any
) -> None:
    settings.PICKER_MAX_OPTIONS = 1
    kept = str(_Form({"person": roster[1].pk}, people=_scope(org))["person"])
    assert f'<option value="{roster[1].pk}" selected>' in kept
    outside = _Form({"person": roster[3].pk}, people=_scope(org))
    assert "王财" not in str(outside["person"])


@pytest.mark.parametrize("size", [1, 200])
def test_a_posted_id_outside_the_scope_is_a_form_error(
    org: Any, roster: list[Person], settings: Any, size: int
) -> None:
    settings.PICKER_MAX_OPTIONS = size  # searched or plain, the same validation
    assert _Form({"person": roster[1].pk}, people=_scope(org)).is_valid()
    form = _Form({"person": roster[3].pk}, people=_scope(org))
    assert not form.is_valid()
    assert form.errors["person"] == ["所选人员不在可选范围内，请重新查找并选择。"]


def test_a_scope_never_reaches_past_what_the_viewer_sees(org: Any, roster: list[Person]) -> None:
    # 财政局's roster asked for by 民政局's liaison: the unit is not visible, so nobody.
    assert not Scope(org.liaison, "org.roster", {"unit": org.bureau_b.pk}).queryset.exists()
    assert set(_scope(org, user=org.child).queryset) == set()  # 科室 liaison, the 局's roster
    assert set(_scope(org, user=org.child, unit=org.a_dept).queryset) == {roster[1]}


def _search(client: Any, token: str, q: str) -> Any:
    return client.get(SEARCH, {"scope": token, "q": q})


def test_search_matches_prefix_first_then_contains(client: Any, org: Any, roster: list[Person]) -> None:
    PersonFactory(name="玌", unit=org.bureau_a)  # U+738C, right after 王: the range's end is open
    client.force_login(org.liaison)
    response = _search(client, _scope(org).token, "王")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.index("王建国") < html.index("李王芳")  # 王… before …王…
    assert "王财" not in html  # another unit's cadre, though the name matches
    assert f'data-mj-pick="{roster[0].pk}"' in html
    assert "赵敏" not in html and "玌" not in html


def test_search_says_when_nothing_matches_and_when_there_are_more(
    client: Any, org: Any, roster: list[Person]
) -> None:
    client.force_login(org.liaison)
    assert "没有找到可选的人员" in _search(client, _scope(org).token, "钱").content.decode()
    assert _search(client, _scope(org).token, "").content.decode().strip() == ""
    PersonFactory.create_batch(picker.SEARCH_LIMIT + 1, name="孙某", unit=org.bureau_a)
    html = _search(client, _scope(org).token, "孙").content.decode()
    assert html.count("data-mj-pick=") == picker.SEARCH_LIMIT and "只列出前 20 人" in html


def test_a_tampered_token_is_refused(client: Any, org: Any, roster: list[Person]) -> None:
    client.force_login(org.liaison)
    token = _scope(org).token
    assert _search(client, token[:-2] + ("aa" if token[-2:] != "aa" else "bb"), "王").status_code == 404
    # A token re-signed with another key (a client that guessed the format) is no better.
    forged = signing.dumps(
        {"u": org.liaison.pk, "s": "org.roster", "p": {"unit": org.bureau_b.pk}}, key="guess", salt="x"
    )
    assert _search(client, forged, "王").status_code == 404
    assert _search(client, "", "王").status_code == 404


def test_a_token_works_only_for_the_account_it_was_issued_to(
    client: Any, org: Any, roster: list[Person]
) -> None:
    client.force_login(org.outsider)
    response = _search(client, _scope(org).token, "王")  # the liaison's token
    assert response.status_code == 404 and "王建国" not in response.content.decode()


def test_an_unknown_scope_is_refused(client: Any, org: Any) -> None:
    client.force_login(org.liaison)
    token = picker.sign_scope(org.liaison, "org.everyone", {})
    assert _search(client, token, "王").status_code == 404


def test_a_token_for_a_unit_the_viewer_no_longer_sees_finds_nobody(
    client: Any, org: Any, roster: list[Person]
) -> None:
    # Signed by the server, but visibility is checked when the search runs, not when signed.
    client.force_login(org.liaison)
    token = picker.sign_scope(org.liaison, "org.roster", {"unit": org.bureau_b.pk})
    html = _search(client, token, "王").content.decode()
    assert "王财" not in html and "没有找到可选的人员" in html


def test_search_needs_a_business_account(client: Any, org: Any) -> None:
    assert _search(client, "x", "王").status_code == 302  # to the login page
    client.force_login(org.sysadmin)
    assert (
        _search(client, picker.sign_scope(org.sysadmin, "org.roster", {"unit": 1}), "王").status_code == 404
    )
