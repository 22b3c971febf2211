"""API of the reports, mounted at /api/v1/reports/: the public MIS report of the nation or of
one State as an XLSX workbook or a PDF, answered as the file itself.

Aggregates only, so open to everybody. Files are cached per data version (`reports.files`).
"""

from typing import Final

from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import APIException
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.views import APIView

from odop.core.bounds import LGD_CODE_MAX
from odop.reports.documents import FontsMissing
from odop.reports.files import Kind, mis_file
from odop.reports.permissions import access_report_state

XLSX_TYPE: Final = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PDF_TYPE: Final = "application/pdf"


class ReportQuery(serializers.Serializer):
    state = serializers.IntegerField(
        min_value=1,
        max_value=LGD_CODE_MAX,
        required=False,
        help_text="LGD code of a State/UT; leave out for the national report.",
    )


class ReportUnavailable(APIException):
    status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    default_detail = "The report cannot be built on this server."
    default_code = "report_unavailable"


class _MisReportApi(APIView):
    permission_classes = [AllowAny]
    kind: Kind = "xlsx"
    content_type: str = XLSX_TYPE

    def get(self, request: Request) -> HttpResponse:
        query = ReportQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        state = access_report_state(request.user, query.validated_data.get("state"))
        try:
            content, cached = mis_file(kind=self.kind, state=state)
        except FontsMissing as error:
            raise ReportUnavailable(str(error)) from error
        name = f"odop-mis-{state.lgd_code if state else 'india'}.{self.kind}"
        response = HttpResponse(content, content_type=self.content_type)
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        response["X-Report-Cache"] = "hit" if cached else "miss"
        return response


@extend_schema(
    parameters=[ReportQuery],
    responses={(200, XLSX_TYPE): OpenApiTypes.BINARY},
)
class MisXlsxApi(_MisReportApi):
    """The MIS report as an XLSX workbook: one sheet per section, numbers as numbers."""

    kind = "xlsx"
    content_type = XLSX_TYPE


@extend_schema(
    parameters=[ReportQuery],
    responses={
        (200, PDF_TYPE): OpenApiTypes.BINARY,
        503: OpenApiResponse(
            description="The PDF fonts (Noto Sans, Noto Sans Devanagari) are not installed "
            "in ODOP_FONT_DIR."
        ),
    },
)
class MisPdfApi(_MisReportApi):
    """The MIS report as a PDF in English and Hindi, with charts and the district map."""

    kind = "pdf"
    content_type = PDF_TYPE
