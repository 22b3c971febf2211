"""API of events (issue 16), mounted at /api/v1/events/.

Events and their totals are public; creating one is for national admin, State and Mission
officers (403 otherwise); registering needs an account (400 with `codes` for bad data: unknown
HS code, slot outside the event, cap out of range — nothing written); approving, scheduling and
recording outcomes are for the people permissions.py names (404 for those who cannot see the
object, 403 for those who see it but may not act).
"""

from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics, serializers, status
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from odop.api.auth import request_user
from odop.api.fields import CountryCodeField, IdField
from odop.bazaar.models import Order
from odop.core import bounds
from odop.events import permissions, selectors, services
from odop.events.matching.spec import MEETINGS_CAP_MAX, TABLES_MAX
from odop.events.models import (
    NAME_MAX,
    Event,
    EventKind,
    Meeting,
    MeetingResult,
    Registration,
    RegistrationStatus,
    Side,
    Stall,
)

ERRORS = {
    400: OpenApiResponse(description="Invalid input; the body carries `codes`."),
    403: OpenApiResponse(description="Signed in, but not allowed."),
    404: OpenApiResponse(description="No such object, or not visible to you."),
}


class TotalsOutput(serializers.Serializer):
    meetings_scheduled = serializers.IntegerField()
    meetings_held = serializers.IntegerField()
    leads = serializers.IntegerField()
    orders = serializers.IntegerField()
    mous = serializers.IntegerField()
    value_by_currency = serializers.DictField(
        child=serializers.DecimalField(max_digits=18, decimal_places=2)
    )
    export_value_by_currency = serializers.DictField(
        child=serializers.DecimalField(max_digits=18, decimal_places=2),
        help_text="Order values of held meetings with buyers from abroad (country not IN).",
    )
    bazaar_orders = serializers.IntegerField(
        help_text="Bazaar orders their buyers linked to the event (cancelled ones left out)."
    )
    bazaar_value = serializers.DecimalField(max_digits=18, decimal_places=2)
    bazaar_export_value = serializers.DecimalField(max_digits=18, decimal_places=2)
    first_time_exporters = serializers.IntegerField()
    follow_ups_due = serializers.IntegerField()


class EventSummaryOutput(serializers.ModelSerializer):
    slots: serializers.SlugRelatedField = serializers.SlugRelatedField(
        many=True, read_only=True, slug_field="label"
    )

    class Meta:
        model = Event
        fields = [
            "id",
            "name",
            "kind",
            "organiser_name",
            "venue",
            "country",
            "city",
            "starts_on",
            "ends_on",
            "time_zone",
            "tables",
            "status",
            "slots",
        ]


class EventInput(serializers.Serializer):
    name = serializers.CharField(max_length=NAME_MAX)
    kind = serializers.ChoiceField(choices=EventKind.choices)
    organiser_name = serializers.CharField(max_length=NAME_MAX)
    venue = serializers.CharField(max_length=NAME_MAX)
    country = CountryCodeField()
    city = serializers.CharField(max_length=120)
    starts_on = serializers.DateField(
        validators=bounds.range_validators(bounds.DATE_MIN, bounds.DATE_MAX)
    )
    ends_on = serializers.DateField(
        validators=bounds.range_validators(bounds.DATE_MIN, bounds.DATE_MAX)
    )
    time_zone = serializers.CharField(max_length=64, default="Asia/Kolkata")
    tables = serializers.IntegerField(min_value=1, max_value=TABLES_MAX)
    slot_starts = serializers.ListField(
        child=serializers.DateTimeField(), min_length=1, max_length=200
    )


class EventListApi(generics.ListCreateAPIView):
    """GET: every event (public). POST: create one with its slots (201; 400; 403)."""

    serializer_class = EventSummaryOutput

    def get_permissions(self) -> list[Any]:
        return [AllowAny()] if self.request.method == "GET" else [IsAuthenticated()]

    def get_queryset(self) -> QuerySet[Event]:
        return permissions.events_visible_to(self.request.user).prefetch_related("slots")

    @extend_schema(request=EventInput, responses={201: EventSummaryOutput, **ERRORS})
    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        actor = request_user(request)
        data = EventInput(data=request.data)
        data.is_valid(raise_exception=True)
        event = services.event_create(actor=actor, **data.validated_data)
        return Response(EventSummaryOutput(event).data, status=status.HTTP_201_CREATED)


class EventTotalsApi(APIView):
    """An event's totals: meetings held, leads, orders, value by currency (public; 404)."""

    permission_classes = [AllowAny]

    @extend_schema(responses={200: TotalsOutput, 404: ERRORS[404]})
    def get(self, request: Request, event_id: int) -> Response:
        event = permissions.access_event(request.user, event_id)
        return Response(TotalsOutput(selectors.event_totals(event=event)).data)


class RegistrationOutput(serializers.ModelSerializer):
    available: serializers.SlugRelatedField = serializers.SlugRelatedField(
        many=True, read_only=True, slug_field="label"
    )

    class Meta:
        model = Registration
        fields = [
            "id",
            "side",
            "company",
            "country",
            "hs_codes",
            "available",
            "max_meetings",
            "status",
        ]


class RegistrationInput(serializers.Serializer):
    side = serializers.ChoiceField(choices=Side.choices)
    hs_codes = serializers.ListField(
        child=serializers.CharField(max_length=6), min_length=1, max_length=50
    )
    available = serializers.ListField(child=serializers.CharField(max_length=16), max_length=200)
    max_meetings = serializers.IntegerField(min_value=0, max_value=MEETINGS_CAP_MAX)
    company = serializers.CharField(
        max_length=NAME_MAX, required=False, default="", allow_blank=True
    )
    country = CountryCodeField(default="IN")


class RegistrationListApi(APIView):
    """GET: registrations you may see (organisers all). POST: register yourself (201; 400 with
    codes `unknown_hs_code`, `invalid_hs_code`, `slot_outside_event`, `out_of_range`,
    `not_verified_producer`, `registered`, `registration_closed`; 404)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: RegistrationOutput(many=True), 404: ERRORS[404]})
    def get(self, request: Request, event_id: int) -> Response:
        event = permissions.access_event(request.user, event_id)
        rows = permissions.registrations_visible_to(request_user(request), event).prefetch_related(
            "available"
        )
        return Response(RegistrationOutput(rows, many=True).data)

    @extend_schema(
        request=RegistrationInput,
        responses={201: RegistrationOutput, 400: ERRORS[400], 404: ERRORS[404]},
    )
    def post(self, request: Request, event_id: int) -> Response:
        actor = request_user(request)
        event = permissions.access_event(actor, event_id)
        data = RegistrationInput(data=request.data)
        data.is_valid(raise_exception=True)
        registration = services.registration_create(actor=actor, event=event, **data.validated_data)
        return Response(RegistrationOutput(registration).data, status=status.HTTP_201_CREATED)


class DecisionInput(serializers.Serializer):
    approve = serializers.BooleanField()


class RegistrationDecideApi(APIView):
    """An officer of the seller's district approves or rejects (200; 400 `invalid_transition`;
    403 not theirs to decide or their own; 404)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=DecisionInput, responses={200: RegistrationOutput, **ERRORS})
    def post(self, request: Request, event_id: int, registration_id: int) -> Response:
        actor = request_user(request)
        event = permissions.access_event(actor, event_id)
        registration = permissions.access_registration(actor, event, registration_id)
        data = DecisionInput(data=request.data)
        data.is_valid(raise_exception=True)
        registration = services.registration_decide(
            actor=actor, registration=registration, approve=data.validated_data["approve"]
        )
        return Response(RegistrationOutput(registration).data)


class EventMeetingOutput(serializers.ModelSerializer):
    slot = serializers.CharField(source="slot.label", default=None, allow_null=True)
    buyer = serializers.CharField(source="buyer.company")
    seller = serializers.CharField(source="seller.company")

    class Meta:
        model = Meeting
        fields = [
            "id",
            "buyer",
            "seller",
            "slot",
            "table",
            "held",
            "result",
            "value",
            "currency",
            "follow_up_on",
            "followed_up_at",
        ]


class ScheduleApi(APIView):
    """The organiser runs the matchmaking; placed meetings are kept where possible (200: all
    meetings, waitlisted ones without slot; 403; 404)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        request=None,
        responses={200: EventMeetingOutput(many=True), 403: ERRORS[403], 404: ERRORS[404]},
    )
    def post(self, request: Request, event_id: int) -> Response:
        actor = request_user(request)
        event = permissions.access_event(actor, event_id)
        meetings = services.schedule_run(actor=actor, event=event)
        return Response(EventMeetingOutput(meetings, many=True).data)


class MeetingListApi(APIView):
    """Meetings you may see: all for organisers, your own for participants (200; 404)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: EventMeetingOutput(many=True), 404: ERRORS[404]})
    def get(self, request: Request, event_id: int) -> Response:
        event = permissions.access_event(request.user, event_id)
        meetings = permissions.meetings_visible_to(request_user(request), event).select_related(
            "buyer", "seller"
        )
        return Response(EventMeetingOutput(meetings, many=True).data)


class OutcomeInput(serializers.Serializer):
    held = serializers.BooleanField()
    result = serializers.ChoiceField(choices=MeetingResult.choices, default=MeetingResult.NONE)
    value = serializers.DecimalField(
        max_digits=bounds.MONEY_DIGITS,
        decimal_places=2,
        min_value=0,
        max_value=bounds.MONEY_MAX,
        required=False,
        allow_null=True,
        default=None,
    )
    currency = serializers.RegexField(r"^[A-Z]{3}$", required=False, default="", allow_blank=True)


class MeetingOutcomeApi(APIView):
    """The organiser records a meeting's outcome (200; 400 `not_held`, `waitlisted`; 403; 404)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=OutcomeInput, responses={200: EventMeetingOutput, **ERRORS})
    def post(self, request: Request, event_id: int, meeting_id: int) -> Response:
        actor = request_user(request)
        event = permissions.access_event(actor, event_id)
        meeting = permissions.access_meeting(actor, event, meeting_id)
        data = OutcomeInput(data=request.data)
        data.is_valid(raise_exception=True)
        meeting = services.meeting_outcome_record(
            actor=actor, meeting=meeting, **data.validated_data
        )
        return Response(EventMeetingOutput(meeting).data)


class StallOutput(serializers.ModelSerializer):
    """A stall as the public sees it: place, size and the approved seller's public name."""

    seller = serializers.SerializerMethodField()
    district = serializers.SerializerMethodField()

    class Meta:
        model = Stall
        fields = ["id", "code", "hall", "grid_row", "grid_column", "area_m2", "seller", "district"]

    def _public(self, stall: Stall) -> Registration | None:
        registration = stall.registration
        if registration is None or registration.status != RegistrationStatus.APPROVED:
            return None
        return registration

    def get_seller(self, stall: Stall) -> str | None:
        registration = self._public(stall)
        return registration.company if registration else None

    def get_district(self, stall: Stall) -> str | None:
        registration = self._public(stall)
        if registration is None or registration.producer is None:
            return None
        return registration.producer.district.name


class StallListApi(APIView):
    """An event's stalls and who holds them (public; 404)."""

    permission_classes = [AllowAny]

    @extend_schema(responses={200: StallOutput(many=True), 404: ERRORS[404]})
    def get(self, request: Request, event_id: int) -> Response:
        event = permissions.access_event(request.user, event_id)
        stalls = selectors.event_stalls(event=event)
        return Response(StallOutput(stalls, many=True).data)


class OrderLinkInput(serializers.Serializer):
    order = IdField()


class OrderLinkOutput(serializers.Serializer):
    event = serializers.IntegerField(source="event_id")
    order = serializers.IntegerField(source="order_id")
    linked_at = serializers.DateTimeField()


class EventOrderLinkApi(APIView):
    """The buyer says one of their bazaar orders came of this event (201; 400 `not_event_buyer`,
    `not_event_seller`, `order_linked`, `order_cancelled`; 404 not your order or no event)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        request=OrderLinkInput,
        responses={201: OrderLinkOutput, 400: ERRORS[400], 404: ERRORS[404]},
    )
    def post(self, request: Request, event_id: int) -> Response:
        actor = request_user(request)
        event = permissions.access_event(actor, event_id)
        data = OrderLinkInput(data=request.data)
        data.is_valid(raise_exception=True)
        order = Order.objects.filter(buyer=actor, pk=data.validated_data["order"]).first()
        if order is None:
            raise Http404
        link = services.event_order_link(actor=actor, event=event, order=order)
        return Response(OrderLinkOutput(link).data, status=status.HTTP_201_CREATED)


class MeetingFollowedUpApi(APIView):
    """The organiser marks a lead followed up (200; 400 `not_a_lead`; 403; 404)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=None, responses={200: EventMeetingOutput, **ERRORS})
    def post(self, request: Request, event_id: int, meeting_id: int) -> Response:
        actor = request_user(request)
        event = permissions.access_event(actor, event_id)
        meeting = permissions.access_meeting(actor, event, meeting_id)
        meeting = services.meeting_followed_up(actor=actor, meeting=meeting)
        return Response(EventMeetingOutput(meeting).data)
