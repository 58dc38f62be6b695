"""API for 两个责任, with the pages' visibility, capabilities and masking:

- ``GET /api/duties/register/?unit=&year=``: who holds what in a unit, and its lists that year;
- ``GET|POST /api/duties/lists/`` (POST ``{unit, year}`` generates the year's lists and answers
  ``{created, existing, missing}``),
  ``GET /api/duties/lists/{id}/`` (items with their state and acts, 记实, status), and one
  operation per action: ``submit | accept | return | entries``; items ``check | uncheck``;
- ``GET|POST /api/duties/talks/``, ``GET /api/duties/talks/{id}/`` and
  ``submit | approve | return | complete | cancel``;
- ``GET|POST /api/duties/accountability/``, ``GET /api/duties/accountability/{id}/`` and
  ``submit | decide | return``.

Every resource carries ``id`` and ``unit``. A record the caller may not see, or an action they
may not take, is a 404; an action the status does not allow is a 409 with the Chinese reason.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from mingjian.cases.models import AccountabilityMethod, Case, Recommendation
from mingjian.duties import permissions as perms
from mingjian.duties import services
from mingjian.duties.acts import Act, acts_of, acts_of_lists, all_acts
from mingjian.duties.display import masked
from mingjian.duties.documents import item_states
from mingjian.duties.models import Accountability, DutyItem, DutyList, Talk
from mingjian.duties.register import register_of
from mingjian.duties.vocabulary import Kind
from mingjian.lib.api import ScopedPk
from mingjian.org.models import Person, Unit, User
from mingjian.rectification.models import Task
from mingjian.workflow.api import (
    CommentInput,
    DetailSerializer,
    EmptyInput,
    ReasonInput,
    Transition,
    operation_view,
    transition_paths,
)
from mingjian.workflow.services import TransitionError


def _user(context: dict[str, Any]) -> Any:
    request = context.get("request")
    return getattr(request, "user", None) or AnonymousUser()


class ActOut(serializers.Serializer[Any]):
    """One recorded act: `kind` is its source (a Source value), `kind_label` its name."""

    on = serializers.DateField()
    kind = serializers.CharField(source="source")
    kind_label = serializers.CharField(source="source_label")
    text = serializers.CharField()
    url = serializers.CharField()


class ItemOut(serializers.Serializer[Any]):
    id = serializers.IntegerField(source="item.pk")
    seq = serializers.IntegerField(source="item.seq")
    section = serializers.CharField(source="item.section")
    text = serializers.CharField(source="item.text")
    auto_source = serializers.CharField(source="item.source", help_text="自动记实来源（空：由责任人勾选）")
    checked = serializers.BooleanField(source="item.checked")
    note = serializers.CharField(source="item.note")
    done = serializers.BooleanField()
    state = serializers.CharField(source="label")
    acts = ActOut(many=True)


class DutyListsSerializer(serializers.ListSerializer[Any]):
    def to_representation(self, data: Any) -> list[Any]:
        """Reads the acts of all the lists at once (once per holder), not once per list."""
        rows = list(data.all() if hasattr(data, "all") else data)
        self.context.setdefault("_acts", {}).update(acts_of_lists(rows, _user(self.context)))
        return super().to_representation(rows)


class DutyListSerializer(serializers.ModelSerializer[DutyList]):
    items = serializers.SerializerMethodField()
    records = serializers.SerializerMethodField()
    entries = serializers.SerializerMethodField()
    done = serializers.SerializerMethodField()

    class Meta:
        model = DutyList
        fields = [
            "id",
            "unit",
            "year",
            "kind",
            "person",
            "title",
            "holder",
            "status",
            "done",
            "items",
            "records",
            "entries",
            "submitted_by",
            "submitted_at",
            "reviewed_by",
            "reviewed_at",
            "review_comment",
            "created_at",
        ]
        read_only_fields = fields
        list_serializer_class = DutyListsSerializer

    def _acts(self, obj: DutyList) -> dict[str, list[Act]]:
        cache = self.context.setdefault("_acts", {})
        if obj.pk not in cache:
            cache[obj.pk] = acts_of(obj, _user(self.context))
        found: dict[str, list[Act]] = cache[obj.pk]
        return found

    def get_items(self, obj: DutyList) -> list[dict[str, Any]]:
        return list(ItemOut(item_states(obj, self._acts(obj)), many=True).data)

    def get_records(self, obj: DutyList) -> list[dict[str, Any]]:
        """All 履责记实 the system computed for the year, by date."""
        return list(ActOut(all_acts(self._acts(obj)), many=True).data)

    def get_entries(self, obj: DutyList) -> list[dict[str, Any]]:
        """履责记实 added by hand."""
        return [
            {
                "id": e.pk,
                "item": e.item_id,
                "happened_on": e.happened_on,
                "text": e.text,
                "has_file": bool(e.file),
            }
            for e in obj.entries.all()
        ]

    def get_done(self, obj: DutyList) -> int:
        """Items done: checked by hand or filled by recorded acts."""
        # The same rule as progress_of, on the acts already read for the items.
        return sum(1 for s in item_states(obj, self._acts(obj)) if s.done)


class ItemSerializer(serializers.ModelSerializer[DutyItem]):
    class Meta:
        model = DutyItem
        fields = [
            "id",
            "dlist",
            "seq",
            "section",
            "text",
            "source",
            "checked",
            "note",
            "checked_by",
            "checked_at",
        ]
        read_only_fields = fields


class DutyListBase(generics.GenericAPIView[DutyList]):
    serializer_class = DutyListSerializer

    def get_queryset(self) -> Any:
        return (
            DutyList.objects.visible_to(self.request.user)
            .select_related("unit", "person")
            .prefetch_related("items", "entries")
            .order_by("-year", "unit__path", "kind", "id")
        )


class GenerateInput(serializers.Serializer[Any]):
    unit = serializers.PrimaryKeyRelatedField(
        queryset=Unit.objects.none(),
        error_messages={"does_not_exist": "无此单位。", "incorrect_type": "无此单位。"},
    )
    year = serializers.IntegerField(help_text="年度，如 2026")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.in_scope(_user(self.context))  # type: ignore[attr-defined]

    def validate_unit(self, unit: Unit) -> Unit:
        """A 内设机构 answers with its bureau's register, as the page redirects there: only when
        the reader sees that bureau, else the same answer as for a missing unit."""
        found = _register_unit(_user(self.context), unit)
        if found is None:
            raise serializers.ValidationError("无此单位。")
        return found


class _DutyListReads(DutyListBase, generics.ListAPIView[DutyList]):
    """责任清单 the caller may see. Filters: unit, year, kind, status, person."""

    filterset_fields = ["unit", "year", "kind", "status", "person"]


class GenerateOut(serializers.Serializer[Any]):
    """What a generation did, as the page reports it: the lists it created, how many were
    already there (never repeated), and the kinds no 纪委 above has a template for."""

    created = DutyListSerializer(many=True, read_only=True)
    existing = serializers.IntegerField(read_only=True, help_text="已有、未重复生成的清单数")
    missing = serializers.ListField(
        child=serializers.ChoiceField(choices=Kind.choices), read_only=True, help_text="缺少模板的清单种类"
    )


def _generate(*, by: User, unit: Unit, year: int) -> services.Generated:
    return services.generate_lists(unit, year=year, by=by)


DutyListList = operation_view(
    _DutyListReads,
    Transition(GenerateInput, _generate, "生成单位年度责任清单", output=GenerateOut, status=201),
    operation_id="duties_lists_create",
)


class DutyListDetail(DutyListBase, generics.RetrieveAPIView[DutyList]):
    pass


class DutyEntryInput(serializers.Serializer[Any]):
    happened_on = serializers.DateField()
    text = serializers.CharField(max_length=500, help_text="履责事项")
    item = serializers.IntegerField(
        required=False, allow_null=True, default=None, help_text="对应清单事项编号"
    )


def _add_entry(dlist: DutyList, *, by: User, happened_on: date, text: str, item: int | None = None) -> Any:
    if not perms.can_fill(by, dlist):
        raise PermissionDenied
    found = dlist.items.filter(pk=item).first() if item is not None else None
    if item is not None and found is None:
        raise TransitionError("所选事项不属于本清单。")
    return services.add_entry(dlist, by=by, happened_on=happened_on, text=text, item=found)


LIST_PATHS = transition_paths(
    "duties/lists",
    "duty-list",
    DutyList,
    DutyListSerializer,
    {
        "submit": Transition(
            EmptyInput, services.submit_list, "报送履责情况（清单的责任人本人或书记、主要负责人）"
        ),
        "accept": Transition(CommentInput, services.accept_list, "审核履责情况（监督方，非报送人）"),
        "return": Transition(ReasonInput, services.return_list, "退回履责情况（写明理由）"),
        "entries": Transition(DutyEntryInput, _add_entry, "登记一条履责记实（可选，系统已有记录的无须登记）"),
    },
)


class NoteInput(serializers.Serializer[Any]):
    note = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=2000, help_text="履行情况"
    )


ITEM_PATHS = transition_paths(
    "duties/items",
    "duty-item",
    DutyItem,
    ItemSerializer,
    {
        "check": Transition(NoteInput, services.check_item, "勾选清单事项已履行（附履行情况）"),
        "uncheck": Transition(EmptyInput, services.uncheck_item, "取消勾选"),
    },
)


# ---- register -------------------------------------------------------------------------------


class RegisterQuery(serializers.Serializer[Any]):
    # The same answer for an invisible unit and a missing one: the message never echoes the id.
    unit = serializers.PrimaryKeyRelatedField(
        queryset=Unit.objects.none(),
        required=False,
        help_text="单位编号；不填为本人所在单位",
        error_messages={"does_not_exist": "无此单位。", "incorrect_type": "无此单位。"},
    )
    year = serializers.IntegerField(required=False, min_value=2000, max_value=2100)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.in_scope(_user(self.context))  # type: ignore[attr-defined]

    def validate_unit(self, unit: Unit) -> Unit:
        """A 内设机构 answers with its bureau's register, as the page redirects there: only when
        the reader sees that bureau, else the same answer as for a missing unit."""
        found = _register_unit(_user(self.context), unit)
        if found is None:
            raise serializers.ValidationError("无此单位。")
        return found


class HolderOut(serializers.Serializer[Any]):
    kind = serializers.CharField()
    kind_label = serializers.CharField(source="label")
    name = serializers.CharField()
    person = serializers.IntegerField(source="person.pk", allow_null=True, default=None)
    body = serializers.IntegerField(source="body.pk", allow_null=True, default=None)
    oversees = serializers.SerializerMethodField()

    def get_oversees(self, obj: Any) -> list[int]:
        return [u.pk for u in obj.oversees]


class DepartmentOut(serializers.Serializer[Any]):
    unit = serializers.IntegerField()
    name = serializers.CharField()
    overseers = serializers.ListField(
        child=serializers.IntegerField(), help_text="分管的班子成员（人员编号）"
    )


class RegisterListOut(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=Kind.choices)
    person = serializers.IntegerField(allow_null=True)
    status = serializers.ChoiceField(choices=DutyList.Status.choices)


class RegisterOut(serializers.Serializer[Any]):
    """What GET /api/duties/register/ answers (documents the response for generated clients)."""

    unit = serializers.IntegerField()
    year = serializers.IntegerField()
    holders = HolderOut(many=True)
    departments = DepartmentOut(many=True)
    lists = RegisterListOut(many=True)


def _register_unit(user: Any, unit: Unit) -> Unit | None:
    """The unit whose 班子 answers for `unit`, if the user sees its business."""
    leading = unit.leadership_unit()
    return leading if Unit.objects.in_scope(user).filter(pk=leading.pk).exists() else None


def _home_unit(user: Any) -> Unit:
    home = getattr(user, "unit", None)
    found = _register_unit(user, home) if home is not None else None
    if found is None:
        raise NotFound("请指定单位。")
    return found


class RegisterView(APIView):
    """责任体系: a unit's 主体责任 (党委/党组), 第一责任人, 一岗双责 with 分管 departments and the 纪检
    bodies carrying 监督责任 — read from the 班子 data — and its lists of the year."""

    @extend_schema(
        parameters=[RegisterQuery],
        responses={200: RegisterOut, 404: DetailSerializer},
        summary="单位责任体系（谁担什么责任）",
    )
    def get(self, request: Request) -> Response:
        query = RegisterQuery(data=request.query_params, context={"request": request})
        query.is_valid(raise_exception=True)
        unit = query.validated_data.get("unit") or _home_unit(request.user)
        year = query.validated_data.get("year") or timezone.localdate().year
        register = register_of(unit)
        lists = DutyList.objects.visible_to(request.user).filter(unit=register.unit, year=year)
        return Response(
            {
                "unit": register.unit.pk,
                "year": year,
                "holders": HolderOut(register.holders, many=True).data,
                "departments": [
                    {"unit": d.pk, "name": d.name, "overseers": [p.pk for p in people]}
                    for d, people in register.departments
                ],
                "lists": [
                    {"id": d.pk, "kind": d.kind, "person": d.person_id, "status": d.status} for d in lists
                ],
            }
        )


# ---- talks and accountability ----------------------------------------------------------------


class _LinkedOut(serializers.ModelSerializer[Any]):
    def _text(self, obj: Any, text: str) -> str:
        return masked(text, obj.case, _user(self.context))


class TalkSerializer(_LinkedOut):
    reason = serializers.SerializerMethodField()
    record = serializers.SerializerMethodField()

    class Meta:
        model = Talk
        fields = [
            "id",
            "unit",
            "issuer",
            "kind",
            "status",
            "subject",
            "talker",
            "planned_on",
            "held_on",
            "reason",
            "record",
            "task",
            "recommendation",
            "case",
            "drafted_by",
            "approved_by",
            "approved_at",
            "created_at",
        ]
        read_only_fields = fields

    def get_reason(self, obj: Talk) -> str:
        return self._text(obj, obj.reason)

    def get_record(self, obj: Talk) -> str:
        return self._text(obj, obj.record)


def _visible(model: Any) -> Any:
    """Scope of an id field: the records of `model` the caller may see."""
    return lambda context: model.objects.visible_to(_user(context))


def _offered(model: Any, finder: Any) -> Any:
    """Scope of an id field: what the page offers the caller (`finder(user)`), nothing else."""

    def scope(context: dict[str, Any]) -> Any:
        user = _user(context)
        return finder(user) if user.is_authenticated else model.objects.none()

    return scope


class _LinksInput(serializers.Serializer[Any]):
    """Ids accepted only among the records the caller may see: an invisible id is refused like a
    missing one."""

    task = ScopedPk(_visible(Task), "整改任务", required=False, allow_null=True, default=None)
    recommendation = ScopedPk(
        _visible(Recommendation), "建议书", required=False, allow_null=True, default=None
    )
    case = ScopedPk(_visible(Case), "案例", required=False, allow_null=True, default=None)


class TalkInput(_LinksInput):
    kind = serializers.ChoiceField(choices=Talk.Kind.choices)
    subject = ScopedPk(_offered(Person, services.subjects_for), "谈话对象", help_text="谈话对象（干部编号）")
    talker = ScopedPk(_offered(Person, services.talkers_for), "谈话人", help_text="谈话人（干部编号）")
    planned_on = serializers.DateField()
    reason = serializers.CharField(max_length=5000)


class TalkBase(generics.GenericAPIView[Talk]):
    serializer_class = TalkSerializer

    def get_queryset(self) -> Any:
        talks = Talk.objects.visible_to(self.request.user).select_related("case__unit")
        return talks.prefetch_related("case__persons").order_by("-planned_on", "-id")


class _TalkReads(TalkBase, generics.ListAPIView[Talk]):
    """谈话函询 the caller may see. Filters: status, kind, unit, issuer, case."""

    filterset_fields = ["status", "kind", "unit", "issuer", "case"]


def _create_talk(*, by: User, **data: Any) -> Talk:
    return services.create_talk(services.TalkInput(**data), by=by)


TalkList = operation_view(
    _TalkReads,
    Transition(
        TalkInput, _create_talk, "登记谈话提醒、约谈或函询（拟办）", output=TalkSerializer, status=201
    ),
    operation_id="duties_talks_create",
)


class TalkDetail(TalkBase, generics.RetrieveAPIView[Talk]):
    pass


class TalkCompleteInput(serializers.Serializer[Any]):
    held_on = serializers.DateField(help_text="谈话（函询）日期")
    record = serializers.CharField(max_length=5000, help_text="谈话情况（函询回复）")


def _complete(talk: Talk, *, by: User, held_on: date, record: str) -> Talk:
    return services.complete_talk(talk, by=by, held_on=held_on, record_text=record)


TALK_PATHS = transition_paths(
    "duties/talks",
    "talk",
    Talk,
    TalkSerializer,
    {
        "submit": Transition(EmptyInput, services.submit_talk, "报批（拟办 → 待审批）"),
        "approve": Transition(CommentInput, services.approve_talk, "批准（非拟办、修改、报批人）"),
        "return": Transition(ReasonInput, services.return_talk, "退回修改（写明理由）"),
        "complete": Transition(TalkCompleteInput, _complete, "登记谈话情况或函询回复（已批准 → 已完成）"),
        "cancel": Transition(ReasonInput, services.cancel_talk, "取消（写明原因）"),
    },
)


class AccountabilitySerializer(_LinkedOut):
    basis = serializers.SerializerMethodField()
    method_labels = serializers.ListField(child=serializers.CharField(), read_only=True)

    class Meta:
        model = Accountability
        fields = [
            "id",
            "unit",
            "issuer",
            "target",
            "person",
            "methods",
            "method_labels",
            "basis",
            "deciding_body",
            "decision_number",
            "decided_on",
            "status",
            "task",
            "recommendation",
            "case",
            "drafted_by",
            "decided_by",
            "decided_at",
            "created_at",
        ]
        read_only_fields = fields

    def get_basis(self, obj: Accountability) -> str:
        return self._text(obj, obj.basis)


class AccountabilityInput(_LinksInput):
    target = serializers.ChoiceField(choices=Accountability.Target.choices)
    unit = ScopedPk(
        _offered(Unit, services.units_for),
        "单位",
        required=False,
        allow_null=True,
        default=None,
        help_text="对党组织问责时：其单位",
    )
    person = ScopedPk(
        _offered(Person, services.leaders_for),
        "干部",
        required=False,
        allow_null=True,
        default=None,
        help_text="对领导干部问责时：干部编号",
    )
    methods = serializers.ListField(child=serializers.ChoiceField(choices=AccountabilityMethod.choices))
    basis = serializers.CharField(max_length=5000)
    deciding_body = serializers.CharField(max_length=100)
    decision_number = serializers.CharField(max_length=50, required=False, allow_blank=True, default="")


class AccountabilityBase(generics.GenericAPIView[Accountability]):
    serializer_class = AccountabilitySerializer

    def get_queryset(self) -> Any:
        records = Accountability.objects.visible_to(self.request.user).select_related("case__unit")
        return records.prefetch_related("case__persons").order_by("-created_at", "-id")


class _AccountabilityReads(AccountabilityBase, generics.ListAPIView[Accountability]):
    """问责记录 the caller may see. Filters: status, target, unit, issuer, case."""

    filterset_fields = ["status", "target", "unit", "issuer", "case"]


def _create_accountability(*, by: User, **data: Any) -> Accountability:
    return services.create_accountability(services.AccountabilityInput(**data), by=by)


AccountabilityList = operation_view(
    _AccountabilityReads,
    Transition(
        AccountabilityInput,
        _create_accountability,
        "起草问责记录",
        output=AccountabilitySerializer,
        status=201,
    ),
    operation_id="duties_accountability_create",
)


class AccountabilityDetail(AccountabilityBase, generics.RetrieveAPIView[Accountability]):
    pass


class DecideInput(serializers.Serializer[Any]):
    decided_on = serializers.DateField()
    decision_number = serializers.CharField(max_length=50, required=False, allow_blank=True, default="")
    comment = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")


ACCOUNTABILITY_PATHS = transition_paths(
    "duties/accountability",
    "accountability",
    Accountability,
    AccountabilitySerializer,
    {
        "submit": Transition(EmptyInput, services.submit_accountability, "提交决定（起草 → 待决定）"),
        "decide": Transition(
            DecideInput, services.decide_accountability, "登记问责决定（非起草、修改、提交人）"
        ),
        "return": Transition(ReasonInput, services.return_accountability, "退回修改（写明理由）"),
    },
)
