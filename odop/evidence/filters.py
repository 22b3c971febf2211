"""Filters of the statistics list, shared by the API and the HTML page (NetBox style)."""

import django_filters
from django.db.models import Q, QuerySet

from odop.core.filters import WholeNumberFilter, lgd_code_filter
from odop.evidence.models import YEAR_MAX, YEAR_MIN, DistrictStatistic
from odop.registry.models import Sector


class DistrictStatisticFilter(django_filters.FilterSet):
    """`state` and `district` take LGD codes; `product_type` a slug; `q` searches subjects."""

    state = lgd_code_filter(field_name="district__state__lgd_code", label="State LGD code")
    district = lgd_code_filter(field_name="district__lgd_code", label="District LGD code")
    year = WholeNumberFilter(field_name="year", min_value=YEAR_MIN, max_value=YEAR_MAX)
    product_type = django_filters.CharFilter(field_name="product_type__slug")
    sector = django_filters.ChoiceFilter(choices=Sector.choices)
    q = django_filters.CharFilter(method="search", label="Search subjects")

    class Meta:
        model = DistrictStatistic
        fields = ["state", "district", "year", "product_type", "sector"]

    def search(
        self, queryset: QuerySet[DistrictStatistic], name: str, value: str
    ) -> QuerySet[DistrictStatistic]:
        return queryset.filter(
            Q(subject_name__icontains=value) | Q(subject_source__icontains=value)
        )
