"""API: /api/education/events/ (list, create) and /api/education/events/{id}/ (with id and unit,
the organiser), each action its own operation with its own request body — hold, cancel,
attendance, signin, makeup, reflections, reflection, submit, confirm, return — and
/api/education/coverage/. Visibility, masking and capabilities are those of the pages: an event
the caller may not see, or an action they may not take, is a 404; an action the event's status
does not allow is a 409 with the Chinese reason."""

from __future__ import annotations

from typing import Any, ClassVar

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from django.utils import timezone
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import generics, serializers, status
from rest_framework.exceptions import NotFound
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from mingjian.cases.models import Case
from mingjian.education import fit, roster, services, sheets
from mingjian.education import permissions as perms
from mingjian.education.cohort import resolve_units
from mingjian.education.coverage import NAMES_PER_UNIT, PAGE_UNITS, coverage
from mingjian.education.display import case_label, masked_text
from mingjian.education.models import COUNTED_STATUSES, Attendance, Event, PostTag
from mingjian.lib.api import ModelSerializer, ScopedPk, id_field
from mingjian.lib.uploads import CheckedFile, check_upload
from mingjian.org.models import Field, Person, Unit, User
from mingjian.org.permissions import get_visible_or_404
from mingjian.workflow.api import DetailSerializer, Transition, operation_view
from mingjian.workflow.services import TransitionError

S = Event.Status


def _user(context: dict[str, Any]) -> Any:
    """The caller; nobody (an anonymous user, who sees nothing) while the schema is generated."""
    request = context.get("request")
    return getattr(request, "user", None) or AnonymousUser()


def _described(choices: list[tuple[str, str]]) -> str:
    return "；".join(f"{value} {label}" for value, label in choices)


# "kind" already names other enum components (Unit.kind, Notification.kind …): a pattern
# documents the values without a second, clashing component.
@extend_schema_field(
    {
        "type": "string",
        "pattern": f"^({'|'.join(Event.Kind.values)})$",
        "description": _described(Event.Kind.choices),
    }
)
class KindField(serializers.ChoiceField):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(choices=Event.Kind.choices, **kwargs)


@extend_schema_field(
    {"type": "string", "enum": ["", *Field.values], "description": _described(Field.choices)}
)
class FieldChoice(serializers.ChoiceField):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(choices=Field.choices, **kwargs)


class EventSerializer(ModelSerializer):
    kind = KindField(read_only=True)
    target_field = FieldChoice(read_only=True)
    title = serializers.SerializerMethodField()
    description = serializers.SerializerMethodField()
    summary = serializers.SerializerMethodField()
    cases = serializers.SerializerMethodField()
    cohort_size = serializers.SerializerMethodField()
    reached = serializers.SerializerMethodField()
    warnings = serializers.SerializerMethodField()
    host_name = serializers.CharField(source="host.name", read_only=True, allow_null=True, default=None)

    class Meta:
        model = Event
        fields = [
            "id",
            "unit",
            "kind",
            "title",
            "held_on",
            "place",
            "description",
            "status",
            "host",
            "host_name",
            "cases",
            "target_units",
            "include_subunits",
            "target_field",
            "target_levels",
            "target_tags",
            "cohort_size",
            "reached",
            "warnings",
            "summary",
            "summary_by",
            "summary_at",
            "confirmed_by",
            "confirmed_at",
            "created_at",
        ]
        read_only_fields = fields

    def _masked(self, obj: Event, text: str) -> str:
        return masked_text(text, obj.cases.all(), _user(self.context))

    def get_title(self, obj: Event) -> str:
        return self._masked(obj, obj.title)

    def get_description(self, obj: Event) -> str:
        return self._masked(obj, obj.description)

    def get_summary(self, obj: Event) -> str:
        return self._masked(obj, obj.summary)

    def get_cases(self, obj: Event) -> list[dict[str, Any]]:
        user = _user(self.context)
        return [{"id": c.pk, "unit": c.unit_id, "title": case_label(c, user)} for c in obj.cases.all()]

    def _rows(self, obj: Event) -> Any:
        return Attendance.objects.visible_to(_user(self.context)).filter(event=obj)

    def get_cohort_size(self, obj: Event) -> int:
        """Cadres of the cohort the caller may see."""
        found = getattr(obj, "cohort_n", None)  # annotated on lists (EventQuerySet.with_counts)
        return int(found if found is not None else self._rows(obj).filter(in_cohort=True).count())

    def get_reached(self, obj: Event) -> int:
        """Of the cadres the caller may see: present, or made up later (补学)."""
        found = getattr(obj, "reached_n", None)
        return int(found if found is not None else self._rows(obj).reached().count())

    def get_warnings(self, obj: Event) -> list[dict[str, str]]:
        """层级错位 / 领域不符 advice about the cases chosen for this audience."""
        return [{"kind": w.kind, "message": w.message} for w in fit.warnings_for(obj)]


class _ScopedInput(serializers.Serializer[Any]):
    """Input whose id fields accept only what the caller may see or act in: an invisible id is
    refused exactly like a missing one."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        user = _user(self.context)
        acting = perms.acting_units(user)
        for name, queryset in (
            ("unit", acting),
            ("target_units", acting),
            ("cases", Case.objects.visible_to(user)),
        ):
            if name in self.fields:
                field = self.fields[name]
                target: Any = getattr(field, "child_relation", field)
                target.queryset = queryset


class EventCreateInput(_ScopedInput):
    kind = KindField()
    title = serializers.CharField(max_length=200)
    held_on = serializers.DateField()
    place = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    unit = serializers.PrimaryKeyRelatedField(queryset=Unit.objects.none(), help_text="组织单位")
    description = serializers.CharField(required=False, allow_blank=True, default="")
    cases = serializers.PrimaryKeyRelatedField(
        many=True, queryset=Case.objects.none(), required=False, default=list
    )
    target_units = serializers.PrimaryKeyRelatedField(many=True, queryset=Unit.objects.none())
    include_subunits = serializers.BooleanField(default=True)
    target_field = FieldChoice(required=False, allow_blank=True, default="")
    target_levels = serializers.ListField(
        child=serializers.ChoiceField(choices=Person.Level.choices), required=False, default=list
    )
    target_tags = serializers.PrimaryKeyRelatedField(
        many=True, queryset=PostTag.objects.all(), required=False, default=list
    )


class EventFilter(filters.FilterSet):
    case = filters.ModelChoiceFilter(field_name="cases", queryset=Case.objects.all(), label="使用案例")

    class Meta:
        model = Event
        fields: ClassVar = ["kind", "status", "unit", "case"]


class EventBase(generics.GenericAPIView[Event]):
    serializer_class = EventSerializer

    def get_queryset(self) -> Any:
        return (
            Event.objects.visible_to(self.request.user)
            .select_related("unit", "host")
            .prefetch_related("cases__persons", "cases__unit", "target_units", "target_tags")
            .with_counts(self.request.user)
            .order_by("-held_on", "-id")
        )


class _EventReads(EventBase, generics.ListAPIView[Event]):
    """警示教育活动 the caller may see (organiser unit in scope, or a cohort unit in scope)."""

    filterset_class = EventFilter


def _create_event(*, by: User, **data: Any) -> Event:
    return services.create_event(services.EventInput(**data), by=by)


EventList = operation_view(
    _EventReads,
    Transition(EventCreateInput, _create_event, "新建警示教育活动", output=EventSerializer, status=201),
    operation_id="education_events_create",
)


class EventDetail(EventBase, generics.RetrieveAPIView[Event]):
    pass


class EventUpdateInput(EventCreateInput):
    """The whole event as edited (a planned event only); cases the editor may not see stay."""


def update_event(event: Event, *, by: User, **data: Any) -> Event:
    return services.update_event(event, services.EventInput(**data), by=by)


EventEdit = operation_view(
    EventDetail,
    Transition(EventUpdateInput, update_event, "修改计划中的警示教育活动"),
    operation_id="education_event_update",
    model=Event,
    output=EventSerializer,
    method="put",
)


# ---- actions --------------------------------------------------------------------------------


class EventAction(APIView):
    """POST /api/education/events/{id}/<action>/: refused capability → 404, a status that does
    not allow the action → 409, bad input → 400; otherwise the event as it now stands."""

    input: type[serializers.Serializer[Any]]
    ready_in: tuple[str, ...]

    def allowed(self, user: Any, event: Event) -> bool:
        return perms.can_manage(user, event)

    def perform(self, event: Event, user: Any, data: dict[str, Any]) -> Any:
        raise NotImplementedError

    def post(self, request: Request, pk: int) -> Response:
        event = get_visible_or_404(Event, request.user, pk=pk)
        if not self.allowed(request.user, event):
            raise NotFound
        if event.status not in self.ready_in:
            return Response(
                {"detail": f"活动当前状态为“{event.get_status_display()}”，不能进行此操作。"},
                status=status.HTTP_409_CONFLICT,
            )
        data = self.input(data=request.data, context={"request": request, "event": event})
        data.is_valid(raise_exception=True)
        try:
            self.perform(event, request.user, dict(data.validated_data))
        except PermissionDenied:
            raise NotFound from None
        except TransitionError as e:
            return Response({"detail": str(e)}, status=status.HTTP_409_CONFLICT)
        except sheets.SheetError as e:
            return Response({"detail": str(e)}, status=status.HTTP_400_BAD_REQUEST)
        except roster.RosterError as e:
            return Response(
                {"detail": "签到表有未能匹配的行，未导入任何数据。", "errors": e.errors}, status=400
            )
        event.refresh_from_db()
        return Response(EventSerializer(event, context={"request": request}).data)


def _documented(summary: str, body: type[serializers.Serializer[Any]]) -> Any:
    # 409: the event's status does not allow the action (the fuzz found it undocumented).
    responses = {200: EventSerializer, 409: DetailSerializer}
    return extend_schema_view(post=extend_schema(summary=summary, request=body, responses=responses))


def _hosts(context: dict[str, Any]) -> Any:
    return services.hosts_for(context["event"])


class HoldInput(serializers.Serializer[Any]):
    """The event's date must have come; who chaired it is chosen from the organising unit's 班子."""

    host = ScopedPk(
        _hosts,
        "主持人",
        required=False,
        allow_null=True,
        default=None,
        help_text="主持人（组织单位班子成员的干部编号）",
    )


class CancelInput(serializers.Serializer[Any]):
    reason = serializers.CharField(max_length=500, help_text="取消原因")


class ReturnInput(serializers.Serializer[Any]):
    reason = serializers.CharField(max_length=500, help_text="退回理由")


class MarkInput(serializers.Serializer[Any]):
    person = serializers.IntegerField(help_text="干部编号（org.Person id）")
    presence = serializers.ChoiceField(
        choices=[("pending", "未记录"), ("present", "出席"), ("absent", "缺席")]
    )
    reason = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")


class AttendanceInput(serializers.Serializer[Any]):
    marks = MarkInput(many=True)


class SigninInput(serializers.Serializer[Any]):
    file = serializers.FileField(help_text="签到表 .xlsx：“姓名”列，可另有“单位”列")


class MakeupInput(serializers.Serializer[Any]):
    person = id_field()
    made_up_on = serializers.DateField()
    note = serializers.CharField(max_length=200, help_text="补学方式")


class PeopleInput(serializers.Serializer[Any]):
    people = serializers.ListField(child=id_field(), help_text="请其撰写心得体会的干部编号")


class ReflectionInput(serializers.Serializer[Any]):
    person = id_field()
    text = serializers.CharField(max_length=5000)


class SummaryInput(serializers.Serializer[Any]):
    summary = serializers.CharField(max_length=5000)


class ConfirmInput(serializers.Serializer[Any]):
    comment = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")


@_documented("记录活动已开展（计划 → 已开展）", HoldInput)
class EventHold(EventAction):
    input, ready_in = HoldInput, (S.PLANNED,)

    def perform(self, event: Event, user: Any, data: dict[str, Any]) -> Any:
        return services.hold_event(event, by=user, host=data["host"])


class HostInput(HoldInput):
    """The host chosen again (null: none recorded), until the summary is confirmed."""


@_documented("更正主持人（已开展、总结确认前）", HostInput)
class EventHost(EventAction):
    input, ready_in = HostInput, (S.HELD, S.SUBMITTED)

    def perform(self, event: Event, user: Any, data: dict[str, Any]) -> Any:
        return services.correct_host(event, by=user, host=data["host"])


@_documented("取消计划中的活动", CancelInput)
class EventCancel(EventAction):
    input, ready_in = CancelInput, (S.PLANNED,)

    def perform(self, event: Event, user: Any, data: dict[str, Any]) -> Any:
        return services.cancel_event(event, by=user, reason=data["reason"])


@_documented("登记出勤（出席/缺席及原因），全部成功或全部不保存", AttendanceInput)
class EventAttendance(EventAction):
    input, ready_in = AttendanceInput, (S.HELD,)

    def perform(self, event: Event, user: Any, data: dict[str, Any]) -> Any:
        marks = [services.Mark(m["person"], m["presence"], m["reason"]) for m in data["marks"]]
        return services.record_attendance(event, by=user, marks=marks)


@_documented("导入签到表（.xlsx），按姓名匹配对象单位的干部名册，全部成功或全部不导入", SigninInput)
class EventSignin(EventAction):
    input, ready_in = SigninInput, (S.HELD,)
    parser_classes = (MultiPartParser, FormParser)

    def perform(self, event: Event, user: Any, data: dict[str, Any]) -> Any:
        upload = data["file"]
        return services.import_signin(event, by=user, data=upload.read(), filename=upload.name)


@_documented("登记缺席人员补学", MakeupInput)
class EventMakeup(EventAction):
    input, ready_in = MakeupInput, COUNTED_STATUSES

    def allowed(self, user: Any, event: Event) -> bool:
        return perms.can_record_any(user, event)

    def perform(self, event: Event, user: Any, data: dict[str, Any]) -> Any:
        return services.record_makeup(
            event, by=user, person_id=data["person"], made_up_on=data["made_up_on"], note=data["note"]
        )


@_documented("指定撰写心得体会的人员（不得要求全体参加人员）", PeopleInput)
class EventReflections(EventAction):
    input, ready_in = PeopleInput, (S.HELD,)

    def perform(self, event: Event, user: Any, data: dict[str, Any]) -> Any:
        return services.request_reflections(event, by=user, person_ids=data["people"])


@_documented("登记指定人员的心得体会", ReflectionInput)
class EventReflection(EventAction):
    input, ready_in = ReflectionInput, COUNTED_STATUSES

    def allowed(self, user: Any, event: Event) -> bool:
        return perms.can_record_any(user, event)

    def perform(self, event: Event, user: Any, data: dict[str, Any]) -> Any:
        return services.record_reflection(event, by=user, person_id=data["person"], text=data["text"])


@_documented("提交开展情况总结（已开展 → 总结待确认）", SummaryInput)
class EventSubmit(EventAction):
    input, ready_in = SummaryInput, (S.HELD,)

    def perform(self, event: Event, user: Any, data: dict[str, Any]) -> Any:
        return services.submit_summary(event, by=user, summary=data["summary"])


@_documented("确认总结（总结待确认 → 已总结；录入人和总结提交人不能确认）", ConfirmInput)
class EventConfirm(EventAction):
    input, ready_in = ConfirmInput, (S.SUBMITTED,)

    def allowed(self, user: Any, event: Event) -> bool:
        return perms.can_confirm(user, event)

    def perform(self, event: Event, user: Any, data: dict[str, Any]) -> Any:
        return services.confirm_summary(event, by=user, comment=data["comment"])


@_documented("退回总结（总结待确认 → 已开展）", ReturnInput)
class EventReturn(EventAction):
    input, ready_in = ReturnInput, (S.SUBMITTED,)

    def allowed(self, user: Any, event: Event) -> bool:
        return perms.can_confirm(user, event)

    def perform(self, event: Event, user: Any, data: dict[str, Any]) -> Any:
        return services.return_summary(event, by=user, reason=data["reason"])


class MaterialInput(serializers.Serializer[Any]):
    file = serializers.FileField(help_text="PDF、Word、Excel、图片，20 MB 以内")
    name = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")

    def validate_file(self, upload: Any) -> CheckedFile:
        try:
            return check_upload(upload.name, upload.read())
        except DjangoValidationError as e:
            raise serializers.ValidationError(e.messages) from None


@_documented("上传活动材料（警示教育片、课件、签到表扫描件等）", MaterialInput)
class EventMaterial(EventAction):
    input, ready_in = MaterialInput, tuple(S.values)
    parser_classes = (MultiPartParser, FormParser)

    def perform(self, event: Event, user: Any, data: dict[str, Any]) -> Any:
        return services.add_material(event, by=user, checked=data["file"], name=data["name"])


# ---- coverage -------------------------------------------------------------------------------


class CoverageQuery(serializers.Serializer[Any]):
    # The same answer for an invisible unit and a missing one: the message never echoes the id.
    unit = serializers.PrimaryKeyRelatedField(
        queryset=Unit.objects.none(),
        required=False,
        help_text="含下属单位",
        error_messages={"does_not_exist": "无此单位。", "incorrect_type": "无此单位。"},
    )
    field = FieldChoice(required=False)
    level = serializers.ListField(child=serializers.ChoiceField(choices=Person.Level.choices), required=False)
    tag = serializers.ListField(
        child=serializers.PrimaryKeyRelatedField(
            queryset=PostTag.objects.all(), error_messages={"does_not_exist": "无此岗位标签。"}
        ),
        required=False,
    )
    page = serializers.IntegerField(
        required=False, min_value=1, help_text=f"单位分页，每页 {PAGE_UNITS} 个单位（超出末页时返回末页）"
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.in_scope(_user(self.context))  # type: ignore[attr-defined]


class CadreOut(serializers.Serializer[Any]):
    id = serializers.IntegerField(source="pk")
    name = serializers.CharField()
    position = serializers.CharField()
    level = serializers.CharField()


class UnitCoverageOut(serializers.Serializer[Any]):
    unit = serializers.IntegerField(source="unit.pk")
    name = serializers.CharField(source="unit.name")
    cohort = serializers.IntegerField()
    reached = serializers.IntegerField()
    share = serializers.FloatField()
    unreached_count = serializers.IntegerField()
    unreached = CadreOut(many=True, help_text=f"未覆盖人员，每个单位至多 {NAMES_PER_UNIT} 人")


class CoverageOut(serializers.Serializer[Any]):
    since = serializers.DateField()
    until = serializers.DateField()
    cohort = serializers.IntegerField()
    reached = serializers.IntegerField()
    share = serializers.FloatField()
    unit_count = serializers.IntegerField(source="page.paginator.count", help_text="有对象干部的单位数")
    page = serializers.IntegerField(source="page.number")
    pages = serializers.IntegerField(source="page.paginator.num_pages")
    units = UnitCoverageOut(many=True, source="rows", help_text="本页的单位")


class CoverageView(APIView):
    """警示教育覆盖率: per unit in the caller's scope, the share of the cohort reached in the last
    12 months by an event that used a same-field case, and who was not reached (totals over the
    whole cohort; units a page at a time, each with the first names not reached)."""

    @extend_schema(parameters=[CoverageQuery], responses=CoverageOut, summary="警示教育覆盖率")
    def get(self, request: Request) -> Response:
        params = {
            k: request.query_params.getlist(k) if k in ("level", "tag") else v
            for k, v in request.query_params.items()
        }
        query = CoverageQuery(data=params, context={"request": request})
        query.is_valid(raise_exception=True)
        data = query.validated_data
        units: QuerySet[Unit] = Unit.objects.in_scope(request.user)
        if data.get("unit"):
            units = resolve_units([data["unit"]], include_subunits=True)
        if data.get("field"):
            units = units.filter(field=data["field"])
        result = coverage(
            request.user,
            units=units,
            levels=data.get("level", []),
            tags=data.get("tag", []),
            today=timezone.localdate(),
            page=data.get("page", 1),
        )
        return Response(CoverageOut(result).data)
