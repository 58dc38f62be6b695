"""Rectification work on top of the province-scale tree: cases, problems, tasks and
responsibilities for the page and export benchmarks."""

from __future__ import annotations

import random
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from itertools import islice
from typing import Any

from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.models import Max, Model

from mingjian.cases.models import Case, CasePerson, ViolationType
from mingjian.lib.search import document_terms
from mingjian.org.models import Person, Unit, User
from mingjian.rectification.models import Problem, ProblemType, Responsibility, Task

from .tree import GIVEN, PREFIX, SURNAMES, WEIGHT, K, scale_units

# ---- rectification work on top of the tree: cases, problems, tasks, responsibilities ------------
#
# A million tasks through bulk_create would spend minutes building model objects (see the note
# on people above), so these rows go in as plain tuples: executemany on SQLite, COPY on
# PostgreSQL. Values are adapted with the backend's own adapters, so they read back exactly as
# the ORM would have written them. Cases are few and go through bulk_create.

TASKS_PER_PROBLEM = 2
WORK_CHUNK = 20_000
# Share of tasks per status, roughly a city's ledger in its second year.
STATUS_MIX = (
    ("draft", 3),
    ("issued", 12),
    ("in_progress", 35),
    ("submitted", 8),
    ("returned", 2),
    ("accepted", 40),
)
CATEGORY_MIX = (("immediate", 20), ("deadline", 70), ("long_term", 10))
SOURCE_MIX = (("recommendation", 30), ("inspection", 30), ("campaign", 15), ("self_inspection", 25))
PROBLEM_STEMS = (
    "低保审核把关不严",
    "专项资金拨付不及时",
    "公务接待超标准",
    "工程项目招投标不规范",
    "三重一大决策程序不落实",
    "惠民补贴发放不精准",
    "公车使用管理不严",
    "财务报销票据不合规",
)
MEASURE_STEMS = ("修订制度并组织学习", "开展专项自查", "建立台账逐项销号", "追缴违规资金", "约谈相关责任人")
WORK_START = date(2025, 1, 6)  # first problems two years before the benchmark date


@dataclass(frozen=True)
class GeneratedWork:
    cases: int
    problems: int
    tasks: int
    seconds: dict[str, float]

    @property
    def rows(self) -> int:
        # Each task carries one 牵头 responsibility row.
        return self.cases + self.problems + 2 * self.tasks


def _copy_rows(cursor: Any, table: str, cols: list[str], rows: Iterable[tuple[Any, ...]]) -> int:
    done = 0
    with cursor.cursor.copy(f"COPY {table} ({', '.join(cols)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)
            done += 1
    return done


def _insert(model: type[Model], fields: tuple[str, ...], rows: Iterable[tuple[Any, ...]]) -> int:
    """Insert plain tuples (in `fields` order) into the model's table; returns the row count."""
    qn = connection.ops.quote_name
    table = qn(model._meta.db_table)
    cols = [qn(model._meta.get_field(f).column) for f in fields]  # type: ignore[union-attr, arg-type]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            return _copy_rows(cursor, table, cols, rows)
        # Table and column names come from model metadata, never from input.
        sql = f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join(['%s'] * len(cols))})"  # noqa: S608
        done, it = 0, iter(rows)
        while chunk := list(islice(it, WORK_CHUNK)):
            cursor.executemany(sql, chunk)
            done += len(chunk)
    return done


def _first_id(model: type[Model]) -> int:
    return int(model._default_manager.aggregate(m=Max("id"))["m"] or 0) + 1


def _issuers(units: list[Unit]) -> dict[int, int]:
    """unit id → the 纪委监委 of its nearest government (province, city or county)."""
    commission_of = {u.parent_id: u.pk for u in units if u.kind == K.COMMISSION and u.parent_id}
    issuers = {}
    for unit in units:
        ancestors = [int(x) for x in unit.path.strip("/").split("/")]
        issuers[unit.pk] = next(commission_of[a] for a in reversed(ancestors) if a in commission_of)
    return issuers


def _work_units(units: list[Unit]) -> tuple[list[int], list[int]]:
    """Units that own problems, with cumulative weights: bigger units get more work."""
    owners = [u for u in units if u.kind not in (K.COMMISSION, K.STATIONED)]
    weights, acc = [], 0
    for u in owners:
        acc += WEIGHT[u.kind]
        weights.append(acc)
    return [u.pk for u in owners], weights


def _pick(mix: tuple[tuple[str, int], ...]) -> tuple[list[str], list[int]]:
    values, cum, acc = [], [], 0
    for value, share in mix:
        acc += share
        values.append(value)
        cum.append(acc)
    return values, cum


def _leaders(units: list[Unit], rng: random.Random) -> dict[int, int]:
    """One 责任领导 account per unit (no password, no roles): unit id → user id."""
    first = _first_id(User)
    users = [
        User(
            id=first + i,
            username=f"{PREFIX}leader-{u.pk}",
            full_name=rng.choice(SURNAMES) + rng.choice(GIVEN),
            unit_id=u.pk,
            password="!",  # noqa: S106  (unusable, what set_unusable_password() writes)
        )
        for i, u in enumerate(units)
    ]
    User.objects.bulk_create(users, batch_size=1_000)
    return {u.pk: user.pk for u, user in zip(units, users, strict=True)}


def _cases(count: int, owners: list[int], cum: list[int], rng: random.Random) -> list[int]:
    """典型案例 with one or two concerned people and a violation type each; returns their ids."""

    types = list(ViolationType.objects.values_list("pk", flat=True))
    publicity = [Case.Publicity.UNIT] * 6 + [Case.Publicity.FIELD] * 3 + [Case.Publicity.CITY]
    span = (date.today() - WORK_START).days  # noqa: DTZ011  (a calendar date for fake data)
    cases = []
    for i, unit_id in enumerate(rng.choices(owners, cum_weights=cum, k=count)):
        stem = rng.choice(PROBLEM_STEMS)
        cases.append(
            Case(
                title=f"{rng.choice(SURNAMES)}某某{stem}问题（{i + 1}）",
                unit_id=unit_id,
                notice_text=f"经查，{stem}，造成不良影响。依据有关规定，给予党内警告处分。" * 3,
                notice_date=WORK_START + timedelta(days=rng.randrange(span)),
                publicity=rng.choice(publicity),
            )
        )
    made = Case.objects.bulk_create(cases, batch_size=500)
    people = [
        CasePerson(case=c, name=rng.choice(SURNAMES) + rng.choice(GIVEN), position="科长", sort_order=k)
        for c in made
        for k in range(rng.choice((1, 1, 2)))
    ]
    CasePerson.objects.bulk_create(people, batch_size=1_000)
    through = Case.violation_types.through
    through.objects.bulk_create([through(case_id=c.pk, violationtype_id=rng.choice(types)) for c in made])
    return [c.pk for c in made]


@dataclass
class _WorkPlan:
    """What the task rows need to know about their problems, kept as flat lists of ints."""

    first_problem: int
    units: list[int]  # problem index → unit id
    days: list[int]  # problem index → days after WORK_START the problem was raised
    leaders: dict[int, int]
    today: date
    people: dict[int, list[int]]  # unit id → its people (the 干部名册 a 责任人 comes from)
    # problem index → source, filled as the problem rows are drawn (tasks carry their problem's)
    sources: list[str] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)  # problem index → title (the tasks' search terms)


def _at(day: date, hour_utc: int = 1) -> Any:
    # 09:00 Beijing; the backend adapter turns it into what the ORM would store.
    return connection.ops.adapt_datetimefield_value(
        datetime(day.year, day.month, day.day, hour_utc, tzinfo=UTC)
    )


def _problem_rows(
    plan: _WorkPlan, issuers: dict[int, int], cases: list[int], types: list[int], rng: random.Random
) -> Iterator[tuple[Any, ...]]:
    # No queries in here: on PostgreSQL the rows are drawn while COPY holds the connection.
    sources, cum = _pick(SOURCE_MIX)
    for j, (unit_id, day) in enumerate(zip(plan.units, plan.days, strict=True)):
        source = rng.choices(sources, cum_weights=cum)[0]
        plan.sources.append(source)
        case_id = rng.choice(cases) if cases and source == "recommendation" else None
        stamp = _at(WORK_START + timedelta(days=day))
        title = f"{rng.choice(PROBLEM_STEMS)}（{j + 1}）"
        plan.titles.append(title)
        ptype = rng.choice(types)
        yield (
            plan.first_problem + j,
            unit_id,
            issuers[unit_id],
            source,
            ptype,
            title,
            "",
            case_id,
            stamp,
            stamp,
        )


PROBLEM_FIELDS = (
    "id",
    "unit",
    "issuer",
    "source",
    "problem_type",
    "title",
    "description",
    "case",
    "created_at",
    "updated_at",
)
TASK_FIELDS = (
    "id",
    "problem",
    "unit",
    "measure",
    "category",
    "due_date",
    "due_provisional",
    "normalized",
    "status",
    "progress",
    "round",
    "issued_at",
    "submitted_at",
    "accepted_at",
    "verification",
    "verification_note",
    "created_at",
    "updated_at",
    "source",
    "campaign",
    "problem_title",
    "search_terms",
)
RESPONSIBILITY_FIELDS = ("id", "task", "unit", "role", "leader", "person")
_REACHED_SUBMIT = frozenset({"submitted", "accepted"})


def _task_row(pk: int, j: int, plan: _WorkPlan, rng: random.Random, mixes: Any) -> tuple[Any, ...]:
    """One task of problem j: a realistic status, category and deadline for when it was raised."""
    (statuses, status_cum), (categories, category_cum) = mixes
    status = rng.choices(statuses, cum_weights=status_cum)[0]
    category = rng.choices(categories, cum_weights=category_cum)[0]
    raised = WORK_START + timedelta(days=plan.days[j])
    due = None if category == "long_term" else raised + timedelta(days=rng.randint(15, 365))
    issued = min(plan.today, raised + timedelta(days=1))
    submitted = min(plan.today, issued + timedelta(days=rng.randint(5, 60)))
    accepted = min(plan.today, submitted + timedelta(days=rng.randint(1, 10)))
    adapt = connection.ops.adapt_datefield_value
    measure = f"{rng.choice(MEASURE_STEMS)}（{pk}）"
    return (
        pk,
        plan.first_problem + j,
        plan.units[j],
        measure,
        category,
        adapt(due),
        False,
        False,
        status,
        "已完成阶段性整改" if status not in ("draft", "issued") else "",
        1,
        _at(issued) if status != "draft" else None,
        _at(submitted) if status in _REACHED_SUBMIT else None,
        _at(accepted) if status == "accepted" else None,
        "written" if status == "accepted" else "",
        "",
        _at(raised),
        _at(accepted if status == "accepted" else raised),
        plan.sources[j],
        None,
        plan.titles[j],
        document_terms(measure, plan.titles[j]),
    )


def _task_and_lead_rows(
    plan: _WorkPlan, tasks: int, first_task: int, first_resp: int, rng: random.Random
) -> tuple[Iterator[tuple[Any, ...]], Iterator[tuple[Any, ...]]]:
    """Task rows, then (after they are consumed) the matching 牵头 responsibility rows."""
    mixes = (_pick(STATUS_MIX), _pick(CATEGORY_MIX))

    def task_rows() -> Iterator[tuple[Any, ...]]:
        for i in range(tasks):
            yield _task_row(first_task + i, i // TASKS_PER_PROBLEM, plan, rng, mixes)

    def lead_rows() -> Iterator[tuple[Any, ...]]:
        for i in range(tasks):
            unit_id = plan.units[i // TASKS_PER_PROBLEM]
            roster = plan.people.get(unit_id)
            person = rng.choice(roster) if roster else None
            yield (first_resp + i, first_task + i, unit_id, "lead", plan.leaders.get(unit_id), person)

    return task_rows(), lead_rows()


def _reset_work_sequences() -> None:

    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(
            no_style(), [User, Case, CasePerson, Problem, Task, Responsibility]
        ):
            cursor.execute(sql)


def _lock_work_tables() -> None:
    # As for units: nobody may insert between reading max(id) and using the ids after it.

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for model in (User, Problem, Task, Responsibility):
                cursor.execute(f"LOCK TABLE {model._meta.db_table} IN SHARE ROW EXCLUSIVE MODE")


def _plan_work(units: list[Unit], cases: int, tasks: int, rng: random.Random, today: date) -> Any:
    """Leaders and cases written; the problem plan (unit and date per problem) drawn."""

    owners, cum = _work_units(units)
    owner_set = set(owners)
    leaders = _leaders([u for u in units if u.pk in owner_set], rng)
    case_ids = _cases(cases, owners, cum, rng)
    problems = -(-tasks // TASKS_PER_PROBLEM)
    span = (today - WORK_START).days
    plan = _WorkPlan(
        first_problem=_first_id(Problem),
        units=rng.choices(owners, cum_weights=cum, k=problems),
        days=[rng.randrange(span) for _ in range(problems)],
        leaders=leaders,
        today=today,
        people=_people_by_unit(owner_set),
    )
    return plan, case_ids


def _people_by_unit(units: set[int]) -> dict[int, list[int]]:
    found: dict[int, list[int]] = {}
    for unit_id, pk in Person.objects.values_list("unit_id", "pk").iterator():
        if unit_id in units:
            found.setdefault(unit_id, []).append(pk)
    return found


def generate_work(
    cases: int = 3_000, tasks: int = 1_000_000, seed: int = 2026, today: date | None = None
) -> GeneratedWork:
    """Cases, problems, tasks and their 牵头 responsibilities on the scale tree, in one transaction."""
    from django.utils import timezone

    if work_exists():
        raise RuntimeError("scale work data already present; wipe_work() it first")
    units = scale_units()
    if not units:
        raise RuntimeError("no scale organisation: generate() it first")
    rng = random.Random(seed + 1)
    today, seconds = today or timezone.localdate(), {}
    with transaction.atomic():
        _lock_work_tables()
        start = time.perf_counter()
        plan, case_ids = _plan_work(units, cases, tasks, rng, today)
        seconds["cases"], start = time.perf_counter() - start, time.perf_counter()
        types = list(ProblemType.objects.values_list("pk", flat=True))
        rows = _problem_rows(plan, _issuers(units), case_ids, types, rng)
        problems = _insert(Problem, PROBLEM_FIELDS, rows)
        seconds["problems"], start = time.perf_counter() - start, time.perf_counter()
        task_rows, lead_rows = _task_and_lead_rows(
            plan, tasks, _first_id(Task), _first_id(Responsibility), rng
        )
        made = _insert(Task, TASK_FIELDS, task_rows)
        seconds["tasks"], start = time.perf_counter() - start, time.perf_counter()
        _insert(Responsibility, RESPONSIBILITY_FIELDS, lead_rows)
        _reset_work_sequences()
        seconds["responsibilities"] = time.perf_counter() - start
    return GeneratedWork(len(case_ids), problems, made, seconds)


def work_exists() -> bool:

    return Task.objects.filter(unit__code__startswith=PREFIX).exists()


def wipe_work() -> dict[str, int]:
    """Delete the cases, problems, tasks and responsibilities owned by scale units.

    Raw deletes (no per-row cascade in Python): the generator creates nothing else that points
    at these rows. Evidence, reviews … added by hand in a bench database would block this."""

    scale, db = Unit.objects.filter(code__startswith=PREFIX), Unit.objects.db
    cases = Case.objects.filter(unit__in=scale)
    with transaction.atomic():
        deleted = {
            "responsibilities": Responsibility.objects.filter(task__unit__in=scale)._raw_delete(db),
            "tasks": Task.objects.filter(unit__in=scale)._raw_delete(db),
            "problems": Problem.objects.filter(unit__in=scale)._raw_delete(db),
        }
        CasePerson.objects.filter(case__in=cases)._raw_delete(db)
        Case.violation_types.through.objects.filter(case__in=cases)._raw_delete(db)
        deleted["cases"] = cases._raw_delete(db)
    return deleted
