"""Data classes returned by the notice parser."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

PARTY_SANCTIONS: tuple[str, ...] = ("警告", "严重警告", "撤销党内职务", "留党察看", "开除党籍")
GOVT_SANCTIONS: tuple[str, ...] = ("警告", "记过", "记大过", "降级", "撤职", "开除")
LEVELS: tuple[str, ...] = ("中管干部", "厅局级", "县处级", "乡科级", "村干部", "other", "unknown")
DISCIPLINES: tuple[str, ...] = ("政治纪律", "组织纪律", "廉洁纪律", "群众纪律", "工作纪律", "生活纪律")

CONTRACT_KEYS: tuple[str, ...] = (
    "persons",
    "person",
    "unit",
    "position",
    "level",
    "violations",
    "disciplines",
    "eight_point_rules",
    "duty_crimes",
    "party_sanction",
    "govt_sanction",
    "org_handling",
    "other_measures",
    "transferred_to_prosecution",
    "amount_yuan",
    "amounts_all_yuan",
)


def party_rank(value: str | None) -> int:
    """Severity of a party sanction (0 = none)."""
    return PARTY_SANCTIONS.index(value) + 1 if value in PARTY_SANCTIONS else 0


def govt_rank(value: str | None) -> int:
    """Severity of a government (政务) sanction (0 = none)."""
    return GOVT_SANCTIONS.index(value) + 1 if value in GOVT_SANCTIONS else 0


@dataclass
class ParsedPerson:
    """One person named in a case, with the sanctions stated for them."""

    name: str
    position: str = ""
    unit: str = ""
    party_sanction: str | None = None
    party_sanction_detail: str = ""
    govt_sanction: str | None = None
    level: str = "unknown"
    proposed_sanctions: list[str] = field(default_factory=list)
    first_form_measures: list[str] = field(default_factory=list)
    org_handling: list[str] = field(default_factory=list)
    accountability_methods: list[str] = field(default_factory=list)
    transferred: bool = False

    @property
    def named(self) -> bool:
        """False for a person the notice does not name (某某局负责人): post and level only."""
        return bool(self.name)

    def to_contract(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "position": self.position,
            "party_sanction": self.party_sanction,
            "govt_sanction": self.govt_sanction,
        }


@dataclass
class ParsedOrganization:
    """A 党组织 held to account (问责条例: 检查、通报、改组), e.g. 责令某镇党委作出书面检查."""

    name: str
    accountability_methods: list[str] = field(default_factory=list)


@dataclass
class ParsedNotice:
    """The fields read from one case of a 通报."""

    source_text: str = ""
    persons: list[ParsedPerson] = field(default_factory=list)
    unit: str = ""
    position: str = ""
    level: str = "unknown"
    violations: list[str] = field(default_factory=list)
    disciplines: list[str] = field(default_factory=list)
    disciplines_source: str = ""
    eight_point_rules: bool = False
    duty_crimes: list[str] = field(default_factory=list)
    party_sanction: str | None = None
    party_sanction_detail: str = ""
    govt_sanction: str | None = None
    org_handling: list[str] = field(default_factory=list)
    other_measures: list[str] = field(default_factory=list)
    transferred_to_prosecution: bool = False
    amount_yuan: float | None = None
    amounts_all_yuan: list[float] = field(default_factory=list)
    uncertain: set[str] = field(default_factory=set)
    is_empty: bool = False
    disciplines_inferred: list[str] = field(default_factory=list)
    proposed_sanctions: list[str] = field(default_factory=list)
    first_form_measures: list[str] = field(default_factory=list)
    is_accountability: bool = False
    accountability_source: str = ""
    organizations: list[ParsedOrganization] = field(default_factory=list)
    illicit_gains_yuan: float | None = None
    loss_yuan: float | None = None
    recovered_yuan: float | None = None

    @property
    def person(self) -> str:
        """All names joined with 、 (the contract's ``person``; unnamed persons have none)."""
        return "、".join(p.name for p in self.persons if p.name)

    def details(self) -> dict[str, Any]:
        """What the confirm page needs beyond the contract: per-person level, naming, measures
        and transfer, inferred disciplines, proposed (拟给予) sanctions, 问责, the three money
        figures and the uncertain fields."""
        return {
            "persons": [
                {
                    **p.to_contract(),
                    "unit": p.unit,
                    "level": p.level,
                    "named": p.named,
                    "party_sanction_detail": p.party_sanction_detail,
                    "proposed_sanctions": list(p.proposed_sanctions),
                    "first_form_measures": list(p.first_form_measures),
                    "org_handling": list(p.org_handling),
                    "accountability_methods": list(p.accountability_methods),
                    "transferred": p.transferred,
                }
                for p in self.persons
            ],
            "organizations": [
                {"name": o.name, "accountability_methods": list(o.accountability_methods)}
                for o in self.organizations
            ],
            "disciplines_source": self.disciplines_source,
            "disciplines_inferred": list(self.disciplines_inferred),
            "party_sanction_detail": self.party_sanction_detail,
            "proposed_sanctions": list(self.proposed_sanctions),
            "first_form_measures": list(self.first_form_measures),
            "is_accountability": self.is_accountability,
            "accountability_source": self.accountability_source,
            "illicit_gains_yuan": _json_number(self.illicit_gains_yuan),
            "loss_yuan": _json_number(self.loss_yuan),
            "recovered_yuan": _json_number(self.recovered_yuan),
            "uncertain": sorted(self.uncertain),
        }

    def to_contract(self) -> dict[str, Any]:
        """The JSON contract: exactly the keys of :data:`CONTRACT_KEYS`."""
        return {
            "persons": [p.to_contract() for p in self.persons],
            "person": self.person,
            "unit": self.unit,
            "position": self.position,
            "level": self.level,
            "violations": list(self.violations),
            "disciplines": list(self.disciplines),
            "eight_point_rules": self.eight_point_rules,
            "duty_crimes": list(self.duty_crimes),
            "party_sanction": self.party_sanction,
            "govt_sanction": self.govt_sanction,
            "org_handling": list(self.org_handling),
            "other_measures": list(self.other_measures),
            "transferred_to_prosecution": self.transferred_to_prosecution,
            "amount_yuan": _json_number(self.amount_yuan),
            "amounts_all_yuan": [_json_number(a) for a in self.amounts_all_yuan],
        }


_EPSILON = 1e-6


def _json_number(value: float | None) -> int | float | None:
    """Whole yuan as int, otherwise a float rounded to fen."""
    if value is None:
        return None
    if abs(value - round(value)) < _EPSILON:
        return round(value)
    return round(value, 2)
