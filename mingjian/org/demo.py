"""The demo city X市: units, about 200 cadres and the eight demo accounts.

Only `seed_demo` (and `make run` on an empty database) calls this, never a migration.
Everything is keyed by unit code / username, so running it twice changes nothing.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from django.conf import settings

from mingjian.org.models import Field, Person, Role, RoleAssignment, Unit, User

K = Unit.Kind
F = Field
L = Person.Level


@dataclass(frozen=True)
class U:
    code: str
    name: str
    kind: str
    field: str = F.GENERAL
    children: tuple[U, ...] = ()


def _depts(prefix: str, field: str, names: tuple[str, ...]) -> tuple[U, ...]:
    return tuple(U(f"{prefix}-d{i}", n, K.DEPARTMENT, field) for i, n in enumerate(names, 1))


def _villages(prefix: str, names: tuple[str, ...]) -> tuple[U, ...]:
    return tuple(U(f"{prefix}-v{i}", n, K.VILLAGE, F.GRASSROOTS) for i, n in enumerate(names, 1))


def _county(code: str, name: str, towns: dict[str, tuple[str, ...]]) -> U:
    bureaus = (
        U(f"{code}-jw", f"{name}纪委监委", K.COMMISSION, F.DISCIPLINE),
        U(
            f"{code}-mz",
            f"{name}民政局",
            K.PARTY_GOVT,
            F.CIVIL_AFFAIRS,
            _depts(f"{code}-mz", F.CIVIL_AFFAIRS, ("社会救助股", "办公室")),
        ),
        U(
            f"{code}-cz",
            f"{name}财政局",
            K.PARTY_GOVT,
            F.FINANCE,
            _depts(f"{code}-cz", F.FINANCE, ("社会保障股", "办公室")),
        ),
        U(f"{code}-jy", f"{name}教育局", K.PARTY_GOVT, F.EDUCATION),
        U(f"{code}-zr", f"{name}自然资源局", K.PARTY_GOVT, F.NATURAL_RESOURCES),
    )
    townships = tuple(
        U(f"{code}-t{i}", town, K.TOWNSHIP, F.GRASSROOTS, _villages(f"{code}-t{i}", villages))
        for i, (town, villages) in enumerate(towns.items(), 1)
    )
    return U(code, name, K.PARTY_GOVT, F.GENERAL, bureaus + townships)


CITY = U(
    "x",
    "X市",
    K.PARTY_GOVT,
    F.GENERAL,
    (
        U(
            "x-jw",
            "市纪委监委",
            K.COMMISSION,
            F.DISCIPLINE,
            (
                U("x-jw-dfzf", "党风政风监督室", K.DEPARTMENT, F.DISCIPLINE),
                U("x-jw-jdjc1", "第一监督检查室", K.DEPARTMENT, F.DISCIPLINE),
                U("x-jw-ajsl", "案件审理室", K.DEPARTMENT, F.DISCIPLINE),
                U("x-pz1", "派驻第一纪检监察组", K.STATIONED, F.DISCIPLINE),
                U("x-pz2", "派驻第二纪检监察组", K.STATIONED, F.DISCIPLINE),
            ),
        ),
        U(
            "x-mz",
            "市民政局",
            K.PARTY_GOVT,
            F.CIVIL_AFFAIRS,
            (
                *_depts("x-mz", F.CIVIL_AFFAIRS, ("办公室", "社会救助科", "养老服务科", "社会事务科")),
                U("x-mz-flj", "市社会福利院", K.INSTITUTION, F.CIVIL_AFFAIRS),
            ),
        ),
        U(
            "x-cz",
            "市财政局",
            K.PARTY_GOVT,
            F.FINANCE,
            (
                *_depts("x-cz", F.FINANCE, ("办公室", "社会保障科", "国库科", "政府采购监督管理科")),
                U("x-cz-zf", "市财政国库支付中心", K.INSTITUTION, F.FINANCE),
            ),
        ),
        U(
            "x-jy",
            "市教育局",
            K.PARTY_GOVT,
            F.EDUCATION,
            (
                *_depts("x-jy", F.EDUCATION, ("办公室", "基础教育科")),
                U("x-jy-yz", "市第一中学", K.INSTITUTION, F.EDUCATION),
            ),
        ),
        U(
            "x-zr",
            "市自然资源和规划局",
            K.PARTY_GOVT,
            F.NATURAL_RESOURCES,
            (
                *_depts("x-zr", F.NATURAL_RESOURCES, ("办公室", "耕地保护监督科")),
                U("x-zr-bdc", "市不动产登记中心", K.INSTITUTION, F.NATURAL_RESOURCES),
            ),
        ),
        U("x-ct", "市城市建设投资集团有限公司", K.SOE, F.STATE_ASSETS),
        U(
            "x-xc",
            "市委巡察办",
            K.INSPECTION,
            F.DISCIPLINE,
            (U("x-xc-1", "市委第一巡察组", K.INSPECTION, F.DISCIPLINE),),
        ),
        U("x-zzb", "市委组织部", K.PARTY_GOVT, F.GENERAL),
        _county("dc", "东城区", {"东门街道": ("东门社区", "文昌社区"), "北关街道": ("北关社区", "新华社区")}),
        _county("xs", "西山县", {"青石镇": ("青石村", "柳沟村", "石门村"), "龙泉乡": ("龙泉村", "河湾村")}),
        _county("nh", "南湖区", {"湖滨街道": ("湖滨社区", "望湖社区"), "莲塘镇": ("莲塘村", "荷花村")}),
    ),
)

SUPERVISION = {"x-pz1": ("x-mz", "x-cz"), "x-pz2": ("x-jy", "x-zr")}
# 发文机关代字 of the bodies that issue 纪检监察建议书.
DOC_CODES = {
    "x-jw": "X纪建",
    "x-pz1": "X纪驻一建",
    "x-pz2": "X纪驻二建",
    "dc-jw": "东纪建",
    "xs-jw": "西纪建",
    "nh-jw": "南纪建",
}

# Full names for the 发文机关标志 and 署名 (纪委 and 监委 share one office, so both are printed),
# and the 印发机关 of the 版记.
FULL_NAMES = {
    "x-jw": ("中共X市纪律检查委员会 X市监察委员会", "中共X市纪律检查委员会办公室"),
    "x-pz1": ("X市纪委监委派驻第一纪检监察组", "X市纪委监委派驻第一纪检监察组"),
    "x-pz2": ("X市纪委监委派驻第二纪检监察组", "X市纪委监委派驻第二纪检监察组"),
    "dc-jw": ("中共X市东城区纪律检查委员会 X市东城区监察委员会", "中共X市东城区纪律检查委员会办公室"),
    "xs-jw": ("中共西山县纪律检查委员会 西山县监察委员会", "中共西山县纪律检查委员会办公室"),
    "nh-jw": ("中共X市南湖区纪律检查委员会 X市南湖区监察委员会", "中共X市南湖区纪律检查委员会办公室"),
}

# (username, full name, home unit code, role, scope unit code)
ACCOUNTS = (
    ("admin", "系统管理员", "x-jw", Role.SYSTEM_ADMIN, "x"),
    ("secadmin", "安全管理员", "x-jw", Role.SECURITY_ADMIN, "x"),
    ("auditor", "审计管理员", "x-jw", Role.AUDIT_ADMIN, "x"),
    ("jiwei", "周明", "x-jw-dfzf", Role.COMMISSION, "x"),
    ("jwzhuren", "冯立新", "x-jw-dfzf", Role.COMMISSION, "x"),
    ("jwfushuji", "何振华", "x-jw", Role.COMMISSION, "x"),
    ("jwshuji", "马建国", "x-jw", Role.COMMISSION, "x"),
    ("paizhu", "吴静", "x-pz1", Role.STATIONED, "x-pz1"),
    ("pzfuzu", "韩晓峰", "x-pz1", Role.STATIONED, "x-pz1"),
    ("pzzuzhang", "谢明远", "x-pz1", Role.STATIONED, "x-pz1"),
    ("minzheng", "陈晓华", "x-mz", Role.UNIT_LIAISON, "x-mz"),
    ("caizheng", "刘思远", "x-cz", Role.UNIT_LIAISON, "x-cz"),
    ("mzlingdao", "钱卫东", "x-mz", Role.UNIT_LEADER, "x-mz"),
    ("mzfuju", "林海燕", "x-mz", Role.UNIT_LEADER, "x-mz"),
    ("czlingdao", "孙国栋", "x-cz", Role.UNIT_LEADER, "x-cz"),
    ("czfuju", "田志刚", "x-cz", Role.UNIT_LEADER, "x-cz"),
    ("xsminzheng", "吴丽萍", "xs-mz", Role.UNIT_LIAISON, "xs-mz"),
    ("xsmzlingdao", "杨建华", "xs-mz", Role.UNIT_LEADER, "xs-mz"),
    ("xuncha", "曹文博", "x-xc", Role.INSPECTION_OFFICE, "x-xc"),
    ("zuzhibu", "罗慧敏", "x-zzb", Role.INSPECTION_MONITOR, "x"),
    ("lingdao", "郑国强", "x", Role.LEADER_READONLY, "x"),
)
# The 干部名册 entry behind an account: (unit code, position, 班子职务, codes of the units it 分管).
ACCOUNT_PERSONS: dict[str, tuple[str, str, str, tuple[str, ...]]] = {
    "jiwei": ("x-jw-dfzf", "纪检监察员", "", ()),
    "jwzhuren": ("x-jw-dfzf", "主任", Person.Leadership.HEAD, ()),
    "jwfushuji": ("x-jw", "副书记、副主任", Person.Leadership.MEMBER, ("x-jw-dfzf", "x-jw-jdjc1")),
    "jwshuji": ("x-jw", "书记、主任", Person.Leadership.SECRETARY, ()),
    "paizhu": ("x-pz1", "纪检监察员", "", ()),
    "pzfuzu": ("x-pz1", "副组长", Person.Leadership.MEMBER, ()),
    "pzzuzhang": ("x-pz1", "组长", Person.Leadership.HEAD, ()),
    "minzheng": ("x-mz", "办公室主任（以案促改联络员）", "", ()),
    "caizheng": ("x-cz", "办公室副主任（以案促改联络员）", "", ()),
    "mzlingdao": ("x-mz", "党组书记、局长", Person.Leadership.SECRETARY, ()),
    "mzfuju": ("x-mz", "党组成员、副局长", Person.Leadership.MEMBER, ("x-mz-d2", "x-mz-flj")),
    "czlingdao": ("x-cz", "党组书记、局长", Person.Leadership.SECRETARY, ()),
    "czfuju": ("x-cz", "党组成员、副局长", Person.Leadership.MEMBER, ("x-cz-d2", "x-cz-zf")),
    "xsminzheng": ("xs-mz", "办公室主任（以案促改联络员）", "", ()),
    "xsmzlingdao": ("xs-mz", "党组书记、局长", Person.Leadership.SECRETARY, ()),
    "xuncha": ("x-xc", "副主任", Person.Leadership.MEMBER, ()),
    "zuzhibu": ("x-zzb", "干部监督科科长", "", ()),
}

PARTY_SHARE = 0.85  # share of cadres who are party members
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建文斌宇浩凯鹏辉玲晨红亮志国海燕波林鑫婷欣莉雪梅琳健峰成东帆瑞"

B = Person.Leadership
# Each unit kind's roster: (position, 职级, 班子职务).
POSITIONS: dict[str, tuple[tuple[str, str, str], ...]] = {
    K.PARTY_GOVT: (
        ("党组书记、局长", L.COUNTY, B.SECRETARY),
        ("党组成员、副局长", L.COUNTY, B.MEMBER),
        ("副局长", L.COUNTY, B.MEMBER),
        ("一级主任科员", L.GENERAL, ""),
    ),
    K.DEPARTMENT: (("科长", L.TOWNSHIP, B.HEAD), ("科员", L.GENERAL, "")),
    K.INSTITUTION: (
        ("院长", L.TOWNSHIP, B.HEAD),
        ("副院长", L.TOWNSHIP, B.MEMBER),
        ("财务科长", L.GENERAL, ""),
    ),
    K.TOWNSHIP: (
        ("党委书记", L.TOWNSHIP, B.SECRETARY),
        ("镇长", L.TOWNSHIP, B.HEAD),
        ("纪委书记", L.TOWNSHIP, B.MEMBER),
        ("民政办主任", L.GENERAL, ""),
    ),
    K.VILLAGE: (("党支部书记、村委会主任", L.VILLAGE, B.SECRETARY), ("村会计", L.VILLAGE, "")),
    K.COMMISSION: (
        ("书记、主任", L.COUNTY, B.SECRETARY),
        ("副书记、副主任", L.COUNTY, B.MEMBER),
        ("纪检监察员", L.GENERAL, ""),
    ),
    K.STATIONED: (
        ("组长", L.COUNTY, B.HEAD),
        ("副组长", L.TOWNSHIP, B.MEMBER),
        ("纪检监察员", L.GENERAL, ""),
    ),
    K.SOE: (
        ("党委书记、董事长", L.OTHER, B.SECRETARY),
        ("总经理", L.OTHER, B.HEAD),
        ("财务部经理", L.OTHER, ""),
    ),
    K.INSPECTION: (("主任", L.COUNTY, B.HEAD), ("副主任", L.TOWNSHIP, B.MEMBER), ("科员", L.GENERAL, "")),
}
# The 内设机构 of a 纪委监委 are 室 with a 主任, not 科 with a 科长.
COMMISSION_DEPARTMENT = (("主任", L.TOWNSHIP, B.HEAD), ("纪检监察员", L.GENERAL, ""))


def _roster(unit: Unit) -> tuple[tuple[str, str, str], ...]:
    if unit.kind == K.DEPARTMENT and unit.field == F.DISCIPLINE:
        return COMMISSION_DEPARTMENT
    return POSITIONS.get(unit.kind, POSITIONS[K.DEPARTMENT])


def _build(spec: U, parent: Unit | None, order: int) -> list[Unit]:
    unit, _ = Unit.objects.get_or_create(
        code=spec.code,
        defaults={
            "name": spec.name,
            "kind": spec.kind,
            "field": spec.field,
            "parent": parent,
            "sort_order": order,
        },
    )
    made = [unit]
    for i, child in enumerate(spec.children, 1):
        made += _build(child, unit, i)
    return made


def _people(units: list[Unit], rng: random.Random) -> int:
    created = 0
    for unit in units:
        if unit.people.exists():
            continue
        # The city government itself has no roster of its own here; its leaders sit elsewhere.
        if unit.parent_id is None:
            continue
        for position, level, leadership in _roster(unit):
            name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))
            Person.objects.create(
                name=name,
                unit=unit,
                position=position,
                level=level,
                leadership=leadership,
                is_party_member=rng.random() < PARTY_SHARE,
            )
            created += 1
    return created


def _person_for(
    user: User, unit_code: str, position: str, leadership: str, oversees: tuple[str, ...]
) -> None:
    """The account's own roster entry: the roster's holder of that post takes the account's name
    (so a unit has one 党组书记, not two), or a new cadre is added."""
    if user.person_id is not None:
        return
    unit = Unit.objects.get(code=unit_code)
    person = Person.objects.filter(unit=unit, position=position, account__isnull=True).first()
    person = person or Person(unit=unit, position=position, level=L.GENERAL)
    person.name, person.leadership = user.full_name, leadership
    person.save()
    person.oversees.set(Unit.objects.filter(code__in=oversees))
    user.person = person
    user.save(update_fields=["person"])


def _accounts() -> list[tuple[str, str]]:
    rows = []
    for username, full_name, unit_code, role, scope_code in ACCOUNTS:
        user, created = User.objects.get_or_create(
            username=username, defaults={"full_name": full_name, "unit": Unit.objects.get(code=unit_code)}
        )
        if created:
            user.set_password(settings.MINGJIAN_DEMO_PASSWORD)
            user.has_demo_password = True
            user.save()
        RoleAssignment.objects.get_or_create(user=user, role=role, unit=Unit.objects.get(code=scope_code))
        if username in ACCOUNT_PERSONS:
            _person_for(user, *ACCOUNT_PERSONS[username])
        rows.append((username, f"{Role(role).label}（{full_name}）"))
    return rows


def seed() -> dict[str, int]:
    rng = random.Random(2026)
    units = _build(CITY, None, 0)
    for group, supervised in SUPERVISION.items():
        Unit.objects.get(code=group).supervised_units.add(*Unit.objects.filter(code__in=supervised))
    for code, doc_code in DOC_CODES.items():
        Unit.objects.filter(code=code, doc_code="").update(doc_code=doc_code)
    for code, (full_name, office_name) in FULL_NAMES.items():
        Unit.objects.filter(code=code, full_name="").update(full_name=full_name)
        Unit.objects.filter(code=code, office_name="").update(office_name=office_name)
    people = _people(units, rng)
    _accounts()
    return {"units": len(units), "people_created": people}


def account_lines() -> list[str]:
    return [f"  {username:<10} {Role(role).label}（{name}）" for username, name, _, role, _ in ACCOUNTS]
