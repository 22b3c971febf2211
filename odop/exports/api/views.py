"""API of district export plans and first-time exporters, mounted at /api/v1/exports/.

Objects are fetched only through the gates (`access_plan`, `access_exporter`,
`access_district`, `access_state`); every write is one service call, whose errors become
400 (with their `code`), 403 or 404 in `odop.api.exceptions`. What a plan's detail shows
depends on `can_view_plan_internals`: the public summary, or the full plan for officers.
"""

from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_serializer
from rest_framework import generics, serializers, status
from rest_framework.permissions import IsAuthenticated, IsAuthenticatedOrReadOnly
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from odop.accounts.models import User
from odop.api.auth import request_user
from odop.api.fields import IdField, LgdCodeField
from odop.api.serializers import DistrictWithStateRef, PlaceRef
from odop.core import bounds
from odop.exports.models import (
    CHECKLIST_FIELDS,
    Bottleneck,
    BottleneckStatus,
    BottleneckType,
    CommitteeMember,
    CommitteeRole,
    ExporterCandidate,
    ExporterStage,
    ExportPlan,
    ExportTarget,
    PlanStatus,
    TargetKind,
)
from odop.exports.permissions import (
    access_exporter,
    access_plan,
    can_manage_plan,
    can_update_checklist,
    can_view_plan_internals,
    covers_district,
)
from odop.exports.selectors import (
    AreaRollup,
    export_rollup,
    exporter_counts_by_district,
    exporter_events,
    exporter_list,
    plan_bottlenecks,
    plan_committee,
    plan_list,
    plan_meetings,
    plan_progress,
)
from odop.exports.services import (
    bottleneck_add,
    bottleneck_transition,
    committee_member_add,
    exporter_checklist_update,
    exporter_create,
    exporter_transition,
    meeting_add,
    plan_create,
    plan_transition,
    progress_add,
    target_add,
)
from odop.exports.workflow import BOTTLENECK_TRANSITIONS, EXPORTER_TRANSITIONS
from odop.geography.models import District
from odop.geography.permissions import access_district, access_state
from odop.producers.models import Producer
from odop.producers.permissions import producers_visible_to


def _district_field(value: int, request: Request) -> District:
    try:
        return access_district(request.user, value)
    except Http404 as error:
        raise serializers.ValidationError(
            _("No district has this LGD code."), code="does_not_exist"
        ) from error


def _user_field(value: int | None) -> User | None:
    if value is None:
        return None
    user = User.objects.filter(pk=value, is_active=True).first()
    if user is None:
        raise serializers.ValidationError(_("No user has this id."), code="does_not_exist")
    return user


# ---------------------------------------------------------------- shared references


class PlanSummaryOutput(serializers.ModelSerializer):
    district = DistrictWithStateRef()
    target_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = ExportPlan
        fields = [
            "id",
            "district",
            "start_year",
            "end_year",
            "title",
            "status",
            "adopted_at",
            "target_count",
        ]


class ReadingOutput(serializers.Serializer):
    date = serializers.DateField()
    value = serializers.DecimalField(max_digits=18, decimal_places=2)
    note = serializers.CharField(max_length=bounds.NOTE_MAX)


class TargetOutput(serializers.Serializer):
    id = serializers.IntegerField(source="target.pk")
    kind = serializers.CharField(source="target.kind")
    description = serializers.CharField(source="target.description")
    hs_code = serializers.CharField(source="target.hs_code")
    market_iso3 = serializers.CharField(source="target.market_iso3")
    baseline = serializers.DecimalField(max_digits=18, decimal_places=2, source="target.baseline")
    target_value = serializers.DecimalField(
        max_digits=18, decimal_places=2, source="target.target_value"
    )
    latest_value = serializers.DecimalField(max_digits=18, decimal_places=2, allow_null=True)
    latest_date = serializers.DateField(allow_null=True)
    percent = serializers.DecimalField(max_digits=9, decimal_places=1, allow_null=True)
    readings = ReadingOutput(many=True)


class BottleneckEventOutput(serializers.Serializer):
    from_status = serializers.CharField()
    to_status = serializers.CharField()
    actor = serializers.CharField(source="actor.username", allow_null=True, default=None)
    note = serializers.CharField(max_length=bounds.NOTE_MAX)
    created_at = serializers.DateTimeField()


class BottleneckOutput(serializers.ModelSerializer):
    owner_user = serializers.IntegerField(source="owner_user_id", allow_null=True)
    events = BottleneckEventOutput(many=True)
    next_statuses = serializers.SerializerMethodField()

    class Meta:
        model = Bottleneck
        fields = [
            "id",
            "type",
            "description",
            "owner_name",
            "owner_user",
            "due_date",
            "status",
            "events",
            "next_statuses",
        ]

    def get_next_statuses(self, bottleneck: Bottleneck) -> list[str]:
        return sorted(BOTTLENECK_TRANSITIONS[BottleneckStatus(bottleneck.status)])


class MemberOutput(serializers.ModelSerializer):
    user = serializers.IntegerField(source="user_id", allow_null=True)

    class Meta:
        model = CommitteeMember
        fields = ["id", "name", "role", "organisation", "user"]


class MeetingOutput(serializers.Serializer):
    id = serializers.IntegerField()
    date = serializers.DateField()
    minutes = serializers.CharField(max_length=bounds.STORY_MAX)
    decisions = serializers.CharField(max_length=bounds.STORY_MAX)
    attendees = serializers.SerializerMethodField()

    def get_attendees(self, meeting: Any) -> list[int]:
        return [member.pk for member in meeting.attendees.all()]


class PlanDetailOutput(PlanSummaryOutput):
    """A plan. `bottlenecks`, `committee` and `meetings` are null for users who may not see
    them (the public sees targets, progress and exporter counts)."""

    targets = TargetOutput(many=True)
    exporters = serializers.DictField(child=serializers.IntegerField())
    can_manage = serializers.BooleanField()
    bottlenecks = BottleneckOutput(many=True, allow_null=True)
    committee = MemberOutput(many=True, allow_null=True)
    meetings = MeetingOutput(many=True, allow_null=True)

    class Meta(PlanSummaryOutput.Meta):
        fields = [
            *PlanSummaryOutput.Meta.fields,
            "targets",
            "exporters",
            "can_manage",
            "bottlenecks",
            "committee",
            "meetings",
        ]


def _plan_detail(request: Request, plan_id: int) -> dict[str, Any]:
    plan = access_plan(request.user, plan_id)
    internals = can_view_plan_internals(request.user, plan)
    standings = plan_progress(plan=plan)
    if not internals:
        # Who reported a reading and why is officers' business; the figures are public.
        standings = [
            type(standing)(
                target=standing.target,
                latest_value=standing.latest_value,
                latest_date=standing.latest_date,
                percent=standing.percent,
                readings=[],
            )
            for standing in standings
        ]
    plan.target_count = len(standings)  # type: ignore[attr-defined]
    data = PlanSummaryOutput(plan).data
    data.update(
        targets=TargetOutput(standings, many=True).data,
        exporters=exporter_counts_by_district(district_ids=[plan.district_id])[plan.district_id],
        can_manage=can_manage_plan(request.user, plan),
        bottlenecks=BottleneckOutput(plan_bottlenecks(plan=plan), many=True).data
        if internals
        else None,
        committee=MemberOutput(plan_committee(plan=plan), many=True).data if internals else None,
        meetings=MeetingOutput(plan_meetings(plan=plan), many=True).data if internals else None,
    )
    return data


# ---------------------------------------------------------------- plans


class PlanListCreateApi(generics.ListAPIView):
    """Plans the user may see (GET; filters `state`, `district` as LGD codes and `status`),
    and a new draft plan (POST, 201; officers covering the district)."""

    permission_classes = [IsAuthenticatedOrReadOnly]
    serializer_class = PlanSummaryOutput

    @extend_schema_serializer(component_name="ExportPlanListQuery")
    class Query(serializers.Serializer):
        state = LgdCodeField(required=False, help_text="The State's LGD code.")
        district = LgdCodeField(required=False, help_text="The district's LGD code.")
        status = serializers.ChoiceField(choices=PlanStatus.choices, required=False)

    @extend_schema_serializer(component_name="ExportPlanCreateInput")
    class Input(serializers.Serializer):
        district = LgdCodeField(help_text="The district's LGD code.")
        start_year = serializers.IntegerField(min_value=2000, max_value=2100)
        end_year = serializers.IntegerField(min_value=2000, max_value=2100)
        title = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")

        def validate_district(self, value: int) -> District:
            return _district_field(value, self.context["request"])

    def get_queryset(self) -> QuerySet[ExportPlan]:
        query = self.Query(data=self.request.query_params)
        query.is_valid(raise_exception=True)
        return plan_list(user=self.request.user, **query.validated_data)

    @extend_schema(parameters=[Query], responses=PlanSummaryOutput(many=True))
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return self.list(request, *args, **kwargs)

    @extend_schema(request=Input, responses={201: PlanDetailOutput})
    def post(self, request: Request) -> Response:
        data = self.Input(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        plan = plan_create(actor=request_user(request), **data.validated_data)
        return Response(_plan_detail(request, plan.pk), status=status.HTTP_201_CREATED)


class PlanDetailApi(APIView):
    """One plan with its targets and progress and the district's exporter counts; for
    officers of the scope also the bottleneck register, the DEPC and its meetings."""

    permission_classes = [IsAuthenticatedOrReadOnly]

    @extend_schema(responses=PlanDetailOutput)
    def get(self, request: Request, plan_id: int) -> Response:
        return Response(_plan_detail(request, plan_id))


class PlanTransitionApi(APIView):
    """Adopt or archive a plan. 400 `invalid_transition`, `overlapping_plan`,
    `already_adopted`; 403 for users who may not manage it."""

    permission_classes = [IsAuthenticated]

    @extend_schema_serializer(component_name="ExportPlanTransitionInput")
    class Input(serializers.Serializer):
        to_status = serializers.ChoiceField(choices=PlanStatus.choices)

    @extend_schema(request=Input, responses=PlanDetailOutput)
    def post(self, request: Request, plan_id: int) -> Response:
        plan = access_plan(request.user, plan_id)
        data = self.Input(data=request.data)
        data.is_valid(raise_exception=True)
        plan_transition(
            actor=request_user(request),
            plan=plan,
            to_status=PlanStatus(data.validated_data["to_status"]),
        )
        return Response(_plan_detail(request, plan_id))


class TargetAddApi(APIView):
    """Add a target to a plan (201)."""

    permission_classes = [IsAuthenticated]

    @extend_schema_serializer(component_name="ExportTargetAddInput")
    class Input(serializers.Serializer):
        kind = serializers.ChoiceField(choices=TargetKind.choices)
        target_value = serializers.DecimalField(max_digits=18, decimal_places=2)
        baseline = serializers.DecimalField(max_digits=18, decimal_places=2, default=Decimal(0))
        description = serializers.CharField(
            max_length=300, required=False, allow_blank=True, default=""
        )
        hs_code = serializers.CharField(max_length=6, required=False, allow_blank=True, default="")
        market_iso3 = serializers.CharField(
            max_length=3, required=False, allow_blank=True, default=""
        )

    @extend_schema(request=Input, responses={201: PlanDetailOutput})
    def post(self, request: Request, plan_id: int) -> Response:
        plan = access_plan(request.user, plan_id)
        data = self.Input(data=request.data)
        data.is_valid(raise_exception=True)
        target_add(actor=request_user(request), plan=plan, **data.validated_data)
        return Response(_plan_detail(request, plan_id), status=status.HTTP_201_CREATED)


class ProgressAddApi(APIView):
    """Record a reading of a target (201): the level reached on `date`, not an increment.
    400 `outside_period` for a date after the plan's period."""

    permission_classes = [IsAuthenticated]

    @extend_schema_serializer(component_name="ExportProgressAddInput")
    class Input(serializers.Serializer):
        date = serializers.DateField()
        value = serializers.DecimalField(max_digits=18, decimal_places=2)
        note = serializers.CharField(
            required=False, allow_blank=True, default="", max_length=bounds.NOTE_MAX
        )

    @extend_schema(request=Input, responses={201: PlanDetailOutput})
    def post(self, request: Request, plan_id: int, target_id: int) -> Response:
        plan = access_plan(request.user, plan_id)
        try:
            target = ExportTarget.objects.select_related("plan__district").get(
                pk=target_id, plan=plan
            )
        except ExportTarget.DoesNotExist as error:
            raise Http404 from error
        data = self.Input(data=request.data)
        data.is_valid(raise_exception=True)
        progress_add(actor=request_user(request), target=target, **data.validated_data)
        return Response(_plan_detail(request, plan_id), status=status.HTTP_201_CREATED)


class BottleneckAddApi(APIView):
    """Enter a bottleneck in a plan's register (201), open."""

    permission_classes = [IsAuthenticated]

    @extend_schema_serializer(component_name="ExportBottleneckAddInput")
    class Input(serializers.Serializer):
        type = serializers.ChoiceField(choices=BottleneckType.choices)
        description = serializers.CharField(max_length=bounds.MESSAGE_MAX)
        owner_name = serializers.CharField(max_length=200)
        owner_user = IdField(required=False, allow_null=True, default=None)
        due_date = serializers.DateField(required=False, allow_null=True, default=None)

        def validate_owner_user(self, value: int | None) -> User | None:
            return _user_field(value)

    @extend_schema(request=Input, responses={201: BottleneckOutput})
    def post(self, request: Request, plan_id: int) -> Response:
        plan = access_plan(request.user, plan_id)
        data = self.Input(data=request.data)
        data.is_valid(raise_exception=True)
        bottleneck = bottleneck_add(actor=request_user(request), plan=plan, **data.validated_data)
        return Response(
            BottleneckOutput(plan_bottlenecks(plan=plan).get(pk=bottleneck.pk)).data,
            status=status.HTTP_201_CREATED,
        )


class BottleneckTransitionApi(APIView):
    """Move a bottleneck along `workflow.BOTTLENECK_TRANSITIONS`, with a note for its
    history. 400 `invalid_transition`; 403 for users who may not move it."""

    permission_classes = [IsAuthenticated]

    @extend_schema_serializer(component_name="ExportBottleneckTransitionInput")
    class Input(serializers.Serializer):
        to_status = serializers.ChoiceField(choices=BottleneckStatus.choices)
        note = serializers.CharField(
            required=False, allow_blank=True, default="", max_length=bounds.NOTE_MAX
        )

    @extend_schema(request=Input, responses=BottleneckOutput)
    def post(self, request: Request, plan_id: int, bottleneck_id: int) -> Response:
        plan = access_plan(request.user, plan_id)
        try:
            bottleneck = Bottleneck.objects.select_related("plan__district").get(
                pk=bottleneck_id, plan=plan
            )
        except Bottleneck.DoesNotExist as error:
            raise Http404 from error
        data = self.Input(data=request.data)
        data.is_valid(raise_exception=True)
        bottleneck_transition(
            actor=request_user(request),
            bottleneck=bottleneck,
            to_status=BottleneckStatus(data.validated_data["to_status"]),
            note=data.validated_data["note"],
        )
        return Response(BottleneckOutput(plan_bottlenecks(plan=plan).get(pk=bottleneck_id)).data)


class CommitteeMemberAddApi(APIView):
    """Add a DEPC member to a plan (201). 400 `chair_taken` for a second chair."""

    permission_classes = [IsAuthenticated]

    @extend_schema_serializer(component_name="ExportCommitteeMemberAddInput")
    class Input(serializers.Serializer):
        name = serializers.CharField(max_length=200)
        role = serializers.ChoiceField(choices=CommitteeRole.choices, default=CommitteeRole.MEMBER)
        organisation = serializers.CharField(
            max_length=200, required=False, allow_blank=True, default=""
        )
        user = IdField(required=False, allow_null=True, default=None)

        def validate_user(self, value: int | None) -> User | None:
            return _user_field(value)

    @extend_schema(request=Input, responses={201: MemberOutput})
    def post(self, request: Request, plan_id: int) -> Response:
        plan = access_plan(request.user, plan_id)
        data = self.Input(data=request.data)
        data.is_valid(raise_exception=True)
        member = committee_member_add(actor=request_user(request), plan=plan, **data.validated_data)
        return Response(MemberOutput(member).data, status=status.HTTP_201_CREATED)


class MeetingAddApi(APIView):
    """Record a DEPC meeting with its minutes, decisions and attendees (201). 400
    `not_a_member` for an attendee from another plan's committee."""

    permission_classes = [IsAuthenticated]

    @extend_schema_serializer(component_name="ExportMeetingAddInput")
    class Input(serializers.Serializer):
        date = serializers.DateField()
        minutes = serializers.CharField(
            required=False, allow_blank=True, default="", max_length=bounds.STORY_MAX
        )
        decisions = serializers.CharField(
            required=False, allow_blank=True, default="", max_length=bounds.STORY_MAX
        )
        attendees = serializers.ListField(
            child=IdField(), required=False, default=list, max_length=200
        )

    @extend_schema(request=Input, responses={201: MeetingOutput})
    def post(self, request: Request, plan_id: int) -> Response:
        plan = access_plan(request.user, plan_id)
        # The permission comes before any lookup of the ids the client sent, and members are
        # looked up only in this plan's committee: nobody learns which ids exist elsewhere
        # (issue #10).
        if not can_manage_plan(request.user, plan):
            raise PermissionDenied(_("You may not record meetings of this plan."))
        data = self.Input(data=request.data)
        data.is_valid(raise_exception=True)
        ids = set(data.validated_data.pop("attendees"))
        members = list(plan.committee.filter(pk__in=ids))
        if len(members) != len(ids):
            raise serializers.ValidationError(
                {"attendees": [_("Attendees must be members of this plan's committee.")]},
                code="not_a_member",
            )
        meeting = meeting_add(
            actor=request_user(request), plan=plan, attendees=members, **data.validated_data
        )
        return Response(MeetingOutput(meeting).data, status=status.HTTP_201_CREATED)


# ---------------------------------------------------------------- first-time exporters


class ExporterEventOutput(serializers.Serializer):
    from_stage = serializers.CharField()
    to_stage = serializers.CharField()
    actor = serializers.CharField(source="actor.username", allow_null=True, default=None)
    note = serializers.CharField(max_length=bounds.NOTE_MAX)
    created_at = serializers.DateTimeField()


class ExporterOutput(serializers.ModelSerializer):
    district = DistrictWithStateRef()
    user = serializers.IntegerField(source="user_id", allow_null=True)
    producer = serializers.IntegerField(
        source="producer_id", allow_null=True, help_text="The producer registry's record id."
    )
    checklist_done = serializers.IntegerField()

    class Meta:
        model = ExporterCandidate
        fields = [
            "id",
            "producer",
            "producer_name",
            "district",
            "user",
            "product",
            "iec_number",
            "gstin",
            *CHECKLIST_FIELDS,
            "checklist_done",
            "stage",
            "created_at",
        ]


class ExporterDetailOutput(ExporterOutput):
    events = serializers.SerializerMethodField()
    next_stages = serializers.SerializerMethodField()
    can_update_checklist = serializers.SerializerMethodField()

    class Meta(ExporterOutput.Meta):
        fields = [*ExporterOutput.Meta.fields, "events", "next_stages", "can_update_checklist"]

    def get_events(self, exporter: ExporterCandidate) -> list[dict[str, Any]]:
        return ExporterEventOutput(exporter_events(exporter=exporter), many=True).data  # type: ignore[return-value]

    def get_next_stages(self, exporter: ExporterCandidate) -> list[str]:
        """Moves the user may make now (none for a producer)."""
        if not covers_district(self.context["request"].user, exporter.district):
            return []
        return sorted(EXPORTER_TRANSITIONS[ExporterStage(exporter.stage)])

    def get_can_update_checklist(self, exporter: ExporterCandidate) -> bool:
        return can_update_checklist(self.context["request"].user, exporter)


def _exporter_detail(request: Request, exporter_id: int) -> Any:
    exporter = access_exporter(request.user, exporter_id)
    return ExporterDetailOutput(exporter, context={"request": request}).data


class ChecklistInput(serializers.Serializer):
    has_iec = serializers.BooleanField(required=False)
    has_gst = serializers.BooleanField(required=False)
    has_rcmc = serializers.BooleanField(required=False)
    has_certifications = serializers.BooleanField(required=False)
    has_export_pricing = serializers.BooleanField(required=False)
    has_labelling = serializers.BooleanField(required=False)


class ExporterListCreateApi(generics.ListAPIView):
    """Exporter records the user may see (GET; filters `state`, `district`, `stage`), and a
    new record (POST, 201; officers covering the district). 400 `invalid_iec`,
    `invalid_gstin`, `gstin_check_failed`, `not_a_producer`, `iec_missing`."""

    permission_classes = [IsAuthenticated]
    serializer_class = ExporterOutput

    @extend_schema_serializer(component_name="ExporterListQuery")
    class Query(serializers.Serializer):
        state = LgdCodeField(required=False, help_text="The State's LGD code.")
        district = LgdCodeField(required=False, help_text="The district's LGD code.")
        stage = serializers.ChoiceField(choices=ExporterStage.choices, required=False)

    @extend_schema_serializer(component_name="ExporterCreateInput")
    class Input(ChecklistInput):
        district = LgdCodeField(help_text="The district's LGD code.")
        producer_name = serializers.CharField(max_length=200)
        product = serializers.CharField(max_length=200)
        user = serializers.IntegerField(
            required=False, allow_null=True, default=None, help_text="The producer's user id."
        )
        producer = IdField(
            required=False,
            allow_null=True,
            default=None,
            help_text="The producer registry's record id (issue 11); fills account, IEC, GSTIN.",
        )
        iec_number = serializers.CharField(
            max_length=10, required=False, allow_blank=True, default=""
        )
        gstin = serializers.CharField(max_length=15, required=False, allow_blank=True, default="")

        def validate_district(self, value: int) -> District:
            return _district_field(value, self.context["request"])

        def validate_user(self, value: int | None) -> User | None:
            return _user_field(value)

        def validate_producer(self, value: int | None) -> Producer | None:
            if value is None:
                return None
            producer = producers_visible_to(self.context["request"].user).filter(pk=value).first()
            if producer is None:
                raise serializers.ValidationError(
                    _("No producer you may see has this id."), code="does_not_exist"
                )
            return producer

    def get_queryset(self) -> QuerySet[ExporterCandidate]:
        query = self.Query(data=self.request.query_params)
        query.is_valid(raise_exception=True)
        return exporter_list(user=self.request.user, **query.validated_data)

    @extend_schema(parameters=[Query], responses=ExporterOutput(many=True))
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return self.list(request, *args, **kwargs)

    @extend_schema(request=Input, responses={201: ExporterDetailOutput})
    def post(self, request: Request) -> Response:
        data = self.Input(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        checklist = {name: values.pop(name) for name in CHECKLIST_FIELDS if name in values}
        exporter = exporter_create(actor=request_user(request), checklist=checklist, **values)
        return Response(_exporter_detail(request, exporter.pk), status=status.HTTP_201_CREATED)


class ExporterDetailApi(APIView):
    """One exporter record with its history and the moves the user may make."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses=ExporterDetailOutput)
    def get(self, request: Request, exporter_id: int) -> Response:
        return Response(_exporter_detail(request, exporter_id))


class ExporterChecklistUpdateApi(APIView):
    """Tick or untick readiness items, correct the IEC or GSTIN (officers of the scope and
    the producer on their own record). 400 `stage_requires_item` when unticking IEC or GST
    of a registered exporter."""

    permission_classes = [IsAuthenticated]

    @extend_schema_serializer(component_name="ExporterChecklistInput")
    class Input(ChecklistInput):
        iec_number = serializers.CharField(max_length=10, required=False, allow_blank=True)
        gstin = serializers.CharField(max_length=15, required=False, allow_blank=True)

    @extend_schema(request=Input, responses=ExporterDetailOutput)
    def patch(self, request: Request, exporter_id: int) -> Response:
        exporter = access_exporter(request.user, exporter_id)
        data = self.Input(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        checklist = {name: values.pop(name) for name in CHECKLIST_FIELDS if name in values}
        exporter_checklist_update(
            actor=request_user(request), exporter=exporter, checklist=checklist, **values
        )
        return Response(_exporter_detail(request, exporter_id))


class ExporterTransitionApi(APIView):
    """Move a producer along `workflow.EXPORTER_TRANSITIONS`. 400 `invalid_transition`,
    `not_ready` (registration without the IEC and GST items ticked); 403 otherwise."""

    permission_classes = [IsAuthenticated]

    @extend_schema_serializer(component_name="ExporterTransitionInput")
    class Input(serializers.Serializer):
        to_stage = serializers.ChoiceField(choices=ExporterStage.choices)
        note = serializers.CharField(
            required=False, allow_blank=True, default="", max_length=bounds.NOTE_MAX
        )

    @extend_schema(request=Input, responses=ExporterDetailOutput)
    def post(self, request: Request, exporter_id: int) -> Response:
        exporter = access_exporter(request.user, exporter_id)
        data = self.Input(data=request.data)
        data.is_valid(raise_exception=True)
        exporter_transition(
            actor=request_user(request),
            exporter=exporter,
            to_stage=ExporterStage(data.validated_data["to_stage"]),
            note=data.validated_data["note"],
        )
        return Response(_exporter_detail(request, exporter_id))


# ---------------------------------------------------------------- roll-ups


class KindTotalOutput(serializers.Serializer):
    kind = serializers.CharField()
    targets = serializers.IntegerField()
    reporting = serializers.IntegerField()
    target_total = serializers.DecimalField(max_digits=20, decimal_places=2)
    baseline_total = serializers.DecimalField(max_digits=20, decimal_places=2)
    current_total = serializers.DecimalField(max_digits=20, decimal_places=2)
    percent = serializers.DecimalField(max_digits=9, decimal_places=1, allow_null=True)


class AreaOutput(serializers.Serializer):
    lgd_code = serializers.IntegerField()
    name = serializers.CharField()
    plans = serializers.IntegerField()
    kinds = serializers.SerializerMethodField()
    exporters = serializers.DictField(child=serializers.IntegerField())

    def get_kinds(self, area: AreaRollup) -> list[dict[str, Any]]:
        return KindTotalOutput(list(area.kinds.values()), many=True).data  # type: ignore[return-value]


class RollupOutput(serializers.Serializer):
    state = PlaceRef(allow_null=True)
    year = serializers.IntegerField()
    total = AreaOutput()
    areas = AreaOutput(many=True, help_text="Districts of the State, or States of India.")


class RollupApi(APIView):
    """Adopted plans covering `year` (default: this year) added up for a State (`state`, an
    LGD code; areas are its districts) or for India (areas are States). Public: it is made
    of the plans' public figures and exporter counts. See `selectors.export_rollup` for the
    rules."""

    @extend_schema_serializer(component_name="ExportRollupQuery")
    class Query(serializers.Serializer):
        state = LgdCodeField(required=False, help_text="The State's LGD code.")
        year = serializers.IntegerField(required=False, min_value=2000, max_value=2100)

    @extend_schema(parameters=[Query], responses=RollupOutput)
    def get(self, request: Request) -> Response:
        query = self.Query(data=request.query_params)
        query.is_valid(raise_exception=True)
        lgd_code = query.validated_data.get("state")
        state = access_state(request.user, lgd_code) if lgd_code is not None else None
        year = query.validated_data.get("year") or timezone.localdate().year
        return Response(RollupOutput(export_rollup(state=state, year=year)).data)
