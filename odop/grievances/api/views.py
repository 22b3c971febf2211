"""API of grievances, mounted at /api/v1/grievances/.

Categories and tracking by public number are public (tracking shows status and dates, nothing
personal). Filing needs a signed-in user; a grievance is read by those who may see it and 404
for everyone else; replies, interim replies and escalations are the answering officers'
(403 for others who may see it); the rating is the filer's. Every write is one service call
whose refusals become 400 with `codes`, 403 or 404.
"""

from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
    extend_schema_serializer,
    inline_serializer,
)
from rest_framework import generics, serializers, status
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from odop.api.auth import request_user
from odop.api.fields import IdField, LgdCodeField
from odop.core import bounds
from odop.geography.permissions import access_district
from odop.grievances import permissions, selectors, services
from odop.grievances.models import (
    PERIOD_DAYS_MAX,
    PERIOD_DAYS_MIN,
    REFERENCE_MAX,
    SUBJECT_MAX,
    Grievance,
    GrievanceCategory,
    GrievanceEvent,
    GrievanceSetting,
    Rating,
    SettingName,
)
from odop.grievances.numbers import NUMBER_MAX_LENGTH
from odop.producers.permissions import producers_visible_to

BAD_REQUEST = OpenApiResponse(
    response=inline_serializer(
        name="GrievanceError",
        fields={
            "non_field_errors": serializers.ListField(
                child=serializers.CharField(), required=False
            ),
            "codes": serializers.DictField(
                help_text="The same shape as the errors, with each message's code."
            ),
        },
    ),
    description="Refused input, with a `codes` object (e.g. `unknown_category`, `required`).",
)
NOT_FOUND = OpenApiResponse(description="No such grievance, or not visible to you.")
FORBIDDEN = OpenApiResponse(description="You may see it but not do this.")
UNAUTHENTICATED = OpenApiResponse(description="Sign in first.")


class GrievanceCategoryOutput(serializers.ModelSerializer):
    class Meta:
        model = GrievanceCategory
        fields = ["code", "name", "name_hi", "level"]


class CategoryListApi(generics.ListAPIView):
    """The categories a grievance may be filed in, in English and Hindi, with the level whose
    officers answer first (the routing table). Public."""

    permission_classes = [AllowAny]
    serializer_class = GrievanceCategoryOutput
    pagination_class = None

    def get_queryset(self) -> QuerySet[GrievanceCategory]:
        return selectors.category_list()


class GrievanceEventOutput(serializers.ModelSerializer):
    actor = serializers.CharField(source="actor.username", default=None, allow_null=True)

    class Meta:
        model = GrievanceEvent
        fields = ["kind", "level", "status", "due_by", "note", "actor", "created_at"]


class GrievanceOutput(serializers.ModelSerializer):
    category = serializers.CharField(source="category.code")
    district = serializers.IntegerField(source="district.lgd_code", help_text="LGD code.")
    filed_by = serializers.CharField(source="filed_by.username")
    producer = serializers.IntegerField(source="producer_id", allow_null=True)

    class Meta:
        model = Grievance
        fields = [
            "id",
            "number",
            "category",
            "subject",
            "description",
            "district",
            "filed_by",
            "producer",
            "level",
            "status",
            "filed_on",
            "due_by",
            "expected_by",
            "is_appeal",
            "reply",
            "replied_at",
            "rating",
            "closed_at",
        ]


class GrievanceDetailOutput(GrievanceOutput):
    events = serializers.SerializerMethodField()

    class Meta(GrievanceOutput.Meta):
        fields = [*GrievanceOutput.Meta.fields, "events"]

    @extend_schema_field(GrievanceEventOutput(many=True))
    def get_events(self, grievance: Grievance) -> list[dict[str, Any]]:
        events = selectors.grievance_events(grievance=grievance)
        return list(GrievanceEventOutput(events, many=True).data)


class GrievanceListFileApi(generics.ListAPIView):
    """GET: the grievances you filed or that were filed for you, newest first. POST: file one
    (201 with its `number` and `due_by`)."""

    permission_classes = [IsAuthenticated]
    serializer_class = GrievanceOutput

    @extend_schema_serializer(component_name="GrievanceFileInput")
    class Input(serializers.Serializer):
        category = serializers.CharField(max_length=64, help_text="A category `code`.")
        subject = serializers.CharField(max_length=SUBJECT_MAX)
        description = serializers.CharField(max_length=bounds.MESSAGE_MAX)
        district = LgdCodeField(
            required=False,
            help_text="LGD code; default the producer's district, then your own.",
        )
        producer = IdField(
            required=False, help_text="An officer filing for a producer: the producer's id."
        )
        consent_note = serializers.CharField(
            required=False, allow_blank=True, default="", max_length=bounds.NOTE_MAX
        )

    def get_queryset(self) -> QuerySet[Grievance]:
        if getattr(self, "swagger_fake_view", False):
            return Grievance.objects.none()
        return selectors.grievance_list_filed(user=request_user(self.request)).select_related(
            "filed_by"
        )

    @extend_schema(responses={200: GrievanceOutput(many=True), 401: UNAUTHENTICATED})
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(
        request=Input,
        responses={
            201: GrievanceOutput,
            400: BAD_REQUEST,
            401: UNAUTHENTICATED,
            403: FORBIDDEN,
        },
    )
    def post(self, request: Request) -> Response:
        actor = request_user(request)
        data = self.Input(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        category = selectors.category_list().filter(code=values["category"]).first()
        if category is None:
            raise serializers.ValidationError(
                {"category": [serializers.ErrorDetail("Unknown category.", "unknown_category")]}
            )
        district = None
        if "district" in values:
            try:
                district = access_district(actor, values["district"])
            except Http404 as error:
                raise serializers.ValidationError(
                    {"district": [serializers.ErrorDetail("Unknown district.", "unknown_district")]}
                ) from error
        producer = None
        if "producer" in values:
            producer = producers_visible_to(actor).filter(pk=values["producer"]).first()
            if producer is None:
                raise serializers.ValidationError(
                    {"producer": [serializers.ErrorDetail("Unknown producer.", "unknown_producer")]}
                )
        grievance = services.grievance_file(
            actor=actor,
            category=category,
            subject=values["subject"],
            description=values["description"],
            district=district,
            producer=producer,
            consent_note=values["consent_note"],
        )
        return Response(GrievanceOutput(grievance).data, status=status.HTTP_201_CREATED)


class GrievanceQueueApi(generics.ListAPIView):
    """The grievances waiting for your reply (officers of the level they sit at), the earliest
    due first."""

    permission_classes = [IsAuthenticated]
    serializer_class = GrievanceOutput

    def get_queryset(self) -> QuerySet[Grievance]:
        if getattr(self, "swagger_fake_view", False):
            return Grievance.objects.none()
        return selectors.grievance_queue(user=request_user(self.request)).select_related("filed_by")

    @extend_schema(responses={200: GrievanceOutput(many=True), 401: UNAUTHENTICATED})
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)


class GrievanceCountsOutput(serializers.Serializer):
    district = serializers.IntegerField(source="district_lgd_code", help_text="LGD code.")
    district_name = serializers.CharField()
    open = serializers.IntegerField()
    answered = serializers.IntegerField()
    appealed = serializers.IntegerField()
    closed = serializers.IntegerField()
    overdue = serializers.IntegerField()


class GrievanceCountsApi(APIView):
    """Counts by status and overdue, per district of your scope (officers; empty for others)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: GrievanceCountsOutput(many=True), 401: UNAUTHENTICATED})
    def get(self, request: Request) -> Response:
        rows = selectors.grievance_counts_by_district(
            user=request_user(request), today=timezone.localdate()
        )
        return Response(GrievanceCountsOutput(rows, many=True).data)


class GrievanceDetailApi(APIView):
    """One grievance with its moves, for those who may see it; 404 for everyone else."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: GrievanceDetailOutput, 401: UNAUTHENTICATED, 404: NOT_FOUND})
    def get(self, request: Request, grievance_id: int) -> Response:
        grievance = permissions.access_grievance(request_user(request), grievance_id)
        return Response(GrievanceDetailOutput(grievance).data)


ACTION_RESPONSES = {
    200: GrievanceOutput,
    400: BAD_REQUEST,
    401: UNAUTHENTICATED,
    403: FORBIDDEN,
    404: NOT_FOUND,
}


class GrievanceReplyApi(APIView):
    """Answer (an officer of the grievance's level): a first reply waits for the filer's
    rating, an appeal's reply closes it. 400 `reply_required`, `invalid_transition`."""

    permission_classes = [IsAuthenticated]

    @extend_schema_serializer(component_name="GrievanceReplyInput")
    class Input(serializers.Serializer):
        reply = serializers.CharField(max_length=bounds.MESSAGE_MAX)

    @extend_schema(request=Input, responses=ACTION_RESPONSES)
    def post(self, request: Request, grievance_id: int) -> Response:
        actor = request_user(request)
        grievance = permissions.access_grievance(actor, grievance_id)
        data = self.Input(data=request.data)
        data.is_valid(raise_exception=True)
        grievance = services.grievance_reply(
            actor=actor, grievance=grievance, **data.validated_data
        )
        return Response(GrievanceOutput(grievance).data)


class GrievanceInterimApi(APIView):
    """An interim reply: why it takes longer and the date the answer comes by (after today, at
    most one more due period after the due date: `invalid_expected_date`)."""

    permission_classes = [IsAuthenticated]

    @extend_schema_serializer(component_name="GrievanceInterimInput")
    class Input(serializers.Serializer):
        note = serializers.CharField(max_length=bounds.MESSAGE_MAX)
        expected_by = serializers.DateField(
            validators=bounds.range_validators(bounds.DATE_MIN, bounds.DATE_MAX)
        )

    @extend_schema(request=Input, responses=ACTION_RESPONSES)
    def post(self, request: Request, grievance_id: int) -> Response:
        actor = request_user(request)
        grievance = permissions.access_grievance(actor, grievance_id)
        data = self.Input(data=request.data)
        data.is_valid(raise_exception=True)
        grievance = services.grievance_interim_reply(
            actor=actor, grievance=grievance, **data.validated_data
        )
        return Response(GrievanceOutput(grievance).data)


class GrievanceEscalateApi(APIView):
    """Hand the grievance to the next level up, with why (`top_level` at national)."""

    permission_classes = [IsAuthenticated]

    @extend_schema_serializer(component_name="GrievanceEscalateInput")
    class Input(serializers.Serializer):
        note = serializers.CharField(max_length=bounds.NOTE_MAX)

    @extend_schema(request=Input, responses=ACTION_RESPONSES)
    def post(self, request: Request, grievance_id: int) -> Response:
        actor = request_user(request)
        grievance = permissions.access_grievance(actor, grievance_id)
        data = self.Input(data=request.data)
        data.is_valid(raise_exception=True)
        grievance = services.grievance_escalate(
            actor=actor, grievance=grievance, **data.validated_data
        )
        return Response(GrievanceOutput(grievance).data)


class GrievanceRateApi(APIView):
    """The filer rates the reply: good or fair closes it, poor opens an appeal a level up."""

    permission_classes = [IsAuthenticated]

    @extend_schema_serializer(component_name="GrievanceRateInput")
    class Input(serializers.Serializer):
        rating = serializers.ChoiceField(choices=Rating.choices)
        note = serializers.CharField(
            required=False, allow_blank=True, default="", max_length=bounds.NOTE_MAX
        )

    @extend_schema(request=Input, responses=ACTION_RESPONSES)
    def post(self, request: Request, grievance_id: int) -> Response:
        actor = request_user(request)
        grievance = permissions.access_grievance(actor, grievance_id)
        data = self.Input(data=request.data)
        data.is_valid(raise_exception=True)
        grievance = services.grievance_rate(actor=actor, grievance=grievance, **data.validated_data)
        return Response(GrievanceOutput(grievance).data)


class GrievanceTrackEventOutput(serializers.Serializer):
    kind = serializers.CharField()
    level = serializers.CharField()
    date = serializers.DateField()


class GrievanceTrackOutput(serializers.Serializer):
    number = serializers.CharField()
    category = serializers.CharField()
    status = serializers.CharField()
    level = serializers.CharField()
    filed_on = serializers.DateField()
    due_by = serializers.DateField()
    expected_by = serializers.DateField(allow_null=True)
    is_appeal = serializers.BooleanField()
    history = GrievanceTrackEventOutput(many=True)


def track_data(grievance: Grievance) -> dict[str, Any]:
    """What the public sees of a grievance: status and dates; no names, no text."""
    return {
        "number": grievance.number,
        "category": grievance.category.code,
        "status": grievance.status,
        "level": grievance.level,
        "filed_on": grievance.filed_on,
        "due_by": grievance.due_by,
        "expected_by": grievance.expected_by,
        "is_appeal": grievance.is_appeal,
        "history": [
            {
                "kind": kind,
                "level": level,
                "date": timezone.localdate(created_at),
            }
            for kind, level, created_at in grievance.events.values_list(
                "kind", "level", "created_at"
            )
        ],
    }


class GrievanceTrackApi(APIView):
    """Public tracking by number: status, level and dates, and the dated moves. Nothing
    personal. 404 for a malformed number, a wrong check digit or no such grievance."""

    permission_classes = [AllowAny]

    @extend_schema(responses={200: GrievanceTrackOutput, 404: NOT_FOUND})
    def get(self, request: Request, number: str) -> Response:
        if len(number) > NUMBER_MAX_LENGTH * 2:
            raise Http404
        grievance = selectors.grievance_track(number=number)
        return Response(GrievanceTrackOutput(track_data(grievance)).data)


class GrievanceSettingOutput(serializers.ModelSerializer):
    proposed_by = serializers.CharField(source="proposed_by.username", default=None)
    decided_by = serializers.CharField(source="decided_by.username", default=None)

    class Meta:
        model = GrievanceSetting
        fields = [
            "id",
            "name",
            "value",
            "effective_from",
            "effective_to",
            "reference",
            "status",
            "proposed_by",
            "decided_by",
            "decided_at",
        ]


class GrievanceSettingListProposeApi(APIView):
    """GET: every dated value of the grievance settings (national admins; 404 for others).
    POST: propose a new dated value with the order that set it (201); it counts once another
    national admin approves it. 400 `dates_out_of_order`, `out_of_range`."""

    permission_classes = [IsAuthenticated]

    @extend_schema_serializer(component_name="GrievanceSettingProposeInput")
    class Input(serializers.Serializer):
        name = serializers.ChoiceField(choices=SettingName.choices)
        value = serializers.IntegerField(min_value=PERIOD_DAYS_MIN, max_value=PERIOD_DAYS_MAX)
        effective_from = serializers.DateField(
            validators=bounds.range_validators(bounds.DATE_MIN, bounds.DATE_MAX)
        )
        effective_to = serializers.DateField(
            required=False,
            allow_null=True,
            default=None,
            validators=bounds.range_validators(bounds.DATE_MIN, bounds.DATE_MAX),
        )
        reference = serializers.CharField(max_length=REFERENCE_MAX)

    @extend_schema(
        responses={200: GrievanceSettingOutput(many=True), 401: UNAUTHENTICATED, 404: NOT_FOUND}
    )
    def get(self, request: Request) -> Response:
        if not permissions.can_propose_setting(request_user(request)):
            raise Http404
        settings = selectors.grievance_setting_list()
        return Response(GrievanceSettingOutput(settings, many=True).data)

    @extend_schema(
        request=Input,
        responses={
            201: GrievanceSettingOutput,
            400: BAD_REQUEST,
            401: UNAUTHENTICATED,
            404: NOT_FOUND,
        },
    )
    def post(self, request: Request) -> Response:
        actor = request_user(request)
        if not permissions.can_propose_setting(actor):
            raise Http404
        data = self.Input(data=request.data)
        data.is_valid(raise_exception=True)
        setting = services.grievance_setting_propose(actor=actor, **data.validated_data)
        return Response(GrievanceSettingOutput(setting).data, status=status.HTTP_201_CREATED)


class GrievanceSettingDecideApi(APIView):
    """Approve or reject a proposed value (`decision` in the path): a national admin other
    than the proposer (400 `own_proposal`); 400 `invalid_transition` once decided."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="v1_grievances_settings_decide",
        parameters=[
            OpenApiParameter("decision", str, OpenApiParameter.PATH, enum=["approve", "reject"])
        ],
        request=None,
        responses={
            200: GrievanceSettingOutput,
            400: BAD_REQUEST,
            401: UNAUTHENTICATED,
            404: NOT_FOUND,
        },
    )
    def post(self, request: Request, setting_id: int, decision: str) -> Response:
        actor = request_user(request)
        if not permissions.can_propose_setting(actor) or decision not in ("approve", "reject"):
            raise Http404
        if not 1 <= setting_id <= bounds.ID_MAX:
            raise Http404
        setting = selectors.grievance_setting_list().filter(pk=setting_id).first()
        if setting is None:
            raise Http404
        decide = (
            services.grievance_setting_approve
            if decision == "approve"
            else services.grievance_setting_reject
        )
        return Response(GrievanceSettingOutput(decide(actor=actor, setting=setting)).data)
