"""典型案例: the case as a 通报 describes it — people, conduct, sanctions, money — and how widely
it may be shown. The 通报 text itself is kept verbatim; every structured field was read from it
by the parser and confirmed by a clerk."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any, ClassVar, Self

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse

from mingjian.lib.models import TimeStampedModel
from mingjian.org.models import (
    BUSINESS_ROLES,
    SUPERVISING_ROLES,
    Unit,
    UnitScopedQuerySet,
    role_assignments,
    unit_scope_q,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from mingjian.org.models import User


class Discipline(models.TextChoices):
    POLITICAL = "political", "政治纪律"
    ORGANIZATIONAL = "organizational", "组织纪律"
    INTEGRITY = "integrity", "廉洁纪律"
    MASS = "mass", "群众纪律"
    WORK = "work", "工作纪律"
    LIFE = "life", "生活纪律"


# The longest search text considered; longer input is cut, never an error.
MAX_QUERY = 100

DISCIPLINE_BY_LABEL = {label: value for value, label in Discipline.choices}


class PartySanction(models.TextChoices):
    WARNING = "warning", "警告"
    SERIOUS_WARNING = "serious_warning", "严重警告"
    REMOVAL_FROM_POST = "removal_from_post", "撤销党内职务"
    PROBATION = "probation", "留党察看"
    EXPULSION = "expulsion", "开除党籍"


class GovtSanction(models.TextChoices):
    WARNING = "warning", "警告"
    DEMERIT = "demerit", "记过"
    MAJOR_DEMERIT = "major_demerit", "记大过"
    DEMOTION = "demotion", "降级"
    DISMISSAL_FROM_POST = "dismissal_from_post", "撤职"
    EXPULSION = "expulsion", "开除"


# Severity follows the order of the choices (the law lists them from light to heavy).
PARTY_ORDER = [value for value, _ in PartySanction.choices]
GOVT_ORDER = [value for value, _ in GovtSanction.choices]


class FirstFormMeasure(models.TextChoices):
    """第一种形态: measures, not sanctions and not 组织处理 (诫勉 included)."""

    REMINDER_TALK = "reminder_talk", "谈话提醒"
    CRITICISM = "criticism", "批评教育"
    SELF_EXAMINATION = "self_examination", "责令检查"
    CIRCULATED_CRITICISM = "circulated_criticism", "通报批评"
    ADMONISHMENT = "admonishment", "诫勉"


class OrgHandling(models.TextChoices):
    """组织处理 proper (《中国共产党组织处理规定(试行)》), plus a notice that names no form."""

    SUSPENSION = "suspension", "停职检查"
    REASSIGNMENT = "reassignment", "调整职务"
    ORDERED_RESIGNATION = "ordered_resignation", "责令辞职"
    REMOVAL = "removal", "免职"
    DEMOTION = "demotion", "降职"
    UNSPECIFIED = "unspecified", "组织处理（未载明方式）"


class AccountabilityMethod(models.TextChoices):
    """问责方式, 《中国共产党问责条例》第七条."""

    EXAMINATION = "examination", "检查"
    CIRCULATION = "circulation", "通报"
    REORGANISATION = "reorganisation", "改组"
    ADMONISHMENT = "admonishment", "诫勉"
    ORG_ADJUSTMENT = "org_adjustment", "组织调整或者组织处理"
    DISCIPLINARY = "disciplinary", "纪律处分"


# 问责条例第七条: which methods apply to a 党组织 and which to a leading cadre (通报 to both).
ORGANISATION_METHODS = frozenset({"examination", "circulation", "reorganisation"})
LEADER_METHODS = frozenset({"circulation", "admonishment", "org_adjustment", "disciplinary"})


class Form(models.IntegerChoices):
    """监督执纪“四种形态”."""

    FIRST = 1, "第一种形态"
    SECOND = 2, "第二种形态"
    THIRD = 3, "第三种形态"
    FOURTH = 4, "第四种形态"


# 重处分 (third form); the lighter sanctions are the second form.
HEAVY_PARTY = frozenset({"removal_from_post", "probation", "expulsion"})
HEAVY_GOVT = frozenset({"demotion", "dismissal_from_post", "expulsion"})


def derive_form(
    *,
    party_sanction: str = "",
    govt_sanction: str = "",
    first_form_measures: list[str] | tuple[str, ...] = (),
    org_handling: list[str] | tuple[str, ...] = (),
    accountability_methods: list[str] | tuple[str, ...] = (),
    transferred: bool = False,
) -> int | None:
    """The 四种形态 of one person's outcome, the heaviest that applies (None = nothing to go on).

    4 移送检察机关; 3 党纪重处分 or 政务 降级/撤职/开除; 2 党纪轻处分, 政务 警告/记过/记大过 or any
    组织处理 (组织调整); 1 谈话提醒、批评教育、责令检查、通报批评、诫勉."""
    if transferred:
        return Form.FOURTH
    if party_sanction in HEAVY_PARTY or govt_sanction in HEAVY_GOVT:
        return Form.THIRD
    if party_sanction or govt_sanction or org_handling or "org_adjustment" in accountability_methods:
        return Form.SECOND
    if first_form_measures or {"admonishment", "circulation"} & set(accountability_methods):
        return Form.FIRST
    return None


def date_errors(filed_on: date | None, closed_on: date | None, decided_on: date | None) -> dict[str, str]:
    """The case dates that contradict 立案 (field name → Chinese message)."""
    errors = {}
    if filed_on and closed_on and closed_on < filed_on:
        errors["closed_on"] = "审结日期不能早于立案日期。"
    if filed_on and decided_on and decided_on < filed_on:
        errors["decided_on"] = "处分决定日期不能早于立案日期。"
    return errors


class CaseLevel(models.TextChoices):
    CENTRAL = "central", "中管干部"
    BUREAU = "bureau", "厅局级"
    COUNTY = "county", "县处级"
    TOWNSHIP = "township", "乡科级"
    VILLAGE = "village", "村干部"
    OTHER = "other", "其他人员"
    UNKNOWN = "unknown", "未载明"


LEVEL_BY_LABEL = {
    "中管干部": "central",
    "厅局级": "bureau",
    "县处级": "county",
    "乡科级": "township",
    "村干部": "village",
    "other": "other",
    "unknown": "unknown",
}


class ViolationType(models.Model):
    """The controlled vocabulary of conduct, each under one of the six disciplines.

    Reference data, loaded by a data migration; `keywords` let the importer map the parser's
    free-text labels onto it."""

    discipline = models.CharField("所属纪律", max_length=20, choices=Discipline.choices)
    name = models.CharField("违纪行为", max_length=60, unique=True)
    keywords = models.CharField(
        "匹配关键词", max_length=200, blank=True, help_text="以“|”分隔；通报中出现任一关键词即归入此类"
    )
    eight_point = models.BooleanField("属违反中央八项规定精神", default=False)
    sort_order = models.PositiveSmallIntegerField("排序", default=0)

    class Meta:
        verbose_name = "违纪行为类型"
        verbose_name_plural = "违纪行为类型"
        ordering: ClassVar = ["discipline", "sort_order", "id"]

    def __str__(self) -> str:
        return f"{self.get_discipline_display()}·{self.name}"


class CaseQuerySet(UnitScopedQuerySet["Case"]):
    def in_unit_scope(self, user: User | AnonymousUser) -> Self:
        """Only the case unit's scope and its supervisors: for analyses and recommendations,
        which are never shared the way the 通报 itself may be."""
        return super().visible_to(user)

    def visible_to(self, user: User | AnonymousUser) -> Self:
        """The unit scope, plus cases published city-wide or to the viewer's own field."""
        business = [a for a in role_assignments(user) if a.role in BUSINESS_ROLES]
        if not business:
            return self.none()
        fields = {a.unit.field for a in business}
        shared = Q(publicity=Case.Publicity.CITY) | Q(publicity=Case.Publicity.FIELD, unit__field__in=fields)
        return self.filter(unit_scope_q(user) | shared)

    def filtered(self, data: Mapping[str, Any], user: User | AnonymousUser) -> Self:
        """The case list's filters, from its form's cleaned data; `q` searches what `user` reads."""
        cases = self
        if data.get("discipline"):
            cases = cases.filter(violation_types__discipline=data["discipline"])
        if data.get("sanction"):
            kind, value = data["sanction"].split(":", 1)
            cases = cases.filter(**{f"persons__{kind}_sanction": value})
        if data.get("level"):
            cases = cases.filter(persons__level=data["level"])
        if data.get("year"):
            cases = cases.filter(
                Q(notice_date__year=data["year"]) | Q(notice_date__isnull=True, created_at__year=data["year"])
            )
        if data.get("unit"):
            cases = cases.filter(unit__path__startswith=data["unit"].path)
        if data.get("field"):
            cases = cases.filter(unit__field=data["field"])
        if data.get("form"):
            cases = cases.filter(
                pk__in=Case.objects.with_form()
                .filter(Q(heaviest_form=data["form"]))
                .values("pk")  # Q: an annotation
            )
        if data.get("accountability"):
            cases = cases.filter(is_accountability=True)
        if data.get("q"):
            cases = cases.search(str(data["q"])[:MAX_QUERY], user)
        return cases.distinct()

    def search(self, q: str, user: User | AnonymousUser) -> Self:
        """Cases whose text, as `user` may read it, contains `q` — never an oracle for names.

        The 纪委 over a case's unit reads the title and the 通报 itself, so SQL matches them. Any
        other reader sees the title and the 违纪事实摘要 with names masked and no 通报 at all, so
        those rows match only when the masked text contains `q`: "孙大明" finds nothing, "孙某某"
        finds the case. Masking keeps every character except the names it replaces, so each
        "某"-free piece of `q` must occur in the stored text — a cheap SQL pre-filter — and the
        masked text is then checked in Python for the few candidates left.
        """
        real = unit_scope_q(user, roles=SUPERVISING_ROLES)
        readable = self.filter(real).filter(Q(title__contains=q) | Q(notice_text__contains=q))
        pieces = [p for p in q.split("某") if p]
        candidates = self.exclude(real)
        in_title = Q(*[Q(title__contains=p) for p in pieces]) if pieces else Q()
        in_notes = Q(*[Q(violation_notes__contains=p) for p in pieces]) if pieces else Q()
        candidates = candidates.filter(in_title | in_notes).prefetch_related("persons")
        masked = [
            c.pk for c in candidates.iterator(chunk_size=500) if q in c.masked_title or q in c.masked_notes
        ]
        return self.filter(Q(pk__in=readable.values("pk")) | Q(pk__in=masked))

    def with_form(self) -> Self:
        """Each case annotated with ``heaviest_form``: the heaviest 四种形态 among its persons."""
        heaviest = (
            CasePerson.objects.filter(case=OuterRef("pk"))
            .annotate(f=person_form())
            .filter(f__isnull=False)
            .order_by("-f")
            .values("f")[:1]
        )
        return self.annotate(heaviest_form=Subquery(heaviest))

    def counts_by_form(self, total: int | None = None) -> tuple[dict[int | None, int], dict[int | None, int]]:
        """(cases per 四种形态 by their heaviest form — None: not determinable —, 人次 per form
        with 党组织 not counted), from one grouped read of these cases' persons rather than a
        subquery per case. `total`: how many cases these are, when the caller has counted them."""
        rows = (
            CasePerson.objects.filter(case__in=self.prefetch_related(None).values("pk"))
            .annotate(f=person_form())
            .order_by()
            .values_list("case_id", "is_organization", "f")
            .annotate(n=Count("pk"))
        )
        heaviest: dict[int, int] = {}
        persons: Counter[int | None] = Counter()
        for case_id, is_organization, form, n in rows:
            if form is not None:  # as with_form: the heaviest over every person, 党组织 included
                heaviest[case_id] = max(form, heaviest.get(case_id, form))
            if not is_organization:
                persons[form] += n
        cases: Counter[int | None] = Counter(heaviest.values())
        undetermined = (self.count() if total is None else total) - len(heaviest)
        if undetermined:
            cases[None] = undetermined
        return dict(cases), dict(persons)


def person_form() -> Coalesce:
    """A person's form in SQL: the clerk's choice, else the derived one."""
    return Coalesce("form_override", "form_derived")


class Case(TimeStampedModel):
    class Publicity(models.TextChoices):
        CITY = "city", "全市通报"
        FIELD = "field", "同领域通报"
        UNIT = "unit", "仅本单位"

    title = models.CharField("案例标题", max_length=200)
    unit = models.ForeignKey(Unit, verbose_name="发案单位", on_delete=models.PROTECT, related_name="cases")
    notice_text = models.TextField("通报原文")
    notice_source = models.CharField(
        "通报来源", max_length=100, blank=True, help_text="如：X市纪委监委关于……典型问题的通报"
    )
    notice_date = models.DateField("通报日期", null=True, blank=True)
    filed_on = models.DateField("立案日期", null=True, blank=True)
    closed_on = models.DateField("审结日期", null=True, blank=True)
    decided_on = models.DateField("处分决定日期", null=True, blank=True)
    is_accountability = models.BooleanField(
        "问责案件", default=False, help_text="依据《中国共产党问责条例》对党组织或领导干部问责"
    )
    violation_types = models.ManyToManyField(
        ViolationType, verbose_name="违纪行为", blank=True, related_name="cases"
    )
    violation_notes = models.TextField("违纪事实摘要", blank=True, help_text="通报所述行为，一行一项")
    eight_point_rules = models.BooleanField("违反中央八项规定精神", default=False)
    duty_crimes = models.JSONField("涉嫌职务犯罪", default=list, blank=True)
    other_measures = models.JSONField(
        "其他措施", default=list, blank=True, help_text="如：收缴违纪所得、责令退赔、取消待遇"
    )
    transferred_to_prosecution = models.BooleanField(
        "移送检察机关", default=False, help_text="任一涉案人员被移送即为是"
    )
    illicit_gains_yuan = models.DecimalField(
        "违纪违法所得（元）", max_digits=16, decimal_places=2, null=True, blank=True
    )
    loss_yuan = models.DecimalField(
        "造成损失（元）",
        max_digits=16,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="如：违规发放的低保资金",
    )
    recovered_yuan = models.DecimalField(
        "收缴/追缴/退赔（元）", max_digits=16, decimal_places=2, null=True, blank=True
    )
    publicity = models.CharField("公开范围", max_length=10, choices=Publicity.choices, default=Publicity.UNIT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="录入人", null=True, on_delete=models.PROTECT, related_name="+"
    )

    objects = CaseQuerySet.as_manager()

    class Meta:
        verbose_name = "典型案例"
        verbose_name_plural = "典型案例"
        ordering: ClassVar = ["-notice_date", "-id"]
        # 审结 follows 立案 (a new column, so no stored row can break it; 处分决定日期 is checked
        # by the forms and the import service only, as older rows were never validated).
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True)
                | Q(filed_on__isnull=True)
                | Q(closed_on__gte=F("filed_on")),
                name="case_closed_not_before_filed",
                violation_error_message="审结日期不能早于立案日期。",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("cases:case-detail", args=[self.pk])

    @property
    def person_names(self) -> list[str]:
        """Names that are masked for non-纪委 readers: the people, not a 党组织 held to account."""
        return [p.name for p in self.persons.all() if not p.is_organization]

    @property
    def masked_title(self) -> str:
        """The title as non-纪委 readers see it: every concerned person's name masked."""
        return mask_names(self.title, self.person_names)

    @property
    def masked_notes(self) -> str:
        return mask_names(self.violation_notes, self.person_names)

    @property
    def disciplines(self) -> list[str]:
        found = {v.discipline for v in self.violation_types.all()}
        return [label for value, label in Discipline.choices if value in found]

    def most_severe(self, field: str, order: list[str]) -> str:
        values = [getattr(p, field) for p in self.persons.all() if getattr(p, field)]
        return max(values, key=order.index) if values else ""

    @property
    def party_sanction(self) -> str:
        value = self.most_severe("party_sanction", PARTY_ORDER)
        return PartySanction(value).label if value else ""

    @property
    def govt_sanction(self) -> str:
        value = self.most_severe("govt_sanction", GOVT_ORDER)
        return GovtSanction(value).label if value else ""

    @property
    def form(self) -> int | None:
        """The case's 四种形态: the heaviest among its persons."""
        forms = [p.form for p in self.persons.all() if p.form]
        return max(forms) if forms else None

    @property
    def form_label(self) -> str:
        return Form(self.form).label if self.form else ""

    @property
    def money(self) -> list[tuple[str, str]]:
        """(label, amount as read: 12.6 万元 / 3000 元) of the money figures recorded."""
        return [
            (label, yuan_text(getattr(self, name)))
            for name, label in MONEY_FIELDS.items()
            if getattr(self, name) is not None
        ]


MONEY_FIELDS = {
    "illicit_gains_yuan": "违纪违法所得",
    "loss_yuan": "造成损失",
    "recovered_yuan": "收缴/追缴/退赔",
}
_WAN = 10000


def yuan_text(value: Decimal) -> str:
    """As notices print money: 12.6 万元 (126000), 3000 元, 12,345.67 元 — no trailing zeros."""
    wan = value / _WAN
    if value >= _WAN and wan == round(wan, 2):
        return f"{_plain(wan)} 万元"
    return f"{_plain(value, grouped=value >= _WAN)} 元"


def _plain(value: Decimal, *, grouped: bool = False) -> str:
    text = f"{value:,.2f}" if grouped else f"{value:.2f}"
    return text.rstrip("0").rstrip(".") or "0"


def mask_name(name: str) -> str:
    """张三丰 → 张某某: how names appear outside the 纪委's own pages."""
    if not name or name.endswith("某") or "某" in name[1:]:
        return name
    return f"{name[0]}某某"


def mask_names(text: str, names: Iterable[str]) -> str:
    """Every full name in `text` masked, longest first (欧阳大明 whole even if 欧阳大 is a name)."""
    for name in sorted({n for n in names if n}, key=len, reverse=True):
        text = text.replace(name, mask_name(name))
    return text


class CasePerson(models.Model):
    """One person (or, in a 问责 case, one 党组织) and what they received.

    The measures are short lists of controlled values kept on the row (JSON lists of the
    TextChoices values): they are always read and written with the person, never joined on, and
    statistics go through ``form_derived`` / ``form_override``."""

    case = models.ForeignKey(Case, verbose_name="案例", on_delete=models.CASCADE, related_name="persons")
    name = models.CharField("姓名", max_length=50)
    is_organization = models.BooleanField(
        "党组织", default=False, help_text="问责对象为党组织（检查、通报、改组）"
    )
    unit_name = models.CharField("所在单位", max_length=200, blank=True, help_text="通报所载单位")
    position = models.CharField("职务", max_length=200, blank=True)
    level = models.CharField("职级", max_length=20, choices=CaseLevel.choices, default=CaseLevel.UNKNOWN)
    person = models.ForeignKey(
        "org.Person",
        verbose_name="对应干部",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="cases",
    )
    party_sanction = models.CharField("党纪处分", max_length=20, choices=PartySanction.choices, blank=True)
    party_sanction_detail = models.CharField(
        "党纪处分说明", max_length=50, blank=True, help_text="如：留党察看一年"
    )
    govt_sanction = models.CharField("政务处分", max_length=20, choices=GovtSanction.choices, blank=True)
    proposed_sanctions = models.CharField(
        "拟处理意见", max_length=200, blank=True, help_text="通报所载“拟给予……”，不是处分决定"
    )
    first_form_measures = models.JSONField("第一种形态措施", default=list, blank=True)
    org_handling = models.JSONField("组织处理", default=list, blank=True)
    accountability_methods = models.JSONField("问责方式", default=list, blank=True)
    handling_note = models.CharField(
        "处理说明", max_length=200, blank=True, help_text="如：调离纪检监察队伍、引咎辞职"
    )
    transferred = models.BooleanField("移送检察机关", default=False)
    form_derived = models.PositiveSmallIntegerField(
        "形态（系统判定）", choices=Form.choices, null=True, blank=True
    )
    form_override = models.PositiveSmallIntegerField(
        "形态（人工认定）", choices=Form.choices, null=True, blank=True, help_text="留空则采用系统判定"
    )
    is_retired = models.BooleanField("已退休", default=False)
    sort_order = models.PositiveSmallIntegerField("排序", default=0)

    class Meta:
        verbose_name = "涉案人员"
        verbose_name_plural = "涉案人员"
        ordering: ClassVar = ["sort_order", "id"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        errors = list_value_errors(self)
        if errors:
            raise ValidationError(errors)

    @property
    def masked_name(self) -> str:
        return self.name if self.is_organization else mask_name(self.name)

    def derive_form(self) -> int | None:
        if self.is_organization:
            return None  # 四种形态 count 党员 and 公职人员, not organisations
        return derive_form(
            party_sanction=self.party_sanction,
            govt_sanction=self.govt_sanction,
            first_form_measures=self.first_form_measures,
            org_handling=self.org_handling,
            accountability_methods=self.accountability_methods,
            transferred=self.transferred,
        )

    @property
    def form(self) -> int | None:
        return self.form_override or self.form_derived

    @property
    def form_label(self) -> str:
        return Form(self.form).label if self.form else ""

    @property
    def derived_form_label(self) -> str:
        return Form(self.form_derived).label if self.form_derived else "无法判定"

    @property
    def form_overridden(self) -> bool:
        """The clerk chose a form other than the derived one."""
        return bool(self.form_override) and self.form_override != self.form_derived

    @property
    def measure_labels(self) -> list[str]:
        """第一种形态 measures and 组织处理, in Chinese, for display."""
        return [FirstFormMeasure(v).label for v in self.first_form_measures] + [
            OrgHandling(v).label for v in self.org_handling
        ]

    @property
    def accountability_labels(self) -> list[str]:
        return [AccountabilityMethod(v).label for v in self.accountability_methods]


LIST_CHOICES: dict[str, tuple[str, type[models.TextChoices]]] = {
    "first_form_measures": ("第一种形态措施", FirstFormMeasure),
    "org_handling": ("组织处理", OrgHandling),
    "accountability_methods": ("问责方式", AccountabilityMethod),
}


def list_value_errors(person: CasePerson) -> dict[str, str]:
    """Values outside the controlled lists, and 问责方式 that do not fit the kind of target."""
    errors = {}
    for name, (label, choices) in LIST_CHOICES.items():
        values = getattr(person, name)
        if not isinstance(values, list) or any(v not in choices.values for v in values):
            errors[name] = f"{label}含有不在规定范围内的值。"
    methods = set(person.accountability_methods) if "accountability_methods" not in errors else set()
    allowed = ORGANISATION_METHODS if person.is_organization else LEADER_METHODS
    wrong = [AccountabilityMethod(m).label for m in sorted(methods - allowed)]
    if wrong:
        target = "党组织" if person.is_organization else "领导干部"
        errors["accountability_methods"] = f"对{target}问责不适用：{'、'.join(wrong)}（问责条例第七条）。"
    if person.is_organization and person.form_override:
        errors["form_override"] = "党组织不计入“四种形态”统计。"
    return errors
