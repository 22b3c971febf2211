"""API of Missions' outreach and consignments (issue 16), under /api/v1/events/.

Outreach: Mission officers and the national admin record and list (others: 403 to record, an
empty list to read). Consignments: recorded by Missions, the national admin or the officers of
the origin district; status moves planned → dispatched → delivered with a history row each
(400 `invalid_transition` otherwise; 404 for a consignment you cannot see).
"""

from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers, status
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from odop.api.auth import request_user
from odop.api.fields import CountryCodeField
from odop.core import bounds
from odop.events import permissions, services
from odop.events.api.views import ERRORS
from odop.events.models import (
    Consignment,
    ConsignmentEvent,
    ConsignmentStatus,
    Outreach,
    OutreachKind,
)
from odop.registry.models import DistrictProduct


class OutreachOutput(serializers.ModelSerializer):
    products: serializers.PrimaryKeyRelatedField = serializers.PrimaryKeyRelatedField(
        many=True, read_only=True
    )

    class Meta:
        model = Outreach
        fields = ["id", "kind", "country", "held_on", "products", "results"]


class OutreachInput(serializers.Serializer):
    kind = serializers.ChoiceField(choices=OutreachKind.choices)
    country = CountryCodeField()
    held_on = serializers.DateField(
        validators=bounds.range_validators(bounds.DATE_MIN, bounds.DATE_MAX)
    )
    products = serializers.PrimaryKeyRelatedField(
        many=True, queryset=DistrictProduct.objects.all(), required=False, default=list
    )
    results = serializers.CharField(
        max_length=bounds.NOTE_MAX, required=False, default="", allow_blank=True
    )


class OutreachListApi(generics.ListAPIView):
    """GET: outreach records (Missions and the national admin). POST: record one (201; 400;
    403)."""

    permission_classes = [IsAuthenticated]
    serializer_class = OutreachOutput

    def get_queryset(self) -> QuerySet[Outreach]:
        return permissions.outreach_visible_to(self.request.user)

    @extend_schema(request=OutreachInput, responses={201: OutreachOutput, **ERRORS})
    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        actor = request_user(request)
        data = OutreachInput(data=request.data)
        data.is_valid(raise_exception=True)
        outreach = services.outreach_record(actor=actor, **data.validated_data)
        return Response(OutreachOutput(outreach).data, status=status.HTTP_201_CREATED)


class MissionConsignmentHistoryOutput(serializers.ModelSerializer):
    class Meta:
        model = ConsignmentEvent
        fields = ["from_status", "to_status", "at"]


class MissionConsignmentOutput(serializers.ModelSerializer):
    events = MissionConsignmentHistoryOutput(many=True, read_only=True)

    class Meta:
        model = Consignment
        fields = [
            "id",
            "product",
            "destination_city",
            "destination_country",
            "quantity",
            "unit",
            "value",
            "currency",
            "partners",
            "documents",
            "status",
            "events",
        ]


class MissionConsignmentInput(serializers.Serializer):
    product = serializers.PrimaryKeyRelatedField(queryset=DistrictProduct.objects.all())
    destination_city = serializers.CharField(max_length=120)
    destination_country = CountryCodeField()
    quantity = serializers.DecimalField(
        max_digits=12, decimal_places=3, min_value=Decimal("0.001"), max_value=bounds.QUANTITY_MAX
    )
    unit = serializers.CharField(max_length=16)
    value = serializers.DecimalField(
        max_digits=bounds.MONEY_DIGITS, decimal_places=2, min_value=0, max_value=bounds.MONEY_MAX
    )
    currency = serializers.RegexField(r"^[A-Z]{3}$")
    partners = serializers.CharField(
        max_length=bounds.NOTE_MAX, required=False, default="", allow_blank=True
    )
    documents = serializers.CharField(
        max_length=bounds.NOTE_MAX, required=False, default="", allow_blank=True
    )


class ConsignmentListApi(generics.ListAPIView):
    """GET: consignments you may see. POST: record a planned one (201; 400; 403)."""

    permission_classes = [IsAuthenticated]
    serializer_class = MissionConsignmentOutput

    def get_queryset(self) -> QuerySet[Consignment]:
        return permissions.consignments_visible_to(self.request.user).prefetch_related("events")

    @extend_schema(
        request=MissionConsignmentInput, responses={201: MissionConsignmentOutput, **ERRORS}
    )
    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        actor = request_user(request)
        data = MissionConsignmentInput(data=request.data)
        data.is_valid(raise_exception=True)
        consignment = services.consignment_create(actor=actor, **data.validated_data)
        return Response(MissionConsignmentOutput(consignment).data, status=status.HTTP_201_CREATED)


class MissionConsignmentStatusInput(serializers.Serializer):
    status = serializers.ChoiceField(choices=ConsignmentStatus.choices)


class ConsignmentStatusApi(APIView):
    """Move a consignment on (200; 400 `invalid_transition`; 403; 404)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        request=MissionConsignmentStatusInput, responses={200: MissionConsignmentOutput, **ERRORS}
    )
    def post(self, request: Request, consignment_id: int) -> Response:
        actor = request_user(request)
        consignment = permissions.access_consignment(actor, consignment_id)
        data = MissionConsignmentStatusInput(data=request.data)
        data.is_valid(raise_exception=True)
        consignment = services.consignment_status_change(
            actor=actor, consignment=consignment, status=data.validated_data["status"]
        )
        return Response(MissionConsignmentOutput(consignment).data)
