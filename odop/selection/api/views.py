"""API of product selection: scorecard versions, candidates and their workflow, committees,
blind assessments, the evidence beside the criteria, the overdue list and the dashboard.

Objects are fetched only through the gates (`access_candidate`, `access_scorecard`,
`access_district`, `access_state`) and every write is one service call; the services' errors
become 400 (with their `code`), 403 or 404 in `odop.api.exceptions`.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_serializer
from rest_framework import generics, serializers, status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import IsAuthenticated, IsAuthenticatedOrReadOnly
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.utils.serializer_helpers import ReturnDict
from rest_framework.views import APIView

from odop.accounts.models import User
from odop.api.auth import request_user
from odop.api.fields import IdField, LgdCodeField
from odop.api.serializers import DistrictWithStateRef, PlaceRef
from odop.core import bounds
from odop.evidence.api.views import CountOutput, FlagOutput, QuotientOutput
from odop.evidence.permissions import can_view_evidence
from odop.evidence.selectors import Evidence, Figure
from odop.geography.models import District
from odop.geography.permissions import access_district, access_state
from odop.registry.models import Sector
from odop.selection import indicators
from odop.selection.duties import Separation
from odop.selection.models import (
    Assessment,
    Attachment,
    Candidate,
    CandidateEvent,
    CandidateStatus,
    CommitteeMember,
    CriterionScore,
    ScorecardVersion,
)
from odop.selection.permissions import (
    access_candidate,
    access_scorecard,
    can_manage_committee,
    can_view_dashboard,
    candidate_moves_for,
    scorecards_visible_to,
)
from odop.selection.scoring import Criterion
from odop.selection.selectors import (
    candidate_assessments,
    candidate_committee,
    candidate_events,
    candidate_list,
    candidate_result,
    candidates_by_stage,
    candidates_overdue,
    coverage_dashboard,
    districts_without_product,
)
from odop.selection.services import (
    ScoreInput,
    assessment_save,
    attachment_add,
    candidate_create,
    candidate_transition,
    candidate_update,
    committee_member_add,
    scorecard_adopt,
    scorecard_definition_of,
    scorecard_is_in_use,
    scorecard_publish,
    scorecard_version_derive,
    scorecard_weights_update,
)


def _exact_decimal(**options: Any) -> serializers.DecimalField:
    """A decimal of a scorecard definition, written as it is defined ("12.5", not "12.50")."""
    return serializers.DecimalField(max_digits=None, decimal_places=None, read_only=True, **options)


# ---------------------------------------------------------------- shared references


class ScorecardRef(serializers.Serializer):
    id = serializers.IntegerField()
    key = serializers.CharField()
    version = serializers.CharField()
    title = serializers.CharField()


class PersonRef(serializers.Serializer):
    id = serializers.IntegerField()
    username = serializers.CharField()


# ---------------------------------------------------------------- scorecards


class ScaleOutput(serializers.Serializer):
    min = _exact_decimal(source="scale_min")
    max = _exact_decimal(source="scale_max")
    step = _exact_decimal(source="scale_step")


class ThresholdOutput(serializers.Serializer):
    minimum = _exact_decimal()
    value = _exact_decimal(source="scale_value")


class CriterionOutput(serializers.Serializer):
    code = serializers.CharField()
    part = serializers.CharField()
    title = serializers.CharField()
    guidance = serializers.CharField()
    max_points = _exact_decimal()
    scale = ScaleOutput(source="*")
    method = serializers.ChoiceField(choices=["manual", "computed"])
    indicator = serializers.CharField()
    thresholds = ThresholdOutput(many=True)


class PartOutput(serializers.Serializer):
    code = serializers.CharField()
    title = serializers.CharField()
    max_points = _exact_decimal()


class StarBandOutput(serializers.Serializer):
    stars = serializers.IntegerField()
    min_points = _exact_decimal()


class ScorecardDefinitionOutput(serializers.Serializer):
    source = serializers.CharField()  # type: ignore[assignment]  # a field named "source"
    notes = serializers.CharField()
    total_points = _exact_decimal()
    parts = PartOutput(many=True)
    criteria = CriterionOutput(many=True)
    star_bands = StarBandOutput(many=True, source="bands")
    tier_max_stars = serializers.DictField(child=serializers.IntegerField())
    certificate_months = serializers.IntegerField(allow_null=True)
    certificate_min_stars = serializers.IntegerField(allow_null=True)


class ScorecardOutput(serializers.ModelSerializer):
    based_on = serializers.IntegerField(source="based_on_id", allow_null=True, read_only=True)

    class Meta:
        model = ScorecardVersion
        fields = ["id", "key", "version", "title", "status", "based_on", "published_at"]


class ScorecardDetailOutput(ScorecardOutput):
    in_use = serializers.SerializerMethodField()
    definition = serializers.SerializerMethodField()

    class Meta(ScorecardOutput.Meta):
        fields = [*ScorecardOutput.Meta.fields, "in_use", "definition"]

    def get_in_use(self, scorecard: ScorecardVersion) -> bool:
        return scorecard_is_in_use(scorecard)

    @extend_schema_field(ScorecardDefinitionOutput)
    def get_definition(self, scorecard: ScorecardVersion) -> ReturnDict:
        return ScorecardDefinitionOutput(scorecard_definition_of(scorecard)).data


class WeightsInput(serializers.Serializer):
    weights = serializers.DictField(
        child=serializers.DecimalField(max_digits=9, decimal_places=None, min_value=Decimal(0)),
        allow_empty=False,
        help_text="New maximum points by criterion code; the total must stay the same.",
    )


class ScorecardListApi(generics.ListAPIView):
    """Scorecard versions: published and retired ones for everyone, drafts for national
    admins."""

    serializer_class = ScorecardOutput

    def get_queryset(self) -> QuerySet[ScorecardVersion]:
        return scorecards_visible_to(self.request.user).order_by("key", "version")


class ScorecardDetailApi(APIView):
    """One scorecard version with its definition: parts, criteria, star bands and tiers."""

    @extend_schema(responses=ScorecardDetailOutput)
    def get(self, request: Request, scorecard_id: int) -> Response:
        return Response(ScorecardDetailOutput(access_scorecard(request.user, scorecard_id)).data)


class ScorecardDeriveApi(APIView):
    """A national admin derives a new draft version with other criterion weights (201).

    The base version never changes. 400 `invalid_weights` when the weights do not keep the
    total or give inexact points.
    """

    permission_classes = [IsAuthenticated]

    @extend_schema_serializer(component_name="ScorecardDeriveInput")
    class Input(serializers.Serializer):
        version = serializers.CharField(max_length=20)
        weights = serializers.DictField(
            child=serializers.DecimalField(max_digits=9, decimal_places=None, min_value=Decimal(0)),
            required=False,
            default=dict,
        )

    @extend_schema(request=Input, responses={201: ScorecardDetailOutput})
    def post(self, request: Request, scorecard_id: int) -> Response:
        base = access_scorecard(request.user, scorecard_id)
        data = self.Input(data=request.data)
        data.is_valid(raise_exception=True)
        derived = scorecard_version_derive(
            actor=request_user(request),
            base=base,
            version=data.validated_data["version"],
            weights=data.validated_data["weights"],
        )
        return Response(ScorecardDetailOutput(derived).data, status=status.HTTP_201_CREATED)


class ScorecardWeightsUpdateApi(APIView):
    """A national admin re-weights a draft version. 400 `scorecard_in_use` for a published
    version or one already used to score: derive a new version instead."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=WeightsInput, responses=ScorecardDetailOutput)
    def patch(self, request: Request, scorecard_id: int) -> Response:
        scorecard = access_scorecard(request.user, scorecard_id)
        data = WeightsInput(data=request.data)
        data.is_valid(raise_exception=True)
        scorecard = scorecard_weights_update(
            actor=request_user(request),
            scorecard=scorecard,
            weights=data.validated_data["weights"],
        )
        return Response(ScorecardDetailOutput(scorecard).data)


class ScorecardPublishApi(APIView):
    """A national admin publishes a draft version so that States can adopt it."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=None, responses=ScorecardDetailOutput)
    def post(self, request: Request, scorecard_id: int) -> Response:
        scorecard = access_scorecard(request.user, scorecard_id)
        scorecard = scorecard_publish(actor=request_user(request), scorecard=scorecard)
        return Response(ScorecardDetailOutput(scorecard).data)


class StateScorecardAdoptApi(APIView):
    """A State (its officer, or a national admin) adopts a published version for its new
    candidates; candidates already started keep theirs (201)."""

    permission_classes = [IsAuthenticated]

    @extend_schema_serializer(component_name="ScorecardAdoptInput")
    class Input(serializers.Serializer):
        scorecard = IdField(help_text="The id of a published version.")

        def validate_scorecard(self, value: int) -> ScorecardVersion:
            try:
                return access_scorecard(self.context["request"].user, value)
            except Http404 as error:
                raise serializers.ValidationError(
                    _("No scorecard version has this id."), code="does_not_exist"
                ) from error

    @extend_schema_serializer(component_name="ScorecardAdoption")
    class Output(serializers.Serializer):
        state = PlaceRef()
        scorecard = ScorecardRef()
        adopted_by = serializers.CharField(source="adopted_by.username")
        adopted_at = serializers.DateTimeField(source="created_at")

    @extend_schema(request=Input, responses={201: Output})
    def post(self, request: Request, lgd_code: int) -> Response:
        state = access_state(request.user, lgd_code)
        data = self.Input(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        adoption = scorecard_adopt(
            actor=request_user(request), state=state, scorecard=data.validated_data["scorecard"]
        )
        return Response(self.Output(adoption).data, status=status.HTTP_201_CREATED)


# ---------------------------------------------------------------- candidates


class CandidateSummaryOutput(serializers.ModelSerializer):
    district = DistrictWithStateRef(read_only=True)
    scorecard = ScorecardRef(read_only=True)
    product_type: serializers.SlugRelatedField = serializers.SlugRelatedField(
        slug_field="slug", read_only=True
    )

    class Meta:
        model = Candidate
        fields = [
            "id",
            "name",
            "status",
            "district",
            "scorecard",
            "product_type",
            "sector",
            "producer_organisation",
            "stage_due_at",
            "score_mean",
            "score_spread",
            "assessor_count",
            "stars",
            "valid_until",
            "created_at",
        ]


class CommitteeMemberOutput(serializers.ModelSerializer):
    assessor = PersonRef(read_only=True)
    has_submitted = serializers.BooleanField(read_only=True)
    added_at = serializers.DateTimeField(source="created_at", read_only=True)

    class Meta:
        model = CommitteeMember
        fields = ["id", "assessor", "organisation", "has_submitted", "added_at"]


class ResultOutput(serializers.Serializer):
    mean = serializers.DecimalField(max_digits=6, decimal_places=2)
    spread = serializers.DecimalField(max_digits=6, decimal_places=2)
    assessors = serializers.IntegerField()
    stars = serializers.IntegerField(allow_null=True)
    certifying_tier = serializers.CharField(allow_null=True)


class EventOutput(serializers.ModelSerializer):
    actor = serializers.CharField(source="actor.username", allow_null=True, read_only=True)

    class Meta:
        model = CandidateEvent
        fields = ["from_status", "to_status", "actor", "note", "created_at"]


class RefusedTransitionOutput(serializers.Serializer):
    """A move refused by the separation of duties: proposer, committee and decider are
    different people (issue 12). `code` is the one a transition request would answer with."""

    to_status = serializers.ChoiceField(choices=CandidateStatus.choices)
    code = serializers.ChoiceField(choices=[separation.value for separation in Separation])
    detail = serializers.CharField()


class CandidateDetailOutput(CandidateSummaryOutput):
    proposed_by = serializers.CharField(source="proposed_by.username", read_only=True)
    district_product = serializers.IntegerField(
        source="district_product_id", allow_null=True, read_only=True
    )
    previous = serializers.IntegerField(source="previous_id", allow_null=True, read_only=True)
    committee = serializers.SerializerMethodField()
    result = serializers.SerializerMethodField()
    events = serializers.SerializerMethodField()
    allowed_transitions = serializers.SerializerMethodField()
    refused_transitions = serializers.SerializerMethodField()

    class Meta(CandidateSummaryOutput.Meta):
        fields = [
            *CandidateSummaryOutput.Meta.fields,
            "description",
            "proposed_by",
            "published_at",
            "district_product",
            "previous",
            "updated_at",
            "committee",
            "result",
            "events",
            "allowed_transitions",
            "refused_transitions",
        ]

    @extend_schema_field(CommitteeMemberOutput(many=True))
    def get_committee(self, candidate: Candidate) -> Any:
        return CommitteeMemberOutput(candidate_committee(candidate=candidate), many=True).data

    @extend_schema_field(ResultOutput(allow_null=True))
    def get_result(self, candidate: Candidate) -> ReturnDict | None:
        result = candidate_result(candidate=candidate)
        return None if result is None else ResultOutput(result).data

    @extend_schema_field(EventOutput(many=True))
    def get_events(self, candidate: Candidate) -> Any:
        return EventOutput(candidate_events(candidate=candidate), many=True).data

    @extend_schema_field(
        serializers.ListField(child=serializers.ChoiceField(choices=CandidateStatus.choices))
    )
    def get_allowed_transitions(self, candidate: Candidate) -> list[str]:
        """The moves of `workflow.TRANSITIONS` the requesting user may make now (a move can
        still be refused for its own reason, such as a committee that is too small).

        "Scored" is left out, as on the candidate page: `assessment_save` makes that move when
        the last assessor submits, and before that it is refused (`committee_incomplete`).
        """
        allowed, _refused = candidate_moves_for(self.context["request"].user, candidate)
        return [to_status.value for to_status in allowed]

    @extend_schema_field(RefusedTransitionOutput(many=True))
    def get_refused_transitions(self, candidate: Candidate) -> list[dict[str, str]]:
        """Moves the user's role allows that the separation of duties refuses them (issue 12),
        with the refusal's code and message."""
        _allowed, refused = candidate_moves_for(self.context["request"].user, candidate)
        return [
            {"to_status": to_status.value, "code": conflict.code, "detail": str(conflict.message)}
            for to_status, conflict in refused
        ]


def _candidate_detail(request: Request, candidate_id: int) -> ReturnDict:
    """The candidate as the requesting user sees it, read again through the gate."""
    candidate = access_candidate(request.user, candidate_id)
    return CandidateDetailOutput(candidate, context={"request": request}).data


class CandidateListCreateApi(generics.ListAPIView):
    """Candidates the user may see, newest first (GET; filters `status`, `state` and
    `district` as LGD codes), and a new proposal in draft (POST, 201).

    A proposal is scored with the State's adopted scorecard unless a published `scorecard`
    is named.
    """

    permission_classes = [IsAuthenticatedOrReadOnly]

    @extend_schema_serializer(component_name="CandidateListQuery")
    class Query(serializers.Serializer):
        status = serializers.ChoiceField(choices=CandidateStatus.choices, required=False)
        state = LgdCodeField(required=False, help_text="The State's LGD code.")
        district = LgdCodeField(required=False, help_text="The district's LGD code.")

    @extend_schema_serializer(component_name="CandidateListItem")
    class Output(CandidateSummaryOutput):
        seats = serializers.IntegerField(read_only=True)

        class Meta(CandidateSummaryOutput.Meta):
            fields = [*CandidateSummaryOutput.Meta.fields, "seats"]

    @extend_schema_serializer(component_name="CandidateCreateInput")
    class Input(serializers.Serializer):
        district = LgdCodeField(help_text="The district's LGD code.")
        name = serializers.CharField(max_length=200)
        description = serializers.CharField(
            required=False, allow_blank=True, default="", max_length=bounds.MESSAGE_MAX
        )
        sector = serializers.ChoiceField(
            choices=Sector.choices, required=False, allow_blank=True, default=""
        )
        producer_organisation = serializers.CharField(
            max_length=200, required=False, allow_blank=True, default=""
        )
        scorecard = serializers.IntegerField(
            required=False,
            allow_null=True,
            default=None,
            help_text="A published scorecard version (default: the State's adopted one).",
        )

        def validate_district(self, value: int) -> District:
            try:
                return access_district(self.context["request"].user, value)
            except Http404 as error:
                raise serializers.ValidationError(
                    _("No district has this LGD code."), code="does_not_exist"
                ) from error

        def validate_scorecard(self, value: int | None) -> ScorecardVersion | None:
            if value is None:
                return None
            try:
                return access_scorecard(self.context["request"].user, value)
            except Http404 as error:
                raise serializers.ValidationError(
                    _("No scorecard version has this id."), code="does_not_exist"
                ) from error

    serializer_class = Output

    def get_queryset(self) -> QuerySet[Candidate]:
        query = self.Query(data=self.request.query_params)
        query.is_valid(raise_exception=True)
        return candidate_list(user=self.request.user, **query.validated_data)

    @extend_schema(parameters=[Query], responses=Output(many=True))
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return self.list(request, *args, **kwargs)

    @extend_schema(request=Input, responses={201: CandidateDetailOutput})
    def post(self, request: Request) -> Response:
        data = self.Input(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        candidate = candidate_create(actor=request_user(request), **data.validated_data)
        return Response(_candidate_detail(request, candidate.pk), status=status.HTTP_201_CREATED)


class CandidateOverdueListApi(generics.ListAPIView):
    """Candidates of the user's scope still moving and past their stage deadline, oldest
    deadline first."""

    serializer_class = CandidateSummaryOutput

    def get_queryset(self) -> QuerySet[Candidate]:
        return candidates_overdue(user=self.request.user)


class CandidateDetailApi(APIView):
    """One candidate: its committee (who has submitted, never what), the committee's result
    once scoring has closed, its history, and the moves the user may make. PATCH edits it
    while the district holds it (draft or returned)."""

    permission_classes = [IsAuthenticatedOrReadOnly]

    @extend_schema_serializer(component_name="CandidateUpdateInput")
    class Input(serializers.Serializer):
        name = serializers.CharField(max_length=200, required=False)
        description = serializers.CharField(
            required=False, allow_blank=True, max_length=bounds.MESSAGE_MAX
        )
        sector = serializers.ChoiceField(choices=Sector.choices, required=False, allow_blank=True)
        producer_organisation = serializers.CharField(
            max_length=200, required=False, allow_blank=True
        )

    @extend_schema(responses=CandidateDetailOutput)
    def get(self, request: Request, candidate_id: int) -> Response:
        return Response(_candidate_detail(request, candidate_id))

    @extend_schema(request=Input, responses=CandidateDetailOutput)
    def patch(self, request: Request, candidate_id: int) -> Response:
        candidate = access_candidate(request.user, candidate_id)
        data = self.Input(data=request.data)
        data.is_valid(raise_exception=True)
        candidate_update(actor=request_user(request), candidate=candidate, **data.validated_data)
        return Response(_candidate_detail(request, candidate_id))


class CandidateTransitionApi(APIView):
    """Move a candidate along `workflow.TRANSITIONS`, with a note for its history.

    400 `invalid_transition` for a move the workflow does not have from the current status;
    other 400 codes for a move that is not ready (`committee_too_small`,
    `committee_incomplete`, `not_scored`) or a decision by the candidate's proposer
    (`proposer_decides`) or a member of its committee (`assessor_decides`), issue 12; 403 for
    a user who may not make the move.
    """

    permission_classes = [IsAuthenticated]

    @extend_schema_serializer(component_name="CandidateTransitionInput")
    class Input(serializers.Serializer):
        to_status = serializers.ChoiceField(choices=CandidateStatus.choices)
        note = serializers.CharField(
            required=False, allow_blank=True, default="", max_length=bounds.NOTE_MAX
        )

    @extend_schema(request=Input, responses=CandidateDetailOutput)
    def post(self, request: Request, candidate_id: int) -> Response:
        candidate = access_candidate(request.user, candidate_id)
        data = self.Input(data=request.data)
        data.is_valid(raise_exception=True)
        candidate_transition(
            actor=request_user(request),
            candidate=candidate,
            to_status=CandidateStatus(data.validated_data["to_status"]),
            note=data.validated_data["note"],
        )
        return Response(_candidate_detail(request, candidate_id))


class CandidateCommitteeAddApi(APIView):
    """Seat an assessor on the committee while the candidate is proposed (201). 400
    `conflict_of_interest` when the assessor's organisation is the candidate's producer
    organisation, `already_seated` for a second seat, `proposer_on_committee` for the
    candidate's proposer (issue 12)."""

    permission_classes = [IsAuthenticated]

    @extend_schema_serializer(component_name="CommitteeMemberAddInput")
    class Input(serializers.Serializer):
        assessor = serializers.CharField(
            max_length=150, help_text="The assessor's user id or username."
        )
        organisation = serializers.CharField(
            max_length=200,
            required=False,
            allow_blank=True,
            default="",
            help_text="Where the assessor works or belongs (checked for a conflict).",
        )

        def validate_assessor(self, reference: str) -> User:
            """An active user named by id (digits) or username. Users have no `access_*`
            gate: any active account may be seated, and only officers who may form the
            committee get this far."""
            users = User.objects.filter(is_active=True)
            assessor = users.filter(pk=int(reference)).first() if reference.isdigit() else None
            assessor = assessor or users.filter(username=reference).first()
            if assessor is None:
                raise serializers.ValidationError(
                    _("No active user has this id or username."), code="does_not_exist"
                )
            return assessor

    @extend_schema(request=Input, responses={201: CommitteeMemberOutput})
    def post(self, request: Request, candidate_id: int) -> Response:
        user = request_user(request)
        candidate = access_candidate(user, candidate_id)
        # Checked before the assessor is looked up, so that users who may not form the
        # committee cannot probe which usernames exist.
        if not can_manage_committee(user, candidate):
            raise PermissionDenied
        data = self.Input(data=request.data)
        data.is_valid(raise_exception=True)
        member = committee_member_add(
            actor=user,
            candidate=candidate,
            assessor=data.validated_data["assessor"],
            organisation=data.validated_data["organisation"],
        )
        seated = candidate_committee(candidate=candidate).get(pk=member.pk)
        return Response(CommitteeMemberOutput(seated).data, status=status.HTTP_201_CREATED)


# ---------------------------------------------------------------- assessments


class CriterionScoreOutput(serializers.ModelSerializer):
    class Meta:
        model = CriterionScore
        fields = ["criterion", "value", "points", "note"]


class AssessmentOutput(serializers.ModelSerializer):
    assessor = PersonRef(read_only=True)
    scores = serializers.SerializerMethodField()

    class Meta:
        model = Assessment
        fields = ["id", "assessor", "status", "total", "submitted_at", "updated_at", "scores"]

    @extend_schema_field(CriterionScoreOutput(many=True))
    def get_scores(self, assessment: Assessment) -> Any:
        """In the scorecard's order of criteria (`criterion_order` in the context)."""
        order: Mapping[str, int] = self.context.get("criterion_order", {})
        scores = sorted(
            assessment.scores.all(),
            key=lambda score: (order.get(score.criterion, len(order)), score.criterion),
        )
        return CriterionScoreOutput(scores, many=True).data


def _assessments_output(candidate: Candidate, assessments: QuerySet[Assessment]) -> Any:
    definition = scorecard_definition_of(candidate.scorecard)
    order = {criterion.code: index for index, criterion in enumerate(definition.criteria)}
    return AssessmentOutput(assessments, many=True, context={"criterion_order": order}).data


class CandidateAssessmentListApi(APIView):
    """The assessments of a candidate the user may see. Scores are blind: an assessor sees
    only their own until it is submitted, then the others' submitted ones; officers of the
    scope see submitted assessments; nobody sees another's draft."""

    @extend_schema(responses=AssessmentOutput(many=True))
    def get(self, request: Request, candidate_id: int) -> Response:
        candidate = access_candidate(request.user, candidate_id)
        assessments = candidate_assessments(user=request.user, candidate=candidate)
        return Response(_assessments_output(candidate, assessments))


class ScoreEntryInput(serializers.Serializer):
    value = serializers.DecimalField(max_digits=7, decimal_places=2)
    note = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=bounds.NOTE_MAX
    )


class CandidateAssessmentSaveApi(APIView):
    """The requesting assessor saves their scores (`submit: true` makes them final; every
    criterion is then required). Computed criteria take the value derived from the evidence
    when there is data for it, whatever the assessor entered. When the last assessor
    submits, the candidate moves to "scored" with the committee's result. 400
    `proposer_scores` for the candidate's proposer (issue 12)."""

    permission_classes = [IsAuthenticated]

    @extend_schema_serializer(component_name="AssessmentSaveInput")
    class Input(serializers.Serializer):
        scores = serializers.DictField(child=ScoreEntryInput(), required=False, default=dict)
        submit = serializers.BooleanField(required=False, default=False)

    @extend_schema(request=Input, responses=AssessmentOutput)
    def put(self, request: Request, candidate_id: int) -> Response:
        user = request_user(request)
        candidate = access_candidate(user, candidate_id)
        data = self.Input(data=request.data)
        data.is_valid(raise_exception=True)
        # The service derives the computed criteria from the evidence itself, under its lock.
        assessment = assessment_save(
            actor=user,
            candidate=candidate,
            scores={
                code: ScoreInput(value=entry["value"], note=entry["note"])
                for code, entry in data.validated_data["scores"].items()
            },
            submit=data.validated_data["submit"],
        )
        saved = candidate_assessments(user=user, candidate=candidate).filter(pk=assessment.pk)
        return Response(_assessments_output(candidate, saved)[0])


class CandidateAttachmentAddApi(APIView):
    """Attach a PDF, JPEG or PNG (at most 5 MB) backing a criterion (multipart: `file`,
    optional `criterion`), while the district holds the candidate or the committee scores it.
    400 `file_type` or `file_too_large`."""

    permission_classes = [IsAuthenticated]
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema_serializer(component_name="AttachmentAddInput")
    class Input(serializers.Serializer):
        file = serializers.FileField()
        criterion = serializers.CharField(max_length=20, required=False, allow_blank=True)

    @extend_schema_serializer(component_name="Attachment")
    class Output(serializers.ModelSerializer):
        class Meta:
            model = Attachment
            fields = ["id", "criterion", "content_type", "size", "created_at"]

    @extend_schema(request={"multipart/form-data": Input}, responses={201: Output})
    def post(self, request: Request, candidate_id: int) -> Response:
        user = request_user(request)
        candidate = access_candidate(user, candidate_id)
        data = self.Input(data=request.data)
        data.is_valid(raise_exception=True)
        attachment = attachment_add(
            actor=user,
            candidate=candidate,
            upload=data.validated_data["file"],
            criterion=data.validated_data.get("criterion", ""),
        )
        return Response(self.Output(attachment).data, status=status.HTTP_201_CREATED)


# ---------------------------------------------------------------- evidence


@dataclass(frozen=True)
class CriterionEvidence:
    """A criterion that names an indicator, the indicator's value, and (computed criteria
    with data only) the scale value the assessment service will use for it."""

    criterion: Criterion
    indicator_value: Decimal | None
    scale_value: Decimal | None


@dataclass(frozen=True)
class CandidateEvidence:
    """The evidence of a candidate's product in its district, read for its scorecard.
    `evidence` is None when the candidate names no known product type."""

    evidence: Evidence | None
    criteria: tuple[CriterionEvidence, ...]


def _figure_value(figure: Figure | None) -> Decimal | None:
    """A figure's value as a number (a yes/no indicator counts as 1 or 0, as when scoring)."""
    if figure is None or figure.value is None:
        return None
    return Decimal(int(figure.value) if isinstance(figure.value, bool) else figure.value)


def _candidate_evidence(candidate: Candidate) -> CandidateEvidence:
    """The figures and computed values `assessment_save` uses (`selection.indicators`), so
    the assessor sees exactly what will be stored. Four queries at most (`evidence_for`)."""
    definition = scorecard_definition_of(candidate.scorecard)
    evidence = indicators.candidate_evidence(candidate)
    figures = indicators.indicator_figures(evidence)
    computed = indicators.computed_values(definition.criteria, figures)
    rows = tuple(
        CriterionEvidence(
            criterion=criterion,
            indicator_value=_figure_value(figures.get(criterion.indicator)),
            scale_value=computed.get(criterion.code),
        )
        for criterion in definition.criteria
        if criterion.indicator
    )
    return CandidateEvidence(evidence=evidence, criteria=rows)


class IndicatorsOutput(serializers.Serializer):
    year = serializers.IntegerField(allow_null=True)
    location_quotient_production = QuotientOutput()
    location_quotient_workers = QuotientOutput()
    other_districts_in_state = CountOutput()
    other_districts_in_country = CountOutput()
    gi_registered = FlagOutput()
    producers = CountOutput()
    listings = CountOutput()


class CriterionEvidenceOutput(serializers.Serializer):
    criterion = serializers.CharField(source="criterion.code")
    title = serializers.CharField(source="criterion.title")
    method = serializers.CharField(source="criterion.method")
    indicator = serializers.CharField(source="criterion.indicator")
    indicator_value = serializers.DecimalField(max_digits=24, decimal_places=4, allow_null=True)
    scale_value = _exact_decimal(allow_null=True)


class CandidateEvidenceApi(APIView):
    """The evidence beside a candidate's criteria, each figure with its source, and the
    scale value each computed criterion takes from it. For officers and the candidate's
    committee, as on the candidate page (the statistics behind it are not public); others
    404."""

    permission_classes = [IsAuthenticated]

    @extend_schema_serializer(component_name="CandidateEvidence")
    class Output(serializers.Serializer):
        product_type = serializers.SerializerMethodField()
        indicators = IndicatorsOutput(source="evidence", allow_null=True)
        criteria = CriterionEvidenceOutput(many=True)

        def get_product_type(self, evidence: CandidateEvidence) -> str | None:
            found = evidence.evidence
            return None if found is None else found.product_type.slug

    @extend_schema(responses=Output)
    def get(self, request: Request, candidate_id: int) -> Response:
        user = request_user(request)
        candidate = access_candidate(user, candidate_id)
        on_committee = candidate_committee(candidate=candidate).filter(assessor=user).exists()
        if not (can_view_evidence(user) or on_committee):
            raise Http404
        return Response(self.Output(_candidate_evidence(candidate)).data)


# ---------------------------------------------------------------- dashboard


class CoverageRowOutput(serializers.Serializer):
    state = PlaceRef()
    districts = serializers.IntegerField()
    districts_with_product = serializers.IntegerField()
    percent = serializers.FloatField()
    products = serializers.IntegerField()
    gi_products = serializers.IntegerField()
    gi_share = serializers.FloatField()
    by_sector = serializers.DictField(child=serializers.IntegerField())


class StageOutput(serializers.Serializer):
    status = serializers.ChoiceField(choices=CandidateStatus.choices)
    label = serializers.CharField()  # type: ignore[assignment]  # a field named "label"
    count = serializers.IntegerField()
    overdue = serializers.IntegerField()


class DashboardApi(APIView):
    """Coverage and gaps for officers, over their scope: per State the districts with a
    registry product out of all, products by sector and the GI share; the districts with no
    product yet; candidates by stage with the overdue ones. Others 404."""

    permission_classes = [IsAuthenticated]

    @extend_schema_serializer(component_name="SelectionDashboard")
    class Output(serializers.Serializer):
        states = CoverageRowOutput(many=True)
        districts_without_product = DistrictWithStateRef(many=True)
        candidates_by_stage = StageOutput(many=True)

    @extend_schema(responses=Output)
    def get(self, request: Request) -> Response:
        user = request_user(request)
        if not can_view_dashboard(user):
            raise Http404
        stages = [
            {"status": stage, "label": label, "count": count, "overdue": overdue}
            for stage, label, count, overdue in candidates_by_stage(user=user)
        ]
        dashboard = {
            "states": coverage_dashboard(user=user),
            "districts_without_product": districts_without_product(user=user),
            "candidates_by_stage": stages,
        }
        return Response(self.Output(dashboard).data)
