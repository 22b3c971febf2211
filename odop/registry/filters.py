"""Filters of the registry's lists, shared by the API and any HTML list (NetBox style)."""

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from odop.core.filters import StrictBooleanFilter, lgd_code_filter
from odop.registry.models import Category, DistrictProduct, GIEntry, GoodsClass, Sector
from odop.registry.selectors import SEARCH_QUERY_MAX_LENGTH, district_products_ranked


class DistrictProductFilter(django_filters.FilterSet):
    """`state` and `district` take LGD codes; `gi` true/false; `q` searches (ranked, issue 13)."""

    state = lgd_code_filter(field_name="district__state__lgd_code", label=_("State LGD code"))
    district = lgd_code_filter(field_name="district__lgd_code", label=_("District LGD code"))
    sector = django_filters.ChoiceFilter(choices=Sector.choices)
    category = django_filters.ChoiceFilter(choices=Category.choices)
    gi = StrictBooleanFilter(field_name="is_gi", label=_("GI tagged"))
    product_type = django_filters.CharFilter(field_name="product_type__slug")
    provisional = StrictBooleanFilter(field_name="district__is_provisional")
    q = django_filters.CharFilter(
        method="search",
        label=_(
            "Search: product names, types, descriptions, districts and States (any spelling), "
            "GI names; in English, Hindi or romanised Hindi; results by relevance"
        ),
    )

    class Meta:
        model = DistrictProduct
        fields = ["state", "district", "sector", "category", "gi", "product_type", "provisional"]

    def search(
        self, queryset: QuerySet[DistrictProduct], name: str, value: str
    ) -> QuerySet[DistrictProduct]:
        """The ranked search of the catalogue page: matching rows, most relevant first."""
        return district_products_ranked(queryset, query=value.strip()[:SEARCH_QUERY_MAX_LENGTH])


class GIEntryFilter(django_filters.FilterSet):
    state = lgd_code_filter(field_name="states__lgd_code", label=_("State LGD code"))
    goods_class = django_filters.ChoiceFilter(choices=GoodsClass.choices)
    foreign = StrictBooleanFilter(field_name="is_foreign")
    q = django_filters.CharFilter(field_name="name", lookup_expr="icontains")

    class Meta:
        model = GIEntry
        fields = ["state", "goods_class", "foreign"]
