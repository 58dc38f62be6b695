"""Cadre level (中管干部 … 村干部) from the unit and position printed before the name."""

from __future__ import annotations

import re

from .lexicon import (
    COUNTY_CITIES_LIKE_PREFECTURES,
    MUNICIPALITIES,
    PREFECTURE_CITIES,
    STAFF_POSTS,
    SUB_PROVINCIAL_CITIES,
    occurrences,
)
from .posts import split_unit_position

# A company whose name carries one of these is a provincial branch, not the central group itself.
_PROVINCE_NAME_TEXT = """北京 天津 上海 重庆 河北 山西 内蒙古 辽宁 吉林 黑龙江 江苏 浙江 安徽 福建 江西 山东 河南 湖北
    湖南 广东 广西 海南 四川 贵州 云南 西藏 陕西 甘肃 青海 宁夏 新疆 香港 澳门"""
PROVINCE_NAMES = frozenset(_PROVINCE_NAME_TEXT.split())

CENTRAL, PROVINCE, PREFECTURE, COUNTY, TOWNSHIP, VILLAGE = range(6)
_LEADER_LEVEL = ("中管干部", "中管干部", "厅局级", "县处级", "乡科级", "村干部")
_DEPT_LEVEL = ("厅局级", "厅局级", "县处级", "乡科级", "other", "村干部")
_SECTION_LEVEL = ("县处级", "县处级", "乡科级", "other", "other", "村干部")

_PLACE_RE = re.compile(
    r"(?:^|(?<=[\u4e00-\u9fff]))(?:([甲乙丙丁戊己庚辛某]|[\u4e00-\u9fff]{2,7}?|[A-Z×]{1,3}|[\u4e00-\u9fff](?=县))"
    r"(自治区|自治州|自治县|开发区|高新区|新区|园区|工贸区|经济区|试验区|省|市|州|盟|地区|县|旗|区|镇|乡|街道|社区|村)"
    r"|^(省|市|县|区|镇|乡))"
)
# Words ending like a place but naming something else (农村, 城乡, 城镇, 小区 …).
_NOT_PLACE_NAMES = frozenset("全该本各我此外跨省市县区乡镇村一两前原")
_NOT_PLACE = {
    "区": frozenset("小景社厂辖片库营矿超校街"),
    "村": frozenset("农乡"),
    "乡": frozenset("城"),
    "镇": frozenset("城"),
    "市": frozenset("城超都"),
    "县": frozenset("郡"),
}
_CENTRAL_RE = re.compile(
    r"^(?:中共中央|中央|国务院|全国|国家|中国人民银行|中国(?!共产党).{0,12}(?:集团|公司)|[^省市县]{2,6}(?<!支)部(?![门])"
    r"|最高人民|原?中国(?:银行业|证券|保险)[^，]{0,6}监督管理委员会|上海期货交易所|[^省市县]{0,4}证券交易所)"
)
_CENTRAL_ORGAN_RE = re.compile(
    r"中共中央|国务院|全国人大常委会|全国政协|中央纪委(?:国家监委)?|[^省市县]{2,8}部|国家[^局院]{2,10}(?:局|委员会)"
)
# Centrally managed enterprises: 中国…集团(有限)公司, and those known by a short name (中粮集团).
_CENTRAL_SOE_SHORT = (
    "中粮|中化|中铝|中信|中冶|中交|中建|中铁|中核|中广核|中远海运|华润|招商局|国家电网|南方电网|国家电投"
    "|华能|大唐|华电|国家能源投资|神华|宝武|东风汽车|中国一汽|航天科技|航天科工|航空工业|中电科"
)
_CENTRAL_SOE_RE = re.compile(
    r"^中国(?:(?!集团|所属|公司).){0,16}(?:集团|公司)(?:公司|有限公司|有限责任公司|股份有限公司)?$"
    r"|^中国[^集团]{0,8}（集团）公司$"
    rf"|^(?:{_CENTRAL_SOE_SHORT})集团(?:公司|有限公司|有限责任公司)?$"
)
_BANK_ORGAN_RE = re.compile(r"人民银行")
_MASS_ORGAN_RE = re.compile(r"科学技术协会|科协|文联|文学艺术界联合会|工会|妇联|团委|残联|侨联")
# Public institutions of a province or city sit one level below its departments.
_INSTITUTION_RE = re.compile(r"(?:剧团|剧院|研究所|研究院|中心|站|馆|所|公园|监狱)$")
_INSTITUTION_IN_RE = re.compile(r"剧团|剧院|研究所|研究院|中心|公园|博物馆|图书馆")  # 湖南某公园管理处
_SUB_DEPT_RE = re.compile(r"^[^、，]{1,10}部(?:原|时任)?(?:副)?部长$")
_CORPS_RE = re.compile(r"兵团")
_OFFICE_IN_BUREAU_RE = re.compile(
    r"(?:局|厅).+(?:办公室|科|股|室|处|总队|支队|大队)$|(?:纪委|监委).+室$|(?:委|委员会).+(?:处|科|股)$"
)
_TOP_SOE_POST_RE = re.compile(r"董事长|总经理|党组书记|党委书记|党组成员|党委常委|纪检组长")
_COMPANY_RE = re.compile(r"公司|集团|银行(?!业)|支行|分行|信用社|农商行|企业|商会|协会")
# A ministry-level central organ named alone (its 主席/部长/局长 … are 中管干部).
_MINISTRY_RE = re.compile(r"^原?(?:中华人民共和国|中国|国家)?[\u4e00-\u9fff]{2,14}(?:部|委员会|总局|署)$")
_MINISTRY_LEADER_RE = re.compile(r"^(?:副)?(?:主席|主任|部长|局长|署长|行长)$")
_LEADER_ORGANS = re.compile(
    r"^(?:中共)?(?:省委|市委|州委|县委|区委|旗委|盟委|委|党委|党工委|工委|人民政府|政府|人大常委会|人大|"
    r"政协|纪委|监委|纪委监委|管委会|管理委员会|党工委、管委会|办事处|街道办事处|街道党工委)?$"
)
_LEADER_POST_RE = re.compile(
    r"^(?:原|时任)?(?:党组|党委|党工委|纪工委|常务)?(?:副)?(?:书记|常委|省长|市长|县长|区长|州长|镇长|乡长|旗长|主席|主任|"
    r"委员|成员|纪委书记|监委主任|盟长|(?:组织|宣传|统战|政法|纪检)委员|人大主席|武装部长)$"
)
_RANK_RULES = (
    (re.compile(r"(?:正|副)(?:省部|部|省)级"), "中管干部"),
    (re.compile(r"巡视员|(?:正|副)厅(?:长)?级"), "厅局级"),
    (re.compile(r"调研员|(?:正|副)处级"), "县处级"),
    (re.compile(r"主任科员|(?:正|副)科级"), "乡科级"),
)
_SECTION_RE = re.compile(r"处长|科长|股长|所长|站长|队长")
_STAFF_RE = re.compile(
    r"干部|科员|员工|职工|工作人员|会计|出纳|驾驶员|专员|辅警|民警|教师|医生|网格员|协管员|工程师|技术员|职员|办事员|干事|文员|法官|检察官|审判员|书记员|执行员"
    r"|" + "|".join(STAFF_POSTS)
)
_VILLAGE_POST_RE = re.compile(
    r"村(?:党支部|党总支|支部|委|民委员会|主任|副主任|支书|会计|出纳|文书|民小组)|居委会|居民委员会|社区|小组长"
)
_VILLAGE_UNIT_RE = re.compile(
    r"(?:村|社区|居委会|村委会|居民委员会|村民委员会|村民小组)(?:党支部|支部|党总支|党总支部|两委)?$"
)
_SUB_PROVINCIAL_RE = re.compile(
    r"(?:^|省)(?:哈尔滨|长春|沈阳|大连|济南|青岛|南京|杭州|宁波|厦门|武汉|广州|深圳|成都|西安)市?(?:委|人民政府|政府)?$"
)
_SUB_PROVINCIAL_TOP = frozenset({"书记", "市长", "市委书记"})
_ORDER = ("unknown", "other", "村干部", "乡科级", "县处级", "厅局级", "中管干部")


_SUFFIX_KIND = {
    "省": PROVINCE,
    "自治区": PROVINCE,
    "州": PREFECTURE,
    "盟": PREFECTURE,
    "地区": PREFECTURE,
    "自治州": PREFECTURE,
    "镇": TOWNSHIP,
    "乡": TOWNSHIP,
    "街道": TOWNSHIP,
    "村": VILLAGE,
    "社区": VILLAGE,
}


def _city_kind(name: str | None) -> int:
    if name and name[-2:] in MUNICIPALITIES:  # 包括天津市…: words before the place are not its name
        return PROVINCE
    if name in COUNTY_CITIES_LIKE_PREFECTURES:
        return COUNTY
    if not name or name == "某" or any(name[-n:] in PREFECTURE_CITIES for n in (2, 3, 4)):
        return PREFECTURE
    return COUNTY


def _place_kind(name: str | None, suffix: str) -> int:
    if suffix == "市":
        return _city_kind(name)
    return _SUFFIX_KIND.get(suffix, COUNTY)


def _jurisdiction(unit: str) -> tuple[int | None, str]:
    """(deepest place kind, the organ words after it) of a unit name."""
    if _CENTRAL_RE.match(unit):
        return CENTRAL, "" if _CENTRAL_ORGAN_RE.fullmatch(unit) else unit
    kind: int | None = None
    organ, parent = unit, ""
    for m in _PLACE_RE.finditer(unit):
        name, suffix = m.group(1), m.group(2) or m.group(3)
        if (
            name
            and suffix in _NOT_PLACE
            and name[-1] in _NOT_PLACE[suffix]
            and name not in PREFECTURE_CITIES
            and not (suffix == "市" and _is_city_named_cheng(name, unit[m.end() :]))
        ):
            continue
        if name in _NOT_PLACE_NAMES:
            continue
        above, (kind, organ) = kind, (_place_kind(name, suffix), unit[m.end() :])
        if suffix in ("区", "县") and parent in MUNICIPALITIES and parent != "重庆":
            # 上海市奉贤区: a district of a municipality ranks as a prefecture; 重庆's 区县 are
            # county-level (垫江县卫健委主任 is 乡科级).
            kind = PREFECTURE
        elif suffix == "区" and parent in SUB_PROVINCIAL_CITIES:
            kind = PREFECTURE  # 青岛市李沧区: a district of a 副省级 city is 副厅级
        elif kind == TOWNSHIP and above == PREFECTURE:
            kind = COUNTY  # a 街道 or 镇 of such a district is 处级
        parent = (name or "")[-2:] if suffix == "市" else name or ""
    if kind is None and unit[:1] in _BARE_PLACES:
        # 省城乡规划研究院: the place word read as 省城 + 乡 (not a place) hid the bare 省
        kind, organ = _place_kind(None, unit[0]), unit[1:]
    if kind is None:
        kind, organ = _leading_place(unit)
    if kind is None and _PROVINCIAL_ORGAN_RE.search(unit):
        kind = PROVINCE  # 原国土资源厅 printed without its province: only a province has a 厅
    return kind, organ


_PROVINCIAL_ORGAN_RE = re.compile(r"^原?[\u4e00-\u9fff]{2,10}厅$")
# 城市管理局, 城市综合执法: 城市 as a word, not a county-level city named …城 (邹城市, 诸城市).
_CITY_WORD_AFTER = ("管理", "综合", "建设", "规划", "执法", "环境", "更新", "运营", "发展", "社区", "公共")


_MIN_CITY_NAME = 2


def _is_city_named_cheng(name: str, rest: str) -> bool:
    return name[-1] == "城" and len(name) >= _MIN_CITY_NAME and not rest.startswith(_CITY_WORD_AFTER)


_BARE_PLACES = frozenset("省市县区镇乡")


def _leading_place(unit: str) -> tuple[int | None, str]:
    """湖南烈士公园, 衡水某局: a province or prefecture named without its 省/市 suffix."""
    for size in (3, 2):
        head = unit[:size]
        if head in PROVINCE_NAMES:
            return PROVINCE, unit[size:]
        if head in PREFECTURE_CITIES and len(unit) > size + 1:
            return PREFECTURE, unit[size:]
    return None, unit


_POLICE_STATION_RE = re.compile(r"派出所$")
_STATION_HEAD_RE = re.compile(r"所长|教导员")
# 大学, and a 学院 named after its city or province (邵阳学院) — not a 职业技术学院 or a 党校.
_UNIVERSITY_RE = re.compile(r"大学$|^[\u4e00-\u9fff]{2,4}(?<![市县区])学院$")
_UNIVERSITY_TOP_RE = re.compile(
    r"^(?:党委)?(?:常委、|委员、)?(?:副)?(?:书记|校长|院长)(?:、(?:党委)?(?:常委、|委员、)?(?:副)?(?:书记|校长|院长))*$"
)
_SUB_ORGAN_POST_RE = re.compile(
    r"^(?P<organ>[\u4e00-\u9fff]{1,12}?(?:总队|支队|大队|分局|处|科|股|室))(?:原|时任)?(?P<post>[\u4e00-\u9fff]{2,})$"
)


_NO_RANK_POSTS = frozenset({"党员", "普通党员"})


def _segment_level(unit: str, post: str) -> str:
    post_core = re.sub(r"^(?:原|前|时任|原任)|分管[^，。；]{1,16}?的", "", post)
    sub_organ = _SUB_ORGAN_POST_RE.match(post_core)
    if sub_organ and not _SECTION_RE.search(sub_organ.group("organ")[-2:]):
        # 交巡警总队原党委书记 under 重庆市公安局: the post is held in the sub-organ.
        unit, post_core = unit + sub_organ.group("organ"), sub_organ.group("post")
    if post_core in _NO_RANK_POSTS:
        return "other"  # 某村党支部党员: a party member holds no post of the branch
    if special := _organ_level(unit, post_core):
        return special
    is_company = (
        _COMPANY_RE.search(unit) is not None
        and not _BANK_ORGAN_RE.search(unit)
        and not _MASS_ORGAN_RE.search(unit)
    )
    if _VILLAGE_POST_RE.search(post_core) or (not is_company and _VILLAGE_UNIT_RE.search(unit)):
        return "村干部"
    for pattern, level in _RANK_RULES:
        if pattern.search(unit[-4:] + post_core):  # 黑龙江省副省级干部: the rank precedes 干部
            return level
    if is_company:
        places = (*PROVINCE_NAMES, *PREFECTURE_CITIES)
        branch = any(p in unit[2:] for p in places) or "分公司" in unit or "省公司" in unit
        central_top = not branch and _CENTRAL_SOE_RE.match(unit) and _TOP_SOE_POST_RE.search(post_core)
        return "中管干部" if central_top else "other"
    return _post_level(unit, post_core)


def _organ_level(unit: str, post_core: str) -> str | None:
    """Organs whose heads rank the same wherever they sit."""
    if _POLICE_STATION_RE.search(unit) and _STATION_HEAD_RE.search(post_core):
        return "乡科级"  # a 派出所's 所长 / 教导员 is 科级
    if _UNIVERSITY_RE.search(unit) and _UNIVERSITY_TOP_RE.match(post_core):
        return "厅局级"  # 大学 党委书记 / 校长 (central or provincial) rank as 厅局级 at least
    if _CORPS_RE.search(unit):
        return "厅局级" if re.search(r"师长|局长|主任|书记|部长", post_core) else "县处级"
    return None


def _section_level(kind: int, post_core: str) -> str:
    if kind == COUNTY and "处长" in post_core:
        return "乡科级"  # a 处 of a county-level organ (区人大城建处) is a department
    return _SECTION_LEVEL[kind]


_HEAD_OF_RE = re.compile(r"^(?:副)?(?P<organ>大队|支队|总队)长$")


def _heads_organ(organ: str, post_core: str) -> bool:
    """县城市综合执法大队 + 大队长: the head of the organ itself, not of a section inside it."""
    m = _HEAD_OF_RE.match(post_core)
    return bool(m and organ.endswith(m.group("organ")) and not re.search(r"局|厅|委", organ))


def _is_section(kind: int, organ: str, post_core: str) -> bool:
    """A post one level below the organ's departments (处长, 审评六部部长, a provincial 剧团, 局…办公室)."""
    if _SUB_DEPT_RE.match(post_core) or _OFFICE_IN_BUREAU_RE.search(organ):
        return True
    if _heads_organ(organ, post_core):
        return False
    if kind in (PROVINCE, PREFECTURE) and (_INSTITUTION_RE.search(organ) or _INSTITUTION_IN_RE.search(organ)):
        return True
    return bool(_SECTION_RE.search(post_core)) and not post_core.endswith(("局长", "厅长"))


def _post_level(unit: str, post_core: str) -> str:
    """Level from the jurisdiction of the unit and the kind of post held there."""
    kind, organ = _jurisdiction(unit)
    if kind is None:
        return "other" if unit or post_core else "unknown"
    if not post_core or _STAFF_RE.search(post_core):
        return "村干部" if kind == VILLAGE else "other"
    if _is_section(kind, organ, post_core):
        return _section_level(kind, post_core)
    if kind == CENTRAL and _MINISTRY_RE.match(unit) and _MINISTRY_LEADER_RE.match(post_core):
        return "中管干部"
    is_leader_post = all(_LEADER_POST_RE.match(p) for p in re.split("[、，]", post_core) if p)
    if _LEADER_ORGANS.match(organ) and is_leader_post:
        # the 市委书记 and 市长 of a sub-provincial city rank 副省级
        sub_provincial = post_core in _SUB_PROVINCIAL_TOP and _SUB_PROVINCIAL_RE.search(unit)
        return "中管干部" if kind == PREFECTURE and sub_provincial else _LEADER_LEVEL[kind]
    return _DEPT_LEVEL[kind]


_NAMED_CENTRAL_RE = re.compile(r"^原?(?:中共中央|中央|国务院|全国|国家|最高人民|中国)")


def _has_place(unit: str) -> bool:
    """The unit names its own place (a locality, or a central organ by name)."""
    return bool(_NAMED_CENTRAL_RE.match(unit) or _PLACE_RE.search(unit) or _CORPS_RE.search(unit))


def cadre_level(unit: str, position: str, span: str) -> str:
    """The highest level among the posts printed in ``span`` (unit + position)."""
    best = "unknown"
    pieces = [p for p in re.split(r"[、，]", span) if p] or [""]
    units = unit.split(";") if unit else []
    last_unit = units[0] if units else ""
    seen = 0
    for piece in pieces:
        seg_unit, seg_post = split_unit_position(piece)
        if seg_unit:
            given = units[seen] if seen < len(units) else seg_unit
            # 组织部 alone, 交巡警总队 under 重庆市公安局: an organ printed without its place is
            # part of the unit named before it.
            if seen and not _has_place(given):
                given = last_unit + given
            elif seg_unit.startswith(given) and _OFFICE_IN_BUREAU_RE.search(seg_unit):
                given = seg_unit
            last_unit, seen = given, seen + 1
        level = _segment_level(last_unit, seg_post)
        if _ORDER.index(level) > _ORDER.index(best):
            best = level
    if best == "unknown" and (unit or position):
        best = _segment_level(unit, position)
    return best


# A rank the notice prints itself outranks anything read from the post: 梁某（正厅级）, 院长（副厅级）,
# 副处级事业单位纤维检验局 (the unit's own rank, which its head holds).
_RANK_LEVEL = {"省部": "中管干部", "部": "中管干部", "厅局": "厅局级", "厅": "厅局级", "局": "厅局级"}
_RANK_LEVEL |= {"县处": "县处级", "处": "县处级", "县": "县处级", "乡科": "乡科级", "科": "乡科级"}
_RANK_BELOW = {"中管干部": "厅局级", "厅局级": "县处级", "县处级": "乡科级", "乡科级": "other"}
_STATED_RANK_RE = re.compile(r"（(?:正|副)?(省部|厅局|县处|乡科|部|厅|局|处|县|科)级(?:干部)?）")
_UNIT_RANK_RE = re.compile(
    r"(正|副)?(厅局|县处|乡科|厅|处|科)级(?:参公)?(?:事业单位|单位|机构)(?P<unit>[\u4e00-\u9fff]{2,16})"
)
_RANK_WINDOW = 80
_MIN_CORE_CHARS = 3
_HEAD_POST_RE = re.compile(
    r"(?:书记|局长|院长|主任|校长|所长|站长|馆长|行长|董事长|总经理|厂长|社长|处长|科长)$"
)


def stated_level(text: str, name: str, unit: str, position: str, others: tuple[str, ...] = ()) -> str | None:
    """The level the text states for a person: a rank in brackets after the name or post (up
    to the next person or sentence end), else the printed rank of the unit the person heads."""
    ranked = "级" in text  # nothing to read in brackets otherwise (the common case)
    for at in occurrences(text, name) if name and ranked else ():
        after = at + len(name)
        window = re.split(r"[。；]", text[after : after + _RANK_WINDOW], maxsplit=1)[0]
        cut = min((window.find(o) for o in others if o and o != name and o in window), default=len(window))
        if m := _STATED_RANK_RE.search(window[:cut]):
            return _RANK_LEVEL[m.group(1)]
    core = unit.split(";", maxsplit=1)[0][-5:]
    post = re.sub(r"^(?:原|前|时任)", "", position.split("、", maxsplit=1)[0])
    if not ranked or len(core) < _MIN_CORE_CHARS or not _HEAD_POST_RE.search(post):
        return None
    for m in _UNIT_RANK_RE.finditer(text):
        if core in m.group("unit"):
            level = _RANK_LEVEL[m.group(2)]
            deputy_of_deputy_rank = post.startswith("副") and m.group(1) == "副"
            return _RANK_BELOW[level] if deputy_of_deputy_rank else level
    return None
