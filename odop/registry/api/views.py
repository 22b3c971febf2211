"""Open-data API of the registry: district products, product types, GI entries, CSV export,
and the officers' correction of a product."""

from django.http import HttpRequest, StreamingHttpResponse
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from odop.api.serializers import PlaceRef
from odop.core import bounds
from odop.core.spreadsheets import SafeCsvWriter
from odop.registry.filters import DistrictProductFilter, GIEntryFilter
from odop.registry.models import Category, DistrictProduct, GIEntry, Sector
from odop.registry.permissions import (
    access_district_product,
    district_products_visible_to,
    gi_entries_visible_to,
)
from odop.registry.services import district_product_update

# The further GIs of products listed many at a time (`DistrictProduct.gi_entries`).
GI_LINKS_PREFETCH = "more_gi_links__gi_entry"


class DistrictRef(serializers.Serializer):
    lgd_code = serializers.IntegerField()
    name = serializers.CharField()
    provisional = serializers.BooleanField(source="is_provisional")


class GIRef(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class DistrictProductOutput(serializers.ModelSerializer):
    state = PlaceRef(source="district.state", read_only=True)
    district = DistrictRef(read_only=True)
    product_type: serializers.SlugRelatedField = serializers.SlugRelatedField(
        slug_field="slug", read_only=True
    )
    ministry: serializers.SlugRelatedField = serializers.SlugRelatedField(
        slug_field="name", read_only=True
    )
    gi_entry = GIRef(read_only=True, allow_null=True)
    # Every GI the product links to, `gi_entry` first: a listed name may name several
    # registered GIs ("Lucknow Chikan Craft & Lucknow Zardozi"; issue 13).
    gi_entries = GIRef(many=True, read_only=True)

    class Meta:
        model = DistrictProduct
        fields = [
            "id",
            "name",
            "product_type",
            "state",
            "district",
            "category",
            "sector",
            "is_gi",
            "gi_entry",
            "gi_entries",
            "ministry",
            "description",
            "source_row",
        ]


class DistrictProductListApi(generics.ListAPIView):
    """District products of the national list: one entry per district and product."""

    serializer_class = DistrictProductOutput
    filterset_class = DistrictProductFilter

    def get_queryset(self):  # type: ignore[no-untyped-def]
        return (
            district_products_visible_to(self.request.user)
            .prefetch_related(GI_LINKS_PREFETCH)
            .order_by("pk")
        )


class DistrictProductDetailApi(APIView):
    """One district product; officers whose scope covers it may correct it (PATCH)."""

    class Input(serializers.Serializer):
        description = serializers.CharField(
            required=False, allow_blank=True, max_length=bounds.STORY_MAX
        )
        sector = serializers.ChoiceField(choices=Sector.choices, required=False)
        category = serializers.ChoiceField(choices=Category.choices, required=False)

    def get_permissions(self):  # type: ignore[no-untyped-def]
        return [IsAuthenticated()] if self.request.method == "PATCH" else []

    @extend_schema(responses=DistrictProductOutput)
    def get(self, request: Request, pk: int) -> Response:
        product = access_district_product(request.user, pk)
        return Response(DistrictProductOutput(product).data)

    @extend_schema(request=Input, responses=DistrictProductOutput)
    def patch(self, request: Request, pk: int) -> Response:
        product = access_district_product(request.user, pk)
        data = self.Input(data=request.data)
        data.is_valid(raise_exception=True)
        product = district_product_update(
            actor=request.user,  # type: ignore[arg-type]  # IsAuthenticated: a User
            product=product,
            **data.validated_data,
        )
        return Response(
            DistrictProductOutput(access_district_product(request.user, product.pk)).data
        )


class GIEntryOutput(serializers.ModelSerializer):
    states: serializers.SlugRelatedField = serializers.SlugRelatedField(
        slug_field="lgd_code", many=True, read_only=True
    )

    class Meta:
        model = GIEntry
        fields = [
            "id",
            "serial",
            "name",
            "goods_class",
            "goods_source",
            "states",
            "state_names_source",
            "is_foreign",
        ]


class GIEntryListApi(generics.ListAPIView):
    """IP India's registered Geographical Indications."""

    serializer_class = GIEntryOutput
    filterset_class = GIEntryFilter

    def get_queryset(self):  # type: ignore[no-untyped-def]
        return gi_entries_visible_to(self.request.user).order_by("serial", "name").distinct()


class GIEntryDetailApi(generics.RetrieveAPIView):
    serializer_class = GIEntryOutput

    def get_queryset(self):  # type: ignore[no-untyped-def]
        return gi_entries_visible_to(self.request.user)


class _Echo:
    def write(self, value: str) -> str:
        return value


CSV_COLUMNS = [
    "id",
    "state_lgd_code",
    "state",
    "district_lgd_code",
    "district",
    "district_provisional",
    "product",
    "product_type",
    "category",
    "sector",
    "gi",
    "gi_registry_name",
    "ministry",
    "description",
]


@extend_schema(
    parameters=[OpenApiParameter(name, str) for name in DistrictProductFilter.base_filters],
    responses={(200, "text/csv"): str},
)
class DistrictProductCsvApi(APIView):
    """All district products (filters as on the list) as a CSV download."""

    def get(self, request: HttpRequest) -> StreamingHttpResponse:
        products = DistrictProductFilter(
            request.GET,
            queryset=district_products_visible_to(request.user)
            .prefetch_related(GI_LINKS_PREFETCH)
            .order_by("pk"),
        ).qs
        # Descriptions and names are typed by officers: no cell may reach a spreadsheet as a
        # formula (issue 10, CSV injection).
        writer = SafeCsvWriter(_Echo(), lineterminator="\n")

        def rows():  # type: ignore[no-untyped-def]
            yield writer.writerow(CSV_COLUMNS)
            for product in products.iterator(chunk_size=500):
                yield writer.writerow(
                    [
                        product.pk,
                        product.district.state.lgd_code,
                        product.district.state.name,
                        product.district.lgd_code,
                        product.district.name,
                        product.district.is_provisional,
                        product.name,
                        product.product_type.name,
                        product.category,
                        product.sector,
                        product.is_gi,
                        "; ".join(entry.name for entry in product.gi_entries),
                        product.ministry.name if product.ministry else "",
                        product.description,
                    ]
                )

        response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="odop-district-products.csv"'
        return response
