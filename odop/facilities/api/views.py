"""API of Common Facility Centres, mounted at /api/v1/cfcs/.

Centres and their machines are public. A verified producer books a machine (201, or 400 with
`codes`: `slot_taken`, `outside_hours`, `in_past`, ...); the centre's operators confirm,
mark used or no-show, and cancel; the producer cancels with notice. Every write is one
service call.
"""

from typing import Any, ClassVar

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_field,
    extend_schema_serializer,
)
from rest_framework import generics, serializers, status
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from odop.api.auth import request_user
from odop.api.fields import IdField, LgdCodeField
from odop.core import bounds
from odop.facilities import permissions, selectors, services
from odop.facilities.models import Booking, BookingStatus, Centre, Equipment, OpeningHours


class EquipmentOutput(serializers.ModelSerializer):
    class Meta:
        model = Equipment
        fields = ["id", "name", "capacity", "unit", "hourly_rate", "status"]


@extend_schema_field(
    {"type": "string", "pattern": "^([01][0-9]|2[0-3]):[0-5][0-9]$", "example": "09:00"}
)
class LocalTimeField(serializers.TimeField):
    """A time of day at the centre ("HH:MM", India time). Not OpenAPI's `time` format, which
    (RFC 3339) needs a UTC offset that opening hours do not have."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%H:%M", **kwargs)


class OpeningHoursOutput(serializers.ModelSerializer):
    opens = LocalTimeField()
    closes = LocalTimeField()

    class Meta:
        model = OpeningHours
        fields = ["weekday", "opens", "closes"]


class CentreOutput(serializers.ModelSerializer):
    district = serializers.IntegerField(source="district.lgd_code", help_text="LGD code.")
    state = serializers.IntegerField(source="district.state.lgd_code", help_text="LGD code.")
    equipment = EquipmentOutput(many=True)
    opening_hours = OpeningHoursOutput(many=True, help_text="Weekday 0 is Monday.")

    class Meta:
        model = Centre
        fields = [
            "id",
            "name",
            "district",
            "state",
            "category",
            "cluster",
            "implementing_agency",
            "sanctioned_cost",
            "address",
            "latitude",
            "longitude",
            "opening_hours",
            "equipment",
        ]


class CentreFilter(serializers.Serializer):
    state = LgdCodeField(required=False, help_text="The State's LGD code.")
    district = LgdCodeField(required=False, help_text="The district's LGD code.")


LGD_CODE_SCHEMA = {"type": "integer", "minimum": 1, "maximum": bounds.LGD_CODE_MAX}


@extend_schema(
    parameters=[
        OpenApiParameter("state", LGD_CODE_SCHEMA, description="The State's LGD code."),
        OpenApiParameter("district", LGD_CODE_SCHEMA, description="The district's LGD code."),
    ]
)
class CentreListApi(generics.ListAPIView):
    """Every centre with its machines and opening hours; filter by `state` or `district`."""

    permission_classes = [AllowAny]
    serializer_class = CentreOutput

    def get_queryset(self) -> QuerySet[Centre]:
        # An empty filter (`?district=`) means no filter, as the schema says.
        params = {key: value for key, value in self.request.query_params.items() if value != ""}
        query = CentreFilter(data=params)
        query.is_valid(raise_exception=True)
        return selectors.centre_list(
            user=self.request.user,
            state_lgd=query.validated_data.get("state"),
            district_lgd=query.validated_data.get("district"),
        )


class CentreDetailApi(APIView):
    """One centre with its machines and opening hours."""

    permission_classes = [AllowAny]

    @extend_schema(responses={200: CentreOutput})
    def get(self, request: Request, centre_id: int) -> Response:
        centre = permissions.access_centre(request.user, centre_id)
        centre = selectors.centre_list(user=request.user).get(pk=centre.pk)
        return Response(CentreOutput(centre).data)


class OffsetDateTimeField(serializers.DateTimeField):
    """An ISO 8601 date and time that must carry its UTC offset (a bare local time is
    ambiguous for a client in another zone)."""

    default_error_messages: ClassVar[dict[str, Any]] = {
        **serializers.DateTimeField.default_error_messages,
        "naive_datetime": _("Give the time with its UTC offset, e.g. 2026-12-07T10:00:00+05:30."),
    }

    def to_internal_value(self, value: Any) -> Any:
        if isinstance(value, str):
            parsed = parse_datetime(value.strip())
            if parsed is not None and timezone.is_naive(parsed):
                self.fail("naive_datetime")
        return super().to_internal_value(value)


class BookingOutput(serializers.ModelSerializer):
    centre = serializers.IntegerField(source="equipment.centre_id")
    producer = serializers.IntegerField(source="producer_id")

    class Meta:
        model = Booking
        fields = [
            "id",
            "centre",
            "equipment",
            "producer",
            "start",
            "end",
            "status",
            "hourly_rate",
            "charge",
        ]


class BookingCreateApi(APIView):
    """Book a machine of the centre for [start, end) (201). Verified producers only (403).
    400 codes: `slot_taken` (overlaps another booking), `outside_hours`, `in_past`,
    `under_repair`, `too_far_ahead`, `end_before_start`, `naive_datetime`; 404 for a machine
    of another centre."""

    permission_classes = [IsAuthenticated]

    @extend_schema_serializer(component_name="BookingCreateInput")
    class Input(serializers.Serializer):
        equipment = IdField(help_text="The machine's id (one of this centre's).")
        start = OffsetDateTimeField(help_text="ISO 8601 with offset.")
        end = OffsetDateTimeField(help_text="ISO 8601 with offset; the range is half-open.")

    @extend_schema(request=Input, responses={201: BookingOutput})
    def post(self, request: Request, centre_id: int) -> Response:
        actor = request_user(request)
        centre = permissions.access_centre(actor, centre_id)
        data = self.Input(data=request.data)
        data.is_valid(raise_exception=True)
        equipment = permissions.access_equipment(actor, data.validated_data["equipment"])
        if equipment.centre_id != centre.pk:
            raise Http404
        booking = services.booking_create(
            actor=actor,
            equipment=equipment,
            start=data.validated_data["start"],
            end=data.validated_data["end"],
        )
        return Response(BookingOutput(booking).data, status=status.HTTP_201_CREATED)


class BookingDetailApi(APIView):
    """One booking: for its producer, the centre's operators and the officers of its area."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: BookingOutput})
    def get(self, request: Request, booking_id: int) -> Response:
        booking = permissions.access_booking(request_user(request), booking_id)
        return Response(BookingOutput(booking).data)


class BookingTransitionApi(APIView):
    """Move a booking: confirm, mark used or no-show (the centre's operators), cancel (the
    operators, or the producer until the notice period). 400 `invalid_transition`,
    `not_started`, `too_late_to_cancel`; 403 for others who may see it."""

    permission_classes = [IsAuthenticated]
    to: str = BookingStatus.CONFIRMED

    @extend_schema(request=None, responses={200: BookingOutput})
    def post(self, request: Request, booking_id: int) -> Response:
        actor = request_user(request)
        booking = permissions.access_booking(actor, booking_id)
        booking = services.booking_transition(actor=actor, booking=booking, to=self.to)
        return Response(BookingOutput(booking).data)


class BookingConfirmApi(BookingTransitionApi):
    """Confirm a requested booking (the centre's operators)."""

    to = BookingStatus.CONFIRMED


class BookingUseApi(BookingTransitionApi):
    """Mark a confirmed booking used, once it has begun (the centre's operators)."""

    to = BookingStatus.USED


class BookingNoShowApi(BookingTransitionApi):
    """Mark a confirmed booking a no-show, once it has begun (the centre's operators)."""

    to = BookingStatus.NO_SHOW


class BookingCancelApi(BookingTransitionApi):
    """Cancel a booking: the operators, or its producer until the notice period."""

    to = BookingStatus.CANCELLED
