"""API of district statistics: the officers' list, the upload, and the evidence indicators of
a product in a district."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from drf_spectacular.utils import extend_schema, extend_schema_serializer
from rest_framework import exceptions, generics, serializers, status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import as_serializer_error
from rest_framework.views import APIView

from odop.api.auth import request_user
from odop.api.serializers import DistrictWithStateRef
from odop.evidence.filters import DistrictStatisticFilter
from odop.evidence.models import YEAR_MAX, YEAR_MIN, DistrictStatistic
from odop.evidence.permissions import can_upload_statistics, can_view_evidence
from odop.evidence.selectors import evidence_for, statistic_list
from odop.evidence.services import statistics_import
from odop.evidence.uploads import upload_table_read, upload_validate
from odop.geography.permissions import access_district
from odop.registry.permissions import access_product_type


class DistrictStatisticOutput(serializers.ModelSerializer):
    district = DistrictWithStateRef(read_only=True)
    product_type: serializers.SlugRelatedField = serializers.SlugRelatedField(
        slug_field="slug", read_only=True
    )
    production = serializers.DecimalField(
        max_digits=18, decimal_places=3, allow_null=True, read_only=True
    )
    upload = serializers.IntegerField(source="upload_id", read_only=True)

    class Meta:
        model = DistrictStatistic
        fields = [
            "id",
            "district",
            "year",
            "product_type",
            "sector",
            "subject_name",
            "subject_source",
            "production",
            "production_unit",
            "workers",
            "units",
            "upload",
        ]


class DistrictStatisticListApi(generics.ListAPIView):
    """Uploaded district statistics (officers; others get an empty list). Filters: `state`
    and `district` (LGD codes), `year`, `product_type` (slug), `sector`, `q`."""

    serializer_class = DistrictStatisticOutput
    filterset_class = DistrictStatisticFilter
    permission_classes = [IsAuthenticated]

    def get_queryset(self):  # type: ignore[no-untyped-def]
        # The FilterSet is applied by the filter backend (it answers 400 on a bad value).
        return statistic_list(user=self.request.user)


class FindingOutput(serializers.Serializer):
    row = serializers.IntegerField(allow_null=True)
    state = serializers.CharField()
    district = serializers.CharField()
    value = serializers.CharField()
    problem = serializers.CharField()
    resolution = serializers.CharField()
    detail = serializers.CharField()


class StatisticsUploadApi(APIView):
    """An officer uploads a statistics file (multipart: `file`, optional `reference_year`).

    201 with the import report (counts and every finding); 400 with `codes` when the file is
    refused (file_type, file_size, missing_columns, empty_file, bad_encoding, not_a_number,
    negative_value, duplicate_rows, ...); 403 for users who may not upload.
    """

    permission_classes = [IsAuthenticated]
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema_serializer(component_name="StatisticsUploadInput")
    class Input(serializers.Serializer):
        file = serializers.FileField()
        reference_year = serializers.IntegerField(
            required=False, allow_null=True, min_value=YEAR_MIN, max_value=YEAR_MAX
        )

        def validate_file(self, value: Any) -> Any:
            try:
                upload_validate(value)
            except DjangoValidationError as error:
                raise serializers.ValidationError(error.messages, code=error.code) from error
            return value

    @extend_schema_serializer(component_name="StatisticsUploadReport")
    class Output(serializers.Serializer):
        source = serializers.CharField()  # type: ignore[assignment]  # a field named "source"
        rows_read = serializers.IntegerField()
        created = serializers.IntegerField()
        updated = serializers.IntegerField()
        unchanged = serializers.IntegerField()
        findings = FindingOutput(many=True)

    @extend_schema(request={"multipart/form-data": Input}, responses={201: Output})
    def post(self, request: Request) -> Response:
        user = request_user(request)
        if not can_upload_statistics(user):
            raise PermissionDenied
        data = self.Input(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            table = upload_table_read(data.validated_data["file"])
            report = statistics_import(
                actor=user,
                table=table,
                reference_year=data.validated_data.get("reference_year"),
            )
        except DjangoValidationError as error:
            # The shared handler (odop.api.exceptions) adds the codes.
            raise exceptions.ValidationError(as_serializer_error(error)) from error
        return Response(self.Output(report).data, status=status.HTTP_201_CREATED)


class FigureOutput(serializers.Serializer):
    source = serializers.CharField()  # type: ignore[assignment]  # a field named "source"
    detail = serializers.CharField()


class QuotientOutput(FigureOutput):
    value = serializers.DecimalField(max_digits=24, decimal_places=4, allow_null=True)


class CountOutput(FigureOutput):
    value = serializers.IntegerField(allow_null=True)


class FlagOutput(FigureOutput):
    value = serializers.BooleanField(allow_null=True)


class EvidenceApi(APIView):
    """The evidence indicators of a product type in a district, each with its source
    (officers; others 404). Query: `district` (LGD code), `product_type` (slug), `year`."""

    permission_classes = [IsAuthenticated]

    class Query(serializers.Serializer):
        district = serializers.IntegerField()
        product_type = serializers.SlugField()
        year = serializers.IntegerField(required=False, min_value=YEAR_MIN, max_value=YEAR_MAX)

    @extend_schema_serializer(component_name="Evidence")
    class Output(serializers.Serializer):
        district = DistrictWithStateRef()
        product_type = serializers.SlugField(source="product_type.slug")
        year = serializers.IntegerField(allow_null=True)
        location_quotient_production = QuotientOutput()
        location_quotient_workers = QuotientOutput()
        other_districts_in_state = CountOutput()
        other_districts_in_country = CountOutput()
        gi_registered = FlagOutput()
        producers = CountOutput()
        listings = CountOutput()

    @extend_schema(parameters=[Query], responses=Output)
    def get(self, request: Request) -> Response:
        user = request_user(request)
        if not can_view_evidence(user):
            raise Http404
        query = self.Query(data=request.query_params)
        query.is_valid(raise_exception=True)
        district = access_district(user, query.validated_data["district"])
        product_type = access_product_type(user, query.validated_data["product_type"])
        evidence = evidence_for(
            district=district, product_type=product_type, year=query.validated_data.get("year")
        )
        return Response(self.Output(evidence).data)
