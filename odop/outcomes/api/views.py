"""API of outcomes (/api/v1/outcomes/) and policies (/api/v1/policies/).

Returns are officers' data: the list shows the rows of the districts the caller covers, and an
upload places what it can and reports the rest (201 with `placed` and `report`; a file with a
structural fault is a 400 with `codes` and writes nothing). Policies and their coverage are
public; recording one and linking its products is for the officers who keep it.
"""

from typing import Any

from django.db.models import Q, QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_serializer
from rest_framework import generics, serializers, status
from rest_framework.parsers import MultiPartParser
from rest_framework.permissions import AllowAny, IsAuthenticated, IsAuthenticatedOrReadOnly
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from odop.api.auth import request_user
from odop.api.fields import IdField, LgdCodeField
from odop.api.serializers import DistrictWithStateRef, PlaceRef
from odop.core import bounds
from odop.core.errors import permission_require
from odop.geography.permissions import access_state
from odop.outcomes import permissions, selectors, services
from odop.outcomes.models import CATEGORY_MAX, POLICY_NAME_MAX, URL_MAX, OutcomeReturn, Policy
from odop.outcomes.periods import period_parse
from odop.outcomes.returns import returns_upload
from odop.producers.bulk import upload_table_read

# The three spellings (the two years of a financial year must follow each other: 400
# `bad_period` says so, a pattern cannot).
PERIOD_PATTERN = r"^(20[0-9]{2}-(0[1-9]|1[0-2])|20[0-9]{2}-Q[1-4]|FY20[0-9]{2}-[0-9]{2})$"


def _period_text(value: str) -> str:
    try:
        return period_parse(value).text
    except ValueError as error:
        raise serializers.ValidationError(str(error), code="bad_period") from error


class ProductRef(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    product_type = serializers.CharField(source="product_type.name")


@extend_schema_serializer(component_name="OutcomeReturn")
class OutcomeReturnOutput(serializers.ModelSerializer):
    district = DistrictWithStateRef()
    product = ProductRef(source="district_product")

    class Meta:
        model = OutcomeReturn
        fields = [
            "id",
            "district",
            "product",
            "period",
            "period_start",
            "period_end",
            "jobs",
            "jobs_women_share",
            "jobs_scst_share",
            "producers",
            "production",
            "production_unit",
            "sales_inr",
            "exports_inr",
            "exports_usd",
            "source",
        ]


class OutcomeListApi(generics.ListAPIView):
    """Return rows of the districts the caller covers (officers), filtered by `state` and
    `district` (LGD codes) and `period` (2026-04, 2026-Q2 or FY2026-27; 400 `bad_period`)."""

    permission_classes = [IsAuthenticated]
    serializer_class = OutcomeReturnOutput

    @extend_schema_serializer(component_name="OutcomeListQuery")
    class Query(serializers.Serializer):
        state = LgdCodeField(required=False, help_text="The State's LGD code.")
        district = LgdCodeField(required=False, help_text="The district's LGD code.")
        period = serializers.RegexField(
            PERIOD_PATTERN,
            required=False,
            allow_blank=True,
            max_length=12,
            help_text="2026-04, 2026-Q2 or FY2026-27.",
        )

        def validate_period(self, value: str) -> str:
            return _period_text(value) if value else ""

    def get_queryset(self) -> QuerySet[OutcomeReturn]:
        query = self.Query(data=self.request.query_params)
        query.is_valid(raise_exception=True)
        rows = permissions.outcome_returns_visible_to(self.request.user)
        if "state" in query.validated_data:
            rows = rows.filter(district__state__lgd_code=query.validated_data["state"])
        if "district" in query.validated_data:
            rows = rows.filter(district__lgd_code=query.validated_data["district"])
        if query.validated_data.get("period"):
            rows = rows.filter(period=query.validated_data["period"])
        return rows.order_by(
            "district__state__name",
            "district__name",
            "district_product__name",
            "period_start",
            "pk",
        )

    @extend_schema(parameters=[Query], responses=OutcomeReturnOutput(many=True))
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return self.list(request, *args, **kwargs)


class RowRefusalOutput(serializers.Serializer):
    line = serializers.IntegerField(help_text="Line in the file; the header is line 1.")
    values = serializers.DictField(child=serializers.CharField(allow_blank=True))
    column = serializers.CharField()
    code = serializers.CharField(
        help_text="bad_period, unknown_state, district_unresolved, out_of_scope, "
        "unknown_product, ambiguous_product, missing_value, not_a_number, negative_number, "
        "out_of_range or duplicate_row."
    )
    reason = serializers.CharField()


class OutcomeUploadApi(APIView):
    """Upload a return (CSV or XLSX; officers). Rows that can be placed are kept (a period
    uploaded again for a district replaces that district's rows of it, with history); every
    other row is in `report` with its line, values and why. A file missing a required column
    (state, district, product, period, jobs, sales_inr, exports_inr), empty or unreadable is
    a 400 and writes nothing."""

    permission_classes = [IsAuthenticated]
    parser_classes = [MultiPartParser]

    @extend_schema_serializer(component_name="OutcomeUploadInput")
    class Input(serializers.Serializer):
        file = serializers.FileField()

    @extend_schema_serializer(component_name="OutcomeUploadReport")
    class Output(serializers.Serializer):
        upload = serializers.IntegerField(source="upload_id")
        file = serializers.CharField()
        rows_read = serializers.IntegerField()
        placed = serializers.IntegerField()
        created = serializers.IntegerField()
        updated = serializers.IntegerField()
        unchanged = serializers.IntegerField()
        replaced = serializers.IntegerField(help_text="Earlier rows of the periods removed.")
        periods = serializers.ListField(child=serializers.CharField())
        report = RowRefusalOutput(many=True, source="refused")

    @extend_schema(request=Input, responses={201: Output})
    def post(self, request: Request) -> Response:
        actor = request_user(request)
        permission_require(permissions.can_upload_returns(actor))
        data = self.Input(data=request.data)
        data.is_valid(raise_exception=True)
        table = upload_table_read(data.validated_data["file"])
        report = returns_upload(actor=actor, table=table)
        return Response(self.Output(report).data, status=status.HTTP_201_CREATED)


@extend_schema_serializer(component_name="Policy")
class PolicyOutput(serializers.ModelSerializer):
    state = PlaceRef(allow_null=True, help_text="Null for a central policy.")
    covered_products = serializers.IntegerField(source="links.count")

    class Meta:
        model = Policy
        fields = [
            "id",
            "name",
            "state",
            "state_category",
            "effective_from",
            "effective_to",
            "incentives",
            "notification_url",
            "covered_products",
        ]


class PolicyListCreateApi(generics.ListAPIView):
    """Every policy (GET, public; `state` filters by LGD code, central ones included), and a
    new one (POST, 201): national admins for any State or the Centre (no `state`), a State
    officer for their State. 400 `dates_out_of_order`, `unique`."""

    permission_classes = [IsAuthenticatedOrReadOnly]
    serializer_class = PolicyOutput

    @extend_schema_serializer(component_name="PolicyListQuery")
    class Query(serializers.Serializer):
        state = LgdCodeField(required=False, help_text="The State's LGD code.")

    @extend_schema_serializer(component_name="PolicyCreateInput")
    class Input(serializers.Serializer):
        state = LgdCodeField(
            required=False, allow_null=True, default=None, help_text="Empty: a central policy."
        )
        name = serializers.CharField(max_length=POLICY_NAME_MAX)
        state_category = serializers.CharField(
            max_length=CATEGORY_MAX, required=False, allow_blank=True, default=""
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
        incentives = serializers.CharField(
            max_length=bounds.MESSAGE_MAX, required=False, allow_blank=True, default=""
        )
        notification_url = serializers.URLField(
            max_length=URL_MAX, required=False, allow_blank=True, default=""
        )

    def get_queryset(self) -> QuerySet[Policy]:
        query = self.Query(data=self.request.query_params)
        query.is_valid(raise_exception=True)
        policies = permissions.policies_visible_to(self.request.user).prefetch_related("links")
        if "state" in query.validated_data:  # the State's and the central ones
            policies = policies.filter(
                Q(state__lgd_code=query.validated_data["state"]) | Q(state__isnull=True)
            )
        return policies.order_by("state__name", "name", "pk")

    @extend_schema(parameters=[Query], responses=PolicyOutput(many=True))
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return self.list(request, *args, **kwargs)

    @extend_schema(request=Input, responses={201: PolicyOutput})
    def post(self, request: Request) -> Response:
        actor = request_user(request)
        data = self.Input(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        code = values.pop("state")
        state = access_state(actor, code) if code is not None else None
        policy = services.policy_create(actor=actor, state=state, **values)
        return Response(PolicyOutput(policy).data, status=status.HTTP_201_CREATED)


class PolicyProductsApi(APIView):
    """Link district products (registry ids) to a policy, all or none (400
    `product_out_of_scope` names the ids outside the policy's State or the officer's scope).
    Links already there are kept. 403 for those who do not keep the policy."""

    permission_classes = [IsAuthenticated]

    @extend_schema_serializer(component_name="PolicyProductsInput")
    class Input(serializers.Serializer):
        district_products = serializers.ListField(child=IdField(), min_length=1, max_length=5_000)

    @extend_schema_serializer(component_name="PolicyProductsOutput")
    class Output(serializers.Serializer):
        policy = PolicyOutput()
        linked = serializers.IntegerField(help_text="Links added by this request.")

    @extend_schema(request=Input, responses={200: Output})
    def post(self, request: Request, policy_id: int) -> Response:
        actor = request_user(request)
        policy = permissions.access_policy(actor, policy_id)
        permission_require(permissions.can_manage_policy(actor, policy))
        data = self.Input(data=request.data)
        data.is_valid(raise_exception=True)
        created = services.policy_products_link(
            actor=actor,
            policy=policy,
            district_product_ids=data.validated_data["district_products"],
        )
        policy.refresh_from_db()
        return Response({"policy": PolicyOutput(policy).data, "linked": len(created)})


class PolicyCoverageOutput(serializers.Serializer):
    policy = PolicyOutput()
    covered_products = serializers.IntegerField()
    state_products = serializers.IntegerField()
    covered_districts = serializers.IntegerField()
    state_districts = serializers.IntegerField()


class PolicyCoverageApi(APIView):
    """Each policy that applies in a State (its own and the central ones) with the State's
    district products it covers out of all of them (public)."""

    permission_classes = [AllowAny]

    @extend_schema_serializer(component_name="PolicyCoverageQuery")
    class Query(serializers.Serializer):
        state = LgdCodeField(help_text="The State's LGD code.")

    @extend_schema_serializer(component_name="PolicyCoverage")
    class Output(serializers.Serializer):
        state = PlaceRef()
        policies = PolicyCoverageOutput(many=True)

    @extend_schema(parameters=[Query], responses=Output)
    def get(self, request: Request) -> Response:
        query = self.Query(data=request.query_params)
        query.is_valid(raise_exception=True)
        state = access_state(request.user, query.validated_data["state"])
        rows = selectors.policy_coverage(state=state)
        return Response(self.Output({"state": state, "policies": rows}).data)
