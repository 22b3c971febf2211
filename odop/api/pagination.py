"""API paging: DRF's page-number style with a `count`, and a caller-chosen page size."""

from rest_framework.pagination import PageNumberPagination


class StandardPagination(PageNumberPagination):
    """`?page=2&page_size=100`; at most 500 rows a page so one request stays cheap."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500
