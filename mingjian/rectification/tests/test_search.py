"""The task list's keyword search: an index finds the candidates, the exact test keeps the phrase."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from mingjian.lib.search import TRIGGERS, HasTerms, document_terms, query_terms, selective
from mingjian.org.tests.factories import leader_of
from mingjian.rectification import services
from mingjian.rectification.models import ProblemType, Task
from mingjian.rectification.models import task as task_module
from mingjian.rectification.models.task import TASK_SEARCH
from mingjian.rectification.tests.factories import ProblemFactory, TaskFactory, clerk


def test_terms_are_characters_and_adjacent_pairs_never_across_punctuation() -> None:
    assert set(document_terms("公车私用。").split()) == {"公", "车", "私", "用", "公车", "车私", "私用"}
    # Full-width letters and digits meet their ASCII forms, capitals their small letters.
    assert document_terms("ＡＢ１") == document_terms("ab1")
    assert "车私" not in document_terms("公车，私用")
    # The title's pairs are the title's own: no pair joins the two texts.
    assert "用低" not in document_terms("公车私用", "低保")


def test_a_query_needs_its_pairs_or_its_lone_character() -> None:
    assert query_terms("低保金") == sorted(["低保", "保金"])
    assert query_terms("车") == ["车"]
    assert query_terms("公车 私用") == ["公车", "私用"]
    assert query_terms("——") == []


def _ids(params: dict[str, str]) -> set[int]:
    return set(Task.objects.filtered(params, timezone.localdate()).values_list("pk", flat=True))


@pytest.mark.django_db
def test_search_finds_measure_and_title_and_keeps_the_exact_phrase(org: Any) -> None:
    car = TaskFactory(problem__unit=org.bureau_a, problem__title="公车私用问题", measure="收回车辆钥匙")
    aid = TaskFactory(problem__unit=org.bureau_a, problem__title="救助审核不严", measure="复核低保金发放名单")
    # Holds every pair of 私用公车 but not the phrase: the index offers it, the exact test drops it.
    mixed = TaskFactory(problem__unit=org.bureau_a, problem__title="车私用公", measure="私用公车")
    assert _ids({"q": "公车私用"}) == {car.pk}
    assert _ids({"q": "低保"}) == {aid.pk}
    assert _ids({"q": "钥匙"}) == {car.pk}
    assert _ids({"q": "车"}) == {car.pk, mixed.pk}
    assert _ids({"q": "私用公车"}) == {mixed.pk}
    assert _ids({"q": "会议"}) == set()
    # Through the index alone: the candidates, pairs held in measure or title.
    candidates = set(
        Task.objects.filter(HasTerms(TASK_SEARCH, query_terms("私用"))).values_list("pk", flat=True)
    )
    assert candidates == {car.pk, mixed.pk}


@pytest.mark.django_db
def test_a_draft_edit_moves_the_task_in_the_index(org: Any) -> None:
    task = TaskFactory(
        problem__unit=org.bureau_a,
        problem__issuer=org.commission,
        status=Task.Status.DRAFT,
        measure="清退礼金",
    )
    services.update_draft_task(task, by=org.inspector, changes={"measure": "整治违规吃喝"})
    assert _ids({"q": "吃喝"}) == {task.pk}
    assert _ids({"q": "礼金"}) == set()
    assert set(Task.objects.filter(HasTerms(TASK_SEARCH, ["礼金"])).values_list("pk", flat=True)) == set()


@pytest.mark.django_db
def test_tasks_written_in_bulk_are_found(org: Any) -> None:
    plan = services.TaskPlan(
        title="违规发放津补贴",
        unit=org.bureau_a,
        problem_type=ProblemType.objects.first(),
        measure="追缴违规发放款项",
        leader=leader_of(org.bureau_a, username="boss"),
        person=clerk(org.bureau_a),
        due_date=timezone.localdate() + datetime.timedelta(days=60),
    )
    tasks = services.create_tasks([plan], issuer=org.commission, source="self_inspection", by=org.inspector)
    assert _ids({"q": "津补贴"}) == _ids({"q": "追缴"}) == {tasks[0].pk}


@pytest.mark.django_db
def test_the_list_page_and_the_api_search_the_same_way(client: Any, org: Any) -> None:
    hit = TaskFactory(problem__unit=org.bureau_a, problem__issuer=org.commission, measure="清理超标办公用房")
    TaskFactory(problem__unit=org.bureau_a, problem__issuer=org.commission, measure="规范公务接待")
    client.force_login(org.inspector)
    page = client.get(reverse("rectification:task-list"), {"q": "办公用房"})
    assert page.status_code == 200
    assert list(page.context["page"].object_list) == [hit]
    api = client.get("/api/tasks/", {"q": "办公用房"})
    assert [row["id"] for row in api.json()["results"]] == [hit.pk]


def _index_present() -> bool:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = %s", [TASK_SEARCH.gin_index])
            found = cursor.fetchone()
            return found is not None and "gin" in found[0] and "to_tsvector" in found[0]
        cursor.execute("SELECT name FROM sqlite_master WHERE name LIKE %s", [f"{TASK_SEARCH.fts_table}%"])
        names = {row[0] for row in cursor.fetchall()}
        return {TASK_SEARCH.fts_table, *(f"{TASK_SEARCH.fts_table}_{n}" for n in TRIGGERS)} <= names


@pytest.mark.django_db
def test_the_index_is_put_back_by_migrate_when_something_dropped_it(org: Any) -> None:
    """A later migration that rebuilds the task table on SQLite drops its triggers; a restore
    by hand may lose an index. `migrate` (post_migrate) puts it back and re-reads the rows."""
    assert _index_present()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"DROP INDEX {TASK_SEARCH.gin_index}")
        else:
            cursor.execute(f"DROP TRIGGER {TASK_SEARCH.fts_table}_ai")
    assert not _index_present()
    missed = TaskFactory(problem__unit=org.bureau_a, measure="整治形式主义")
    if (
        connection.vendor == "postgresql"
    ):  # the test's transaction: PostgreSQL indexes no table with checks pending
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    call_command("migrate", verbosity=0)
    assert _index_present()
    assert _ids({"q": "形式主义"}) == {missed.pk}
    later = TaskFactory(problem__unit=org.bureau_a, measure="纠治官僚主义")
    assert _ids({"q": "官僚"}) == {later.pk}


def test_problem_factory_titles_reach_the_terms(db: Any, org: Any) -> None:
    problem = ProblemFactory(unit=org.bureau_a, title="违规收受礼品礼金")
    task = TaskFactory(problem=problem, unit=org.bureau_a)
    assert "礼品" in task.search_terms.split()


@pytest.mark.django_db
@pytest.mark.parametrize("candidates", [0, 1_000_000])
def test_walked_or_read_through_the_index_the_answer_is_the_same(
    org: Any, candidates: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """0: every word counts as common, so the list is walked with the exact test alone; a
    million: every word is rare enough to read its candidates through the index first."""
    monkeypatch.setattr(task_module, "SEARCH_CANDIDATES", candidates)
    car = TaskFactory(problem__unit=org.bureau_a, problem__title="公车私用问题", measure="收回车辆钥匙")
    mixed = TaskFactory(problem__unit=org.bureau_a, problem__title="车私用公", measure="私用公车")
    TaskFactory(problem__unit=org.bureau_a, problem__title="救助审核不严", measure="复核低保金发放名单")
    assert _ids({"q": "公车私用"}) == {car.pk}
    assert _ids({"q": "车"}) == {car.pk, mixed.pk}
    assert _ids({"q": "会议"}) == set()
    assert selective(connection, TASK_SEARCH, ["公车"], candidates) is (candidates > 0)
