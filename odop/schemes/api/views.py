"""API of schemes, mounted at /api/v1/schemes/.

Reading schemes and evaluating them is public (the same evaluation as the public calculator).
Proposing a parameter value and deciding on a proposal is for the officers who keep a
scheme's rules; every write is one service call whose errors become 400 (with codes), 403 or
404.
"""

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone
from drf_spectacular.utils import extend_schema, extend_schema_serializer
from rest_framework import generics, serializers, status
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from odop.api.auth import request_user
from odop.core import bounds
from odop.schemes import permissions, selectors, services
from odop.schemes.evaluation import evaluation_data
from odop.schemes.models import (
    PARAMETER_VALUE_MAX,
    PARAMETER_VALUE_PLACES,
    REFERENCE_MAX,
    ParameterValue,
    Scheme,
    SchemeVersion,
)


class SchemeVersionOutput(serializers.ModelSerializer):
    class Meta:
        model = SchemeVersion
        fields = ["number", "status", "published_at"]


class SchemeOutput(serializers.ModelSerializer):
    state = serializers.IntegerField(
        source="state.lgd_code", default=None, allow_null=True, help_text="LGD code."
    )
    sources = serializers.ListField(child=serializers.DictField())
    versions = SchemeVersionOutput(many=True)

    class Meta:
        model = Scheme
        fields = [
            "code",
            "name",
            "name_hi",
            "sponsor",
            "sponsor_hi",
            "description",
            "description_hi",
            "state",
            "sources",
            "versions",
        ]


class SchemeListApi(generics.ListAPIView):
    """Every scheme with a published version (officers also see the drafts they keep)."""

    permission_classes = [AllowAny]
    serializer_class = SchemeOutput

    def get_queryset(self) -> QuerySet[Scheme]:
        return selectors.scheme_list(user=self.request.user).select_related("state")


class ReasonOutput(serializers.Serializer):
    criterion = serializers.CharField()
    en = serializers.CharField()
    hi = serializers.CharField()


class TraceOutput(serializers.Serializer):
    kind = serializers.ChoiceField(choices=["parameter", "step", "criterion"])
    step = serializers.CharField(
        allow_null=True, help_text="The step or criterion (null for a parameter)."
    )
    parameter = serializers.CharField(allow_null=True, help_text="The parameter, if one.")
    value = serializers.CharField()
    rule = serializers.CharField(allow_blank=True)
    effective_from = serializers.DateField(allow_null=True)
    reference = serializers.CharField(allow_blank=True)


class EvaluationOutput(serializers.Serializer):
    eligible = serializers.BooleanField()
    benefit = serializers.DecimalField(
        max_digits=bounds.MONEY_DIGITS,
        decimal_places=2,
        min_value=0,
        help_text="INR, rounded half-up to the paisa; 0.00 when not eligible.",
    )
    reasons = ReasonOutput(many=True)
    trace = TraceOutput(many=True)


class SchemeEvaluateApi(APIView):
    """What the scheme's published version gives for these facts on `as_of` (default today),
    with the values approved on that date. Public. 400 `missing_fact`, `unknown_fact`,
    `invalid_fact`, `fact_out_of_range`, `parameter_not_set`, `no_published_version`."""

    permission_classes = [AllowAny]

    @extend_schema_serializer(component_name="SchemeEvaluateInput")
    class Input(serializers.Serializer):
        as_of = serializers.DateField(
            required=False,
            validators=bounds.range_validators(bounds.DATE_MIN, bounds.DATE_MAX),
            help_text="The date whose approved parameter values apply; today if left out.",
        )
        facts = serializers.DictField(child=serializers.JSONField(), allow_empty=True)

    @extend_schema(request=Input, responses={200: EvaluationOutput})
    def post(self, request: Request, code: str) -> Response:
        scheme = permissions.access_scheme(request.user, code)
        data = self.Input(data=request.data)
        data.is_valid(raise_exception=True)
        as_of = data.validated_data.get("as_of") or timezone.localdate()
        decision = selectors.scheme_evaluate(
            scheme=scheme, as_of=as_of, facts=data.validated_data["facts"]
        )
        return Response(EvaluationOutput(evaluation_data(decision)).data)


class ParameterValueOutput(serializers.ModelSerializer):
    scheme = serializers.CharField(source="parameter.scheme.code")
    parameter = serializers.CharField(source="parameter.name")
    proposed_by = serializers.CharField(source="proposed_by.username", default=None)
    decided_by = serializers.CharField(source="decided_by.username", default=None)

    class Meta:
        model = ParameterValue
        fields = [
            "id",
            "scheme",
            "parameter",
            "value",
            "effective_from",
            "effective_to",
            "reference",
            "status",
            "proposed_by",
            "decided_by",
            "decided_at",
        ]


class ParameterValueProposeApi(APIView):
    """Propose a dated value of a parameter (201); it counts only once another officer
    approves it. National admins, or officers of the scheme's State. 400 `not_whole`,
    `dates_out_of_order`."""

    permission_classes = [IsAuthenticated]

    @extend_schema_serializer(component_name="ParameterValueProposeInput")
    class Input(serializers.Serializer):
        value = serializers.DecimalField(
            max_digits=19,
            decimal_places=PARAMETER_VALUE_PLACES,
            min_value=0,
            max_value=PARAMETER_VALUE_MAX,
        )
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

    @extend_schema(request=Input, responses={201: ParameterValueOutput})
    def post(self, request: Request, code: str, name: str) -> Response:
        actor = request_user(request)
        scheme = permissions.access_scheme(actor, code)
        if not permissions.can_propose_parameter_value(actor, scheme):
            raise Http404  # those who do not keep the scheme do not learn its parameters
        parameter = scheme.parameters.filter(name=name).first()
        if parameter is None:
            raise Http404
        data = self.Input(data=request.data)
        data.is_valid(raise_exception=True)
        value = services.parameter_value_propose(
            actor=actor, parameter=parameter, **data.validated_data
        )
        return Response(ParameterValueOutput(value).data, status=status.HTTP_201_CREATED)


class ParameterValueDecideInput(serializers.Serializer):
    note = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=bounds.NOTE_MAX
    )


class ParameterValueApproveApi(APIView):
    """Approve a proposed value: from its date, evaluations use it. Not by its proposer
    (400 `own_proposal`); 400 `invalid_transition` once decided; 404 for those who do not
    keep the scheme."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=ParameterValueDecideInput, responses={200: ParameterValueOutput})
    def post(self, request: Request, value_id: int) -> Response:
        actor = request_user(request)
        value = permissions.access_parameter_value(actor, value_id)
        data = ParameterValueDecideInput(data=request.data)
        data.is_valid(raise_exception=True)
        value = services.parameter_value_approve(actor=actor, value=value, **data.validated_data)
        return Response(ParameterValueOutput(value).data)


class ParameterValueRejectApi(APIView):
    """Reject a proposed value: it never takes effect. The same people as approve it."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=ParameterValueDecideInput, responses={200: ParameterValueOutput})
    def post(self, request: Request, value_id: int) -> Response:
        actor = request_user(request)
        value = permissions.access_parameter_value(actor, value_id)
        data = ParameterValueDecideInput(data=request.data)
        data.is_valid(raise_exception=True)
        value = services.parameter_value_reject(actor=actor, value=value, **data.validated_data)
        return Response(ParameterValueOutput(value).data)
