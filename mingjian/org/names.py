"""Full names of issuing bodies, as a 公文 prints them: "中共X市纪律检查委员会", not "市纪委监委".

A unit's `full_name` wins. Without one the name is derived from the unit's short name and the
region it sits in (the nearest ancestor named like a 市, 县 or 区; a 区 carries its city too), since
a 纪委监委 sharing one office with the 监委 signs as both organs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mingjian.org.models import Unit

REGION_SUFFIXES = ("省", "自治区", "市", "州", "盟", "县", "旗", "区")
_ORGANS = {
    "纪委监委": ("中共{loc}纪律检查委员会", "{loc}监察委员会"),
    "纪委": ("中共{loc}纪律检查委员会",),
    "监委": ("{loc}监察委员会",),
}


def issuing_names(unit: Unit) -> tuple[str, ...]:
    if names := tuple(unit.full_name.split()):
        return names
    regions = _regions(unit)
    if not regions:
        return (unit.name,)
    locality = _locality(regions)
    rest = _without_locality(unit.name, regions[-1].name)
    if rest in _ORGANS:
        return tuple(pattern.format(loc=locality) for pattern in _ORGANS[rest])
    if unit.kind == unit.Kind.STATIONED:  # 派驻第一纪检监察组 → X市纪委监委派驻第一纪检监察组
        return (f"{locality}纪委监委{rest}",)
    return (f"{locality}{rest}",) if rest != unit.name else (unit.name,)


def printing_office(unit: Unit) -> str:
    if unit.office_name.strip():
        return unit.office_name.strip()
    first = issuing_names(unit)[0]
    # A commission prints through its 办公室; a stationed group prints its own documents.
    return first if unit.kind == unit.Kind.STATIONED else f"{first}办公室"


def _regions(unit: Unit) -> list[Unit]:
    if not unit.pk or not unit.path.startswith("/"):
        return []  # an unsaved unit has no place in the tree yet
    return [a for a in unit.ancestors() if a.pk != unit.pk and a.name.endswith(REGION_SUFFIXES)]


def _locality(regions: list[Unit]) -> str:
    nearest = regions[-1].name
    # A district's name repeats across cities, so it is printed with its city: X市东城区.
    if nearest.endswith("区") and len(regions) > 1 and not nearest.startswith(regions[-2].name):
        return regions[-2].name + nearest
    return nearest


def _without_locality(name: str, region: str) -> str:
    for prefix in (region, region[-1:]):
        if name.startswith(prefix) and len(name) > len(prefix):
            return name[len(prefix) :]
    return name
