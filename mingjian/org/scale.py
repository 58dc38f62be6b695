"""A province-scale organisation for benchmarks: thousands of units, hundreds of thousands of cadres.

province → ~14 cities → ~10 counties each → bureaus + townships → villages. Everything it
creates has a code (or username) starting with `PREFIX`, so `wipe()` removes exactly this data
and nothing a developer typed in. The functions are importable so later benchmarks can add
their own rows (cases, tasks…) on top of `generate()` and extend `wipe()`.

Rows are written with `bulk_create`, which bypasses `Unit.save()`: the ids are chosen here and
the paths computed in Python, because saving 2,000 units one by one (two writes each) is what
this module exists to avoid.
"""

from __future__ import annotations

import math
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

from mingjian.org.models import Field, Person, Role, RoleAssignment, Unit, User

PREFIX = "scale-"
K = Unit.Kind
F = Field
L = Person.Level

# (code, name stem, field): the first bureaus are the ones the demo city has, so scenarios
# written against the demo (民政/财政 liaisons…) have a counterpart at every level.
BUREAUS: tuple[tuple[str, str, str], ...] = (
    ("mz", "民政", F.CIVIL_AFFAIRS),
    ("cz", "财政", F.FINANCE),
    ("jy", "教育", F.EDUCATION),
    ("zr", "自然资源", F.NATURAL_RESOURCES),
    ("wj", "卫生健康", F.HEALTH),
    ("rs", "人力资源社会保障", F.HUMAN_RESOURCES),
    ("zj", "住房城乡建设", F.HOUSING),
    ("jt", "交通运输", F.TRANSPORT),
    ("nn", "农业农村", F.AGRICULTURE),
    ("sl", "水利", F.WATER),
)
PROVINCE_BUREAUS = 10  # 厅 under the province
CITY_BUREAUS = 6  # 局 under each city
COUNTY_BUREAUS = 4  # 局 under each county, as in the demo city
STATIONED_GROUPS = 2  # 派驻纪检组 under the provincial commission
MAX_CITIES = 14
MAX_COUNTIES = 10  # per city
DISTRICTS_PER_CITY = 2  # the first counties of a city are urban 区 (with 街道 and 社区)
# Units that are not counties' townships or villages: the root, its commission and groups, SOE.
PROVINCE_FIXED = 1 + 1 + STATIONED_GROUPS + PROVINCE_BUREAUS + 1
CITY_FIXED = 1 + 1 + CITY_BUREAUS + 1  # city, commission, bureaus, 城投集团
COUNTY_FIXED = 1 + 1 + COUNTY_BUREAUS  # county, commission, bureaus


def _pairs(names: str) -> tuple[str, ...]:
    """Two-character place names written back to back (one line instead of thirty)."""
    return tuple(names[i : i + 2] for i in range(0, len(names), 2))


CITY_NAMES = _pairs("青州云川临江安平白河长宁东阳南溪北原泰和永丰金城凤鸣石泉")
PLACE_STEMS = _pairs(
    "清河平山柳林桃源龙门松溪高阳宁远太和乐平新安丰城大荔白马西湖青石龙泉河湾莲塘荷花东门北关文昌新华湖滨望湖杏林梅岭竹溪兰亭"
)
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建文斌宇浩凯鹏辉玲晨红亮志国海燕波林鑫婷欣莉雪梅琳健峰成东帆瑞"
PARTY_SHARE = 0.85

# Leader titles (each held once per unit) and the title of everyone else, by unit kind; the
# same titles as demo.POSITIONS. A unit's leaders rank by its tier (see LEADER_LEVEL).
ROSTERS: dict[str, tuple[tuple[str, ...], str]] = {
    K.PARTY_GOVT: (("党组书记、局长", "党组成员、副局长", "副局长"), "一级主任科员"),
    K.DEPARTMENT: (("科长", "副科长"), "科员"),
    K.INSTITUTION: (("院长", "副院长"), "财务科长"),
    K.TOWNSHIP: (("党委书记", "镇长", "纪委书记", "民政办主任"), "科员"),
    K.VILLAGE: (("党支部书记、村委会主任",), "村委委员"),
    K.COMMISSION: (("书记、主任", "副书记、副主任"), "纪检监察员"),
    K.STATIONED: (("组长", "副组长"), "纪检监察员"),
    K.SOE: (("党委书记、董事长", "总经理", "财务部经理"), "职员"),
}
# Relative head count by kind; a province-level unit is larger than a city-level one, and so on.
WEIGHT: dict[str, int] = {K.PARTY_GOVT: 6, K.COMMISSION: 5, K.STATIONED: 2, K.INSTITUTION: 4, K.SOE: 8}
WEIGHT |= {K.TOWNSHIP: 4, K.VILLAGE: 1, K.DEPARTMENT: 2}
TIER_WEIGHT = (4, 2, 1)
# A government's leaders rank LEVELS[tier] (省长 中管, 市长 厅局级, 县长 县处级); the leaders of
# the units under it one rank lower (省厅 厅局级 … 县局 and townships 乡科级).
LEVELS = (L.CENTRAL, L.BUREAU, L.COUNTY, L.TOWNSHIP)
HEADS = ("省长", "市长", "县长")

PEOPLE_CHUNK = 5_000  # Person objects held in memory at once


@dataclass(frozen=True)
class Shape:
    """How many units of each layer the requested unit count allows."""

    cities: int
    counties_per_city: int
    townships: int
    villages: int

    @property
    def skeleton(self) -> int:
        per_city = CITY_FIXED + self.counties_per_city * COUNTY_FIXED
        return PROVINCE_FIXED + self.cities * per_city


def plan_shape(units: int) -> Shape:
    """Keep the administrative skeleton at most half the units; the rest is grassroots."""
    cities, counties = 1, 1
    for c in range(MAX_CITIES, 0, -1):
        if Shape(c, MAX_COUNTIES, 0, 0).skeleton <= units // 2:
            cities, counties = c, MAX_COUNTIES
            break
    else:
        for k in range(MAX_COUNTIES, 0, -1):
            if Shape(1, k, 0, 0).skeleton <= units // 2:
                counties = k
                break
    rest = max(0, units - Shape(cities, counties, 0, 0).skeleton)
    # Townships per county ~ sqrt(grassroots per county / 3): about 3x as many villages per
    # township as townships per county, as in a real county (10 towns of 15-30 villages).
    n_counties = cities * counties
    townships = min(rest, max(n_counties, round(math.sqrt(rest * n_counties / 3))))
    return Shape(cities, counties, townships, rest - townships)


@dataclass
class TreeBuilder:
    """Unit objects with ids chosen up front, so every path is known before any insert."""

    next_id: int
    units: list[Unit] = field(default_factory=list)
    tier: dict[int, int] = field(default_factory=dict)  # unit id -> 0 province, 1 city, 2 county
    governments: set[int] = field(default_factory=set)  # the province, city and county roots
    _children: dict[int, int] = field(default_factory=dict)

    def add(self, parent: Unit | None, code: str, name: str, kind: str, fld: str = F.GENERAL) -> Unit:
        pk = self.next_id
        self.next_id += 1
        order = 0
        if parent is not None:
            order = self._children[parent.pk] = self._children.get(parent.pk, 0) + 1
        unit = Unit(
            id=pk,
            code=f"{PREFIX}{code}",
            name=name,
            kind=kind,
            field=fld,
            parent=parent,
            path=f"{parent.path}{pk}/" if parent else f"/{pk}/",
            depth=parent.depth + 1 if parent else 0,
            sort_order=order,
        )
        self.units.append(unit)
        self.tier[pk] = self.tier[parent.pk] if parent else 0
        return unit

    def add_government(self, parent: Unit | None, code: str, name: str, tier: int) -> Unit:
        unit = self.add(parent, code, name, K.PARTY_GOVT)
        self.tier[unit.pk] = tier
        self.governments.add(unit.pk)
        return unit


def _commission(b: TreeBuilder, parent: Unit, code: str, name: str, groups: int = 0) -> None:
    jw = b.add(parent, f"{code}-jw", f"{name}纪委监委", K.COMMISSION, F.DISCIPLINE)
    for g in range(1, groups + 1):
        b.add(jw, f"{code}-pz{g}", f"派驻第{g}纪检监察组", K.STATIONED, F.DISCIPLINE)


def _bureaus(b: TreeBuilder, parent: Unit, code: str, name: str, *, count: int, suffix: str) -> None:
    for bcode, stem, fld in BUREAUS[:count]:
        b.add(parent, f"{code}-{bcode}", f"{name}{stem}{suffix}", K.PARTY_GOVT, fld)


def _skeleton(b: TreeBuilder, shape: Shape) -> list[Unit]:
    """Province, cities and counties with their commissions and bureaus; returns the counties."""
    province = b.add_government(None, "p", "S省", 0)
    _commission(b, province, "p", "省", STATIONED_GROUPS)
    _bureaus(b, province, "p", "省", count=PROVINCE_BUREAUS, suffix="厅")
    b.add(province, "p-soe", "省交通投资集团有限公司", K.SOE, F.STATE_ASSETS)
    counties: list[Unit] = []
    for c in range(1, shape.cities + 1):
        ccode, cname = f"c{c:02d}", f"{CITY_NAMES[(c - 1) % len(CITY_NAMES)]}市"
        city = b.add_government(province, ccode, cname, 1)
        _commission(b, city, ccode, cname)
        _bureaus(b, city, ccode, cname, count=CITY_BUREAUS, suffix="局")
        b.add(city, f"{ccode}-soe", f"{cname}城市建设投资集团有限公司", K.SOE, F.STATE_ASSETS)
        for k in range(1, shape.counties_per_city + 1):
            kcode = f"{ccode}-k{k:02d}"
            stem = PLACE_STEMS[(c * 7 + k) % len(PLACE_STEMS)]
            kname = f"{stem}{'区' if k <= DISTRICTS_PER_CITY else '县'}"
            county = b.add_government(city, kcode, kname, 2)
            _commission(b, county, kcode, kname)
            _bureaus(b, county, kcode, kname, count=COUNTY_BUREAUS, suffix="局")
            counties.append(county)
    return counties


def _grassroots(b: TreeBuilder, counties: list[Unit], shape: Shape) -> None:
    """Townships dealt round-robin over the counties, then villages over the townships."""
    towns: list[Unit] = []
    for i in range(shape.townships):
        county, n = counties[i % len(counties)], i // len(counties) + 1
        street = county.name.endswith("区")
        # Step 7 is coprime with the 30 stems: siblings get distinct names up to 30 of them.
        name = PLACE_STEMS[(i % len(counties) + n * 7) % len(PLACE_STEMS)] + ("街道" if street else "镇")
        towns.append(b.add(county, f"{county.code[len(PREFIX) :]}-t{n}", name, K.TOWNSHIP, F.GRASSROOTS))
    for j in range(shape.villages):
        town, n = towns[j % len(towns)], j // len(towns) + 1
        name = PLACE_STEMS[(j % len(towns) + n * 7) % len(PLACE_STEMS)]
        name += "社区" if town.name.endswith("街道") else "村"
        b.add(town, f"{town.code[len(PREFIX) :]}-v{n}", name, K.VILLAGE, F.GRASSROOTS)


def build_units(units: int, first_id: int) -> TreeBuilder:
    """The planned tree, not yet saved; exactly `units` rows (parents always precede children)."""
    shape = plan_shape(units)
    b = TreeBuilder(next_id=first_id)
    counties = _skeleton(b, shape)
    if shape.townships:
        _grassroots(b, counties, shape)
    # Below the minimum skeleton the tree is cut; a prefix keeps every parent before its child.
    b.units = b.units[:units]
    return b


def _head_counts(b: TreeBuilder, people: int) -> list[int]:
    """People per unit, proportional to the unit's weight, summing to exactly `people`."""
    weights = [WEIGHT[u.kind] * TIER_WEIGHT[b.tier[u.pk]] for u in b.units]
    total, acc, done, counts = sum(weights), 0, 0, []
    for w in weights:
        acc += w
        target = round(acc * people / total)
        counts.append(target - done)
        done = target
    return counts


def _local_title(title: str, unit: Unit, tier: int) -> str:
    """A 厅 has a 厅长, a 街道 a 主任 and a 社区 a 居委会, where the generic roster says otherwise."""
    if tier == 0:
        return title.replace("局长", "厅长")
    if unit.name.endswith("街道"):
        return title.replace("镇长", "街道办事处主任")
    if unit.name.endswith("社区"):
        return title.replace("村委", "居委")
    return title


def _rank(b: TreeBuilder, unit: Unit, i: int) -> tuple[str, str]:
    """Position and level of the i-th person of `unit`: its leaders first, then staff."""
    tier = b.tier[unit.pk]
    if unit.pk in b.governments:
        head = "区长" if unit.name.endswith("区") else HEADS[tier]
        leaders: tuple[str, ...] = ("党委书记", head, f"副{head}")
        staff, leader_level = "一级主任科员", LEVELS[tier]
    else:
        leaders, staff = ROSTERS[unit.kind]
        leaders = tuple(_local_title(t, unit, tier) for t in leaders)
        staff = _local_title(staff, unit, tier)
        leader_level = LEVELS[tier + 1]
    leader = i < len(leaders)
    if unit.kind == K.SOE:
        level: str = L.OTHER
    elif unit.kind == K.VILLAGE:
        level = L.VILLAGE
    else:
        level = leader_level if leader else L.GENERAL
    return (leaders[i] if leader else staff), level


def _people(b: TreeBuilder, people: int, rng: random.Random) -> Iterator[Person]:
    for unit, count in zip(b.units, _head_counts(b, people), strict=True):
        for i in range(count):
            position, level = _rank(b, unit, i)
            given = "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))
            yield Person(
                name=rng.choice(SURNAMES) + given,
                unit_id=unit.pk,
                position=position,
                level=level,
                is_party_member=rng.random() < PARTY_SHARE,
            )


@dataclass(frozen=True)
class Generated:
    units: int
    units_seconds: float
    people: int
    people_seconds: float


def _lock_and_first_id() -> int:
    # SQLite's IMMEDIATE transactions already hold the write lock; on PostgreSQL, stop anyone
    # inserting units between reading max(id) and using the ids after it.
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"LOCK TABLE {Unit._meta.db_table} IN SHARE ROW EXCLUSIVE MODE")
    return int(Unit.objects.aggregate(m=Max("id"))["m"] or 0) + 1


def _reset_sequence() -> None:
    # Explicit ids do not advance PostgreSQL's sequence; without this the next Unit.save()
    # would collide. (SQLite's AUTOINCREMENT follows the largest id by itself.)
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), [Unit]):
            cursor.execute(sql)


def generate(units: int = 2_000, people: int = 200_000, seed: int = 2026) -> Generated:
    """Insert the scale tree and its people in one transaction; refuses if it already exists."""
    if exists():
        raise RuntimeError("scale data already present; wipe() it first (seed_scale.py --fresh)")
    rng = random.Random(seed)  # noqa: S311  (reproducible fake data, not secrets)
    with transaction.atomic():
        start = time.perf_counter()
        b = build_units(units, _lock_and_first_id())
        Unit.objects.bulk_create(b.units, batch_size=500)
        _reset_sequence()
        units_done = time.perf_counter()
        stream, made = _people(b, people, rng), 0
        while chunk := list(islice(stream, PEOPLE_CHUNK)):
            Person.objects.bulk_create(chunk, batch_size=1_000)
            made += len(chunk)
        end = time.perf_counter()
    return Generated(len(b.units), units_done - start, made, end - units_done)


def analyze() -> None:
    """Refresh planner statistics, as after any bulk load, so the reads measure steady state."""
    from mingjian.cases.models import Case
    from mingjian.rectification.models import Problem, Responsibility, Task

    with connection.cursor() as cursor:
        for model in (Unit, Person, Case, Problem, Task, Responsibility):
            cursor.execute(f"ANALYZE {model._meta.db_table}")


def exists() -> bool:
    return Unit.objects.filter(code__startswith=PREFIX).exists()


def scale_units() -> list[Unit]:
    return list(Unit.objects.filter(code__startswith=PREFIX).order_by("path"))


def representative_units() -> dict[str, Unit]:
    """A mid-level city and one of its counties (the middle one), whose subtrees benchmarks query."""
    city = Unit.objects.get(code=f"{PREFIX}c01")
    # Counties are the city's children with a "-kNN" code; small datasets have fewer of them.
    counties = list(Unit.objects.filter(parent=city, code__startswith=f"{city.code}-k").order_by("code"))
    return {"city": city, "county": counties[len(counties) // 2]}


def liaison(unit: Unit) -> User:
    """A unit-liaison account at `unit` (created once), the common scoped vantage point."""
    user: User
    user, created = User.objects.get_or_create(
        username=f"{PREFIX}liaison-{unit.pk}", defaults={"full_name": "联络员", "unit": unit}
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    RoleAssignment.objects.get_or_create(user=user, role=Role.UNIT_LIAISON, unit=unit)
    return user


def wipe() -> dict[str, int]:
    """Delete exactly the scale data: accounts and people first, then units deepest-first."""
    scale = Unit.objects.filter(code__startswith=PREFIX)
    deleted: dict[str, int] = {}
    with transaction.atomic():
        # Tasks point at units and at the leader accounts, so they go first (listed when any).
        deleted.update({k: n for k, n in wipe_work().items() if n})
        User.objects.filter(person__unit__in=scale).update(person=None)
        _, per_model = User.objects.filter(username__startswith=PREFIX).delete()  # with their roles
        deleted["users"] = per_model.get(User._meta.label, 0)
        # QuerySet.delete() would load every person into memory (User.person is SET_NULL, so
        # no fast path); the only reference to people was cleared just above.
        deleted["people"] = Person.objects.filter(unit__in=scale)._raw_delete(Person.objects.db)
        through = Unit.supervised_units.through
        through.objects.filter(from_unit__in=scale).delete()
        through.objects.filter(to_unit__in=scale).delete()
        depths = scale.order_by("-depth").values_list("depth", flat=True).distinct()
        deleted["units"] = sum(
            scale.filter(depth=d)._raw_delete(Unit.objects.db)  # children before parents
            for d in depths
        )
    return deleted


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
    from mingjian.cases.models import Case, CasePerson, ViolationType

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
        case_id = rng.choice(cases) if cases and source == "recommendation" else None
        stamp = _at(WORK_START + timedelta(days=day))
        title = f"{rng.choice(PROBLEM_STEMS)}（{j + 1}）"
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
    return (
        pk,
        plan.first_problem + j,
        plan.units[j],
        f"{rng.choice(MEASURE_STEMS)}（{pk}）",
        category,
        adapt(due),
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
            person = rng.choice(SURNAMES) + rng.choice(GIVEN)
            yield (first_resp + i, first_task + i, unit_id, "lead", plan.leaders.get(unit_id), person)

    return task_rows(), lead_rows()


def _reset_work_sequences() -> None:
    from mingjian.cases.models import Case, CasePerson
    from mingjian.rectification.models import Problem, Responsibility, Task

    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(
            no_style(), [User, Case, CasePerson, Problem, Task, Responsibility]
        ):
            cursor.execute(sql)


def _lock_work_tables() -> None:
    # As for units: nobody may insert between reading max(id) and using the ids after it.
    from mingjian.rectification.models import Problem, Responsibility, Task

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for model in (User, Problem, Task, Responsibility):
                cursor.execute(f"LOCK TABLE {model._meta.db_table} IN SHARE ROW EXCLUSIVE MODE")


def _plan_work(units: list[Unit], cases: int, tasks: int, rng: random.Random, today: date) -> Any:
    """Leaders and cases written; the problem plan (unit and date per problem) drawn."""
    from mingjian.rectification.models import Problem

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
    )
    return plan, case_ids


def generate_work(
    cases: int = 3_000, tasks: int = 1_000_000, seed: int = 2026, today: date | None = None
) -> GeneratedWork:
    """Cases, problems, tasks and their 牵头 responsibilities on the scale tree, in one transaction."""
    from django.utils import timezone

    from mingjian.rectification.models import Problem, ProblemType, Responsibility, Task

    if work_exists():
        raise RuntimeError("scale work data already present; wipe_work() it first")
    units = scale_units()
    if not units:
        raise RuntimeError("no scale organisation: generate() it first")
    rng = random.Random(seed + 1)  # noqa: S311  (reproducible fake data, not secrets)
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
    from mingjian.rectification.models import Task

    return Task.objects.filter(unit__code__startswith=PREFIX).exists()


def wipe_work() -> dict[str, int]:
    """Delete the cases, problems, tasks and responsibilities owned by scale units.

    Raw deletes (no per-row cascade in Python): the generator creates nothing else that points
    at these rows. Evidence, reviews … added by hand in a bench database would block this."""
    from mingjian.cases.models import Case, CasePerson
    from mingjian.rectification.models import Problem, Responsibility, Task

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
