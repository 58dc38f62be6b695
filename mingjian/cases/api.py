"""API: /api/cases/ — the same visibility and name masking as the pages."""

from __future__ import annotations

from typing import Any

from rest_framework import generics, serializers

from mingjian.cases.models import Case, CasePerson
from mingjian.cases.permissions import sees_real_names


class CasePersonSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    name = serializers.SerializerMethodField()

    class Meta:
        model = CasePerson
        fields = ["name", "position", "level", "party_sanction", "party_sanction_detail", "govt_sanction"]

    def get_name(self, obj: CasePerson) -> str:
        return obj.name if self.context.get("real_names") else obj.masked_name


class CaseSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    persons = serializers.SerializerMethodField()
    violation_types: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        many=True, read_only=True, slug_field="name"
    )
    disciplines = serializers.ListField(child=serializers.CharField(), read_only=True)

    class Meta:
        model = Case
        fields = [
            "id",
            "unit",
            "title",
            "notice_date",
            "persons",
            "violation_types",
            "disciplines",
            "eight_point_rules",
            "duty_crimes",
            "org_handling",
            "other_measures",
            "transferred_to_prosecution",
            "amount_yuan",
            "publicity",
            "created_at",
        ]

    def get_persons(self, obj: Case) -> list[dict[str, Any]]:
        real = sees_real_names(self.context["request"].user, obj.unit)
        return CasePersonSerializer(obj.persons.all(), many=True, context={"real_names": real}).data  # type: ignore[return-value]


class CaseList(generics.ListAPIView):  # type: ignore[type-arg]
    serializer_class = CaseSerializer
    filterset_fields = ["unit", "publicity", "transferred_to_prosecution", "eight_point_rules"]

    def get_queryset(self) -> Any:
        return (
            Case.objects.visible_to(self.request.user)
            .select_related("unit")
            .prefetch_related("persons", "violation_types")
        )


class CaseDetail(generics.RetrieveAPIView):  # type: ignore[type-arg]
    serializer_class = CaseSerializer

    def get_queryset(self) -> Any:
        return Case.objects.visible_to(self.request.user).select_related("unit")
