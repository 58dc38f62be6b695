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
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import islice

from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.models import Max

from mingjian.cases.models import Case
from mingjian.education.models.headcount import Headcount
from mingjian.org.models import Field, Person, Role, RoleAssignment, Unit, User
from mingjian.rectification.models import Problem, Responsibility, Task

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
    rng = random.Random(seed)
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
        from .work import wipe_work  # work sits on the tree (and imports it), so import late

        deleted.update({k: n for k, n in wipe_work().items() if n})
        User.objects.filter(person__unit__in=scale).update(person=None)
        _, per_model = User.objects.filter(username__startswith=PREFIX).delete()  # with their roles
        deleted["users"] = per_model.get(User._meta.label, 0)
        # QuerySet.delete() would load every person into memory (User.person is SET_NULL, so
        # no fast path); the only reference to people was cleared just above.
        deleted["people"] = Person.objects.filter(unit__in=scale)._raw_delete(Person.objects.db)
        # The people triggers keep per-unit headcounts; raw deletes skip CASCADE, so clear them.
        Headcount.objects.filter(unit__in=scale)._raw_delete(Headcount.objects.db)
        through = Unit.supervised_units.through
        through.objects.filter(from_unit__in=scale).delete()
        through.objects.filter(to_unit__in=scale).delete()
        depths = scale.order_by("-depth").values_list("depth", flat=True).distinct()
        deleted["units"] = sum(
            scale.filter(depth=d)._raw_delete(Unit.objects.db)  # children before parents
            for d in depths
        )
    return deleted
