"""API paging: DRF's page-number style with a `count`, and a caller-chosen page size."""

from typing import Any

from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request


class StandardPagination(PageNumberPagination):
    """`?page=2&page_size=100`; at most 500 rows a page so one request stays cheap.

    A page size that is not a whole number of at least 1 is a 400 (DRF ignores it and answers
    the default page, which hides the client's mistake and breaks the schema's contract); a page
    size above 500 is cut to 500. A page that is not a number, or is past the end, is a 404.
    """

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500
    last_page_strings = ()  # `?page=last` is not a number: 404 like any other

    def get_page_size(self, request: Request) -> int:
        value = request.query_params.get(self.page_size_query_param)
        if value is None:
            return self.page_size
        try:
            size = int(value)
        except ValueError:
            size = 0
        if size < 1:
            raise exceptions.ValidationError(
                {self.page_size_query_param: [_("A page size is a whole number of at least 1.")]},
                code="page_size_invalid",
            )
        return min(size, self.max_page_size)

    def get_page_number(self, request: Request, paginator: Any) -> Any:
        """`?page=` (empty) is not a page number either: DRF read it as page 1."""
        value = request.query_params.get(self.page_query_param)
        if value is None:
            return 1
        return value

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            parameter["schema"]["minimum"] = 1
        return parameters
