"""The searched picker's other kinds — units, cases, tasks, 建议书 — through the same machinery as
people (test_picker.py): few candidates render a select, many a search box; a POST outside the
scope is a form error; the search answers only from the viewer's scope; a token altered → 404.

Each kind is set up for 民政局's liaison, with one record of 民政局 (a candidate) and one of
财政局 (outside their scope) whose labels share the searched word.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from django import forms
from django.urls import reverse

from mingjian.cases.models import Recommendation
from mingjian.cases.picking import CaseChoiceField, RecommendationChoiceField
from mingjian.cases.tests.factories import CaseFactory, CasePersonFactory, RecommendationFactory
from mingjian.org.models import Field
from mingjian.org.picker import Scope, UnitChoiceField, UnitMultipleChoiceField, choose_from
from mingjian.org.tests.factories import UnitFactory
from mingjian.rectification.models import Task
from mingjian.rectification.picking import TaskChoiceField
from mingjian.rectification.tests.factories import TaskFactory

SEARCH = reverse("org:picker-search")


@dataclass
class Kind:
    scope: str
    field: type[forms.Field]
    inside: Any  # a candidate
    outside: Any  # matches the same word, not the liaison's to see
    label: str  # the candidate's label in a listed select
    word: str  # a search word both records' labels contain
    error: str


def _units(org: Any) -> Kind:
    return Kind(
        "education.acting-units",
        UnitChoiceField,
        org.bureau_a,
        org.bureau_b,
        "测试市民政局",
        "局",
        "所选单位不在可选范围内，请重新查找并选择。",
    )


def _tasks(org: Any) -> Kind:
    def task(unit: Any) -> Task:
        return TaskFactory(  # type: ignore[no-any-return]
            problem__unit=unit,
            problem__issuer=org.commission,
            status=Task.Status.IN_PROGRESS,
            measure="开展低保对象大数据比对",
        )

    inside = task(org.bureau_a)
    return Kind(
        "duties.linked-tasks",
        TaskChoiceField,
        inside,
        task(org.bureau_b),
        "测试市民政局：开展低保对象大数据比对（整改中，时限2026-12-31）",
        "大数据",
        "所选整改任务不在可选范围内，请重新查找并选择。",
    )


def _cases(org: Any) -> Kind:
    inside = CaseFactory(unit=org.bureau_a, title="违规审批低保问题")
    return Kind(
        "cases.visible",
        CaseChoiceField,
        inside,
        CaseFactory(unit=org.bureau_b, title="违规发放补贴问题"),
        "违规审批低保问题（测试市民政局）",
        "违规",
        "所选案例不在可选范围内，请重新查找并选择。",
    )


def _recommendations(org: Any) -> Kind:
    def rec(unit: Any) -> Recommendation:
        return RecommendationFactory(unit=unit, issuer=org.commission, issued=True)  # type: ignore[no-any-return]

    inside = rec(org.bureau_a)
    return Kind(
        "duties.linked-recommendations",
        RecommendationChoiceField,
        inside,
        rec(org.bureau_b),
        f"{inside.number} · 主送测试市民政局（已送达）",
        "测纪建",
        "所选建议书不在可选范围内，请重新查找并选择。",
    )


KINDS = {"unit": _units, "task": _tasks, "case": _cases, "recommendation": _recommendations}


@pytest.fixture(params=list(KINDS))
def kind(request: Any, org: Any) -> Kind:
    return KINDS[request.param](org)  # type: ignore[no-any-return]


def _form(kind: Kind, user: Any, data: Any = None, initial: Any = None) -> forms.Form:
    form = forms.Form(data, initial=initial)
    form.fields["pick"] = kind.field(label="选择", required=False)
    choose_from(form.fields["pick"], Scope(user, kind.scope))
    return form


def test_few_candidates_render_a_plain_select(kind: Kind, org: Any) -> None:
    html = str(_form(kind, org.liaison)["pick"])
    assert "<select" in html and "hx-get" not in html
    assert f'<option value="{kind.inside.pk}">{kind.label}</option>' in html
    assert f'value="{kind.outside.pk}"' not in html


def test_many_candidates_render_the_chosen_one_and_a_search_box(kind: Kind, org: Any, settings: Any) -> None:
    settings.PICKER_MAX_OPTIONS = 0  # one candidate is already too many to list
    empty = str(_form(kind, org.liaison)["pick"])
    assert f'hx-get="{SEARCH}"' in empty and f'value="{kind.inside.pk}"' not in empty
    chosen = str(_form(kind, org.liaison, initial={"pick": kind.inside.pk})["pick"])
    assert f'<option value="{kind.inside.pk}" selected>' in chosen


@pytest.mark.parametrize("size", [0, 200])
def test_a_posted_id_outside_the_scope_is_refused(kind: Kind, org: Any, settings: Any, size: int) -> None:
    settings.PICKER_MAX_OPTIONS = size  # searched or listed, the same validation
    assert _form(kind, org.liaison, {"pick": kind.inside.pk}).is_valid()
    form = _form(kind, org.liaison, {"pick": kind.outside.pk})
    assert not form.is_valid() and form.errors["pick"] == [kind.error]


def test_search_answers_only_from_the_viewers_scope(kind: Kind, org: Any, client: Any) -> None:
    client.force_login(org.liaison)
    html = client.get(
        SEARCH, {"scope": Scope(org.liaison, kind.scope).token, "q": kind.word}
    ).content.decode()
    assert f'data-mj-pick="{kind.inside.pk}"' in html
    assert f'data-mj-pick="{kind.outside.pk}"' not in html
    # The other unit's liaison, with their own token, finds theirs and not this one.
    client.force_login(org.outsider)
    theirs = client.get(SEARCH, {"scope": Scope(org.outsider, kind.scope).token, "q": kind.word})
    assert f'data-mj-pick="{kind.inside.pk}"' not in theirs.content.decode()


def test_an_altered_or_borrowed_token_is_404(kind: Kind, org: Any, client: Any) -> None:
    token = Scope(org.liaison, kind.scope).token
    client.force_login(org.liaison)
    altered = token[:-2] + ("aa" if token[-2:] != "aa" else "bb")
    assert client.get(SEARCH, {"scope": altered, "q": kind.word}).status_code == 404
    client.force_login(org.outsider)
    assert client.get(SEARCH, {"scope": token, "q": kind.word}).status_code == 404


def test_a_scope_of_another_kind_is_not_accepted_by_a_field(org: Any) -> None:
    with pytest.raises(TypeError):
        choose_from(UnitChoiceField(label="单位"), Scope(org.liaison, "cases.visible"))


def test_a_searched_unit_shows_the_ancestors_the_viewer_sees(org: Any, client: Any) -> None:
    # For 民政局's liaison the city is not visible: 社会救助科 is shown under 民政局 only.
    client.force_login(org.liaison)
    token = Scope(org.liaison, "education.acting-units").token
    html = client.get(SEARCH, {"scope": token, "q": "救助"}).content.decode()
    assert "社会救助科（测试市民政局）" in html and "测试市 ›" not in html
    client.force_login(org.parent)  # the city's leader sees the whole chain
    token = Scope(org.parent, "education.acting-units").token
    assert (
        "社会救助科（测试市 › 测试市民政局）"
        in client.get(SEARCH, {"scope": token, "q": "救助"}).content.decode()
    )


def test_several_units_searched_keep_every_chosen_one(org: Any, settings: Any) -> None:
    settings.PICKER_MAX_OPTIONS = 1
    form = forms.Form(initial={"units": [org.bureau_a.pk, org.a_dept.pk]})
    form.fields["units"] = UnitMultipleChoiceField(label="对象单位", indent=True)
    choose_from(form.fields["units"], Scope(org.parent, "education.acting-units"))
    html = str(form["units"])
    assert "multiple" in html and f'hx-get="{SEARCH}"' in html
    assert f'<option value="{org.bureau_a.pk}" selected>测试市民政局（测试市）</option>' in html
    assert f'<option value="{org.a_dept.pk}" selected>社会救助科（测试市 › 测试市民政局）</option>' in html
    assert f'value="{org.bureau_b.pk}"' not in html


def test_a_case_is_found_only_by_the_title_its_reader_sees(org: Any, client: Any) -> None:
    # The liaison reads names masked: the real name finds nothing, the masked one finds the case.
    case = CaseFactory(unit=org.bureau_a, title="王大明违规审批低保问题")
    CasePersonFactory(case=case, name="王大明")
    client.force_login(org.liaison)
    token = Scope(org.liaison, "cases.visible").token
    real = client.get(SEARCH, {"scope": token, "q": "王大明"}).content.decode()
    assert f'data-mj-pick="{case.pk}"' not in real and "没有找到可选的案例" in real
    masked = client.get(SEARCH, {"scope": token, "q": "王某某"}).content.decode()
    assert f'data-mj-pick="{case.pk}"' in masked and "王大明" not in masked


def test_a_task_is_found_by_its_number(org: Any, client: Any) -> None:
    kind = _tasks(org)
    client.force_login(org.liaison)
    token = Scope(org.liaison, "duties.linked-tasks").token
    html = client.get(SEARCH, {"scope": token, "q": f"#{kind.inside.pk}"}).content.decode()
    assert f'data-mj-pick="{kind.inside.pk}"' in html
    html = client.get(SEARCH, {"scope": token, "q": str(kind.outside.pk)}).content.decode()
    assert f'data-mj-pick="{kind.outside.pk}"' not in html


def test_extension_units_come_only_from_a_case_the_viewer_analyses(org: Any) -> None:
    # 类案延伸: units of the case's field in scope; a signed case id of another unit gives none.
    mine = CaseFactory(unit=org.bureau_a)
    theirs = CaseFactory(unit=org.bureau_b)
    district = UnitFactory(name="某区民政局", code="qmz", parent=org.city, field=Field.CIVIL_AFFAIRS)
    found = set(Scope(org.inspector, "cases.extend-units", {"case": mine.pk}).queryset)
    assert found == {district}  # same field, not the case's own unit, not 财政局
    assert not Scope(org.liaison, "cases.extend-units", {"case": theirs.pk}).queryset.exists()
    assert set(Scope(org.inspector, "cases.recordable-units").queryset) >= {org.bureau_a, org.bureau_b}
    assert not Scope(org.liaison, "cases.recordable-units").queryset.exists()  # no 纪检 role


def test_a_list_unit_filter_lists_the_viewers_units_and_is_searched_past_the_limit(
    org: Any, client: Any, settings: Any
) -> None:
    from mingjian.org.picker import UnitFilterForm

    listed = UnitFilterForm({"unit": str(org.bureau_a.pk)}, user=org.liaison, label="单位/科室")
    html = str(listed["unit"])
    assert 'id="f-unit"' in html and f'value="{org.bureau_a.pk}" selected' in html
    assert "社会救助科" in html and "测试市财政局" not in html and "-search" not in html
    settings.PICKER_MAX_OPTIONS = 1
    searched = str(UnitFilterForm({"unit": str(org.bureau_b.pk)}, user=org.liaison, label="单位")["unit"])
    assert 'data-testid="f-unit-search"' in searched
    assert "测试市财政局" not in searched  # an id outside the scope is never named
    client.force_login(org.liaison)
    page = client.get(reverse("risks:risk-list")).content.decode()
    assert 'data-testid="f-unit-search"' in page
    holes = client.get(reverse("regulations:loophole-list")).content.decode()
    assert 'id="unit"' in holes and "测试市民政局" in holes and "测试市财政局" not in holes
    client.force_login(org.inspector)  # the city's units, 内设机构 aside: more than one
    assert 'data-testid="unit-search"' in client.get(reverse("regulations:loophole-list")).content.decode()
