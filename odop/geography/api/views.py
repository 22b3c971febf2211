"""Open-data API of the place registry: States, districts (also as GeoJSON), spellings."""

from django.db.models import Count, Q
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers, status
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from odop.api.renderers import GeoJsonRenderer
from odop.api.serializers import PlaceRef
from odop.geography.models import District, State
from odop.geography.permissions import access_district, districts_visible_to, states_visible_to
from odop.geography.services import district_alias_add


class StateOutput(serializers.ModelSerializer):
    districts = serializers.IntegerField(source="district_total", read_only=True)
    districts_covered = serializers.IntegerField(source="district_covered", read_only=True)
    products = serializers.IntegerField(source="product_total", read_only=True)

    class Meta:
        model = State
        fields = [
            "lgd_code",
            "name",
            "name_lgd",
            "kind",
            "census_2011_code",
            "districts",
            "districts_covered",
            "products",
        ]


def _states_with_counts(user):  # type: ignore[no-untyped-def]
    return (
        states_visible_to(user)
        .annotate(
            district_total=Count("districts", distinct=True),
            district_covered=Count(
                "districts", filter=Q(districts__products__isnull=False), distinct=True
            ),
            product_total=Count("districts__products", distinct=True),
        )
        .order_by("name")
    )


class StateListApi(generics.ListAPIView):
    """States and UTs with district coverage of the national list."""

    serializer_class = StateOutput
    pagination_class = None

    def get_queryset(self):  # type: ignore[no-untyped-def]
        return _states_with_counts(self.request.user)


class StateDetailApi(generics.RetrieveAPIView):
    serializer_class = StateOutput
    lookup_field = "lgd_code"

    def get_queryset(self):  # type: ignore[no-untyped-def]
        return _states_with_counts(self.request.user)


class DistrictOutput(serializers.ModelSerializer):
    state = PlaceRef(read_only=True)
    products = serializers.IntegerField(source="product_count", read_only=True)
    aliases: serializers.SlugRelatedField = serializers.SlugRelatedField(
        slug_field="name", many=True, read_only=True
    )

    class Meta:
        model = District
        fields = [
            "lgd_code",
            "name",
            "name_lgd",
            "state",
            "census_2011_code",
            "is_provisional",
            "hq_name",
            "hq_longitude",
            "hq_latitude",
            "products",
            "aliases",
        ]


def _districts_with_counts(user):  # type: ignore[no-untyped-def]
    return (
        districts_visible_to(user)
        .annotate(product_count=Count("products"))
        .prefetch_related("aliases")
        .order_by("state__name", "name")
    )


class DistrictListApi(generics.ListAPIView):
    """Districts (LGD and provisional) with their product counts. Filter: `state` (LGD code)."""

    serializer_class = DistrictOutput

    def get_queryset(self):  # type: ignore[no-untyped-def]
        districts = _districts_with_counts(self.request.user)
        state = self.request.query_params.get("state")
        if state and state.isdigit():
            districts = districts.filter(state__lgd_code=int(state))
        provisional = self.request.query_params.get("provisional")
        if provisional in {"true", "false"}:
            districts = districts.filter(is_provisional=provisional == "true")
        return districts


class DistrictDetailApi(generics.RetrieveAPIView):
    serializer_class = DistrictOutput
    lookup_field = "lgd_code"

    def get_queryset(self):  # type: ignore[no-untyped-def]
        return _districts_with_counts(self.request.user)


class DistrictGeoJsonApi(APIView):
    """Districts as a GeoJSON FeatureCollection of headquarters points with product counts.

    Districts without a known headquarters point keep a null geometry (never dropped).
    """

    pagination_class = None
    renderer_classes = [GeoJsonRenderer]

    @extend_schema(responses={(200, "application/geo+json"): dict})
    def get(self, request: Request) -> Response:
        features = []
        for district in _districts_with_counts(request.user):
            geometry = None
            if district.hq_longitude is not None and district.hq_latitude is not None:
                geometry = {
                    "type": "Point",
                    "coordinates": [district.hq_longitude, district.hq_latitude],
                }
            features.append(
                {
                    "type": "Feature",
                    "geometry": geometry,
                    "properties": {
                        "lgd_code": district.lgd_code,
                        "name": district.name,
                        "state_lgd_code": district.state.lgd_code,
                        "state": district.state.name,
                        "provisional": district.is_provisional,
                        "hq_name": district.hq_name,
                        "products": district.product_count,
                    },
                }
            )
        return Response({"type": "FeatureCollection", "features": features})


class DistrictAliasCreateApi(APIView):
    """An officer records another spelling of a district (for the resolver)."""

    permission_classes = [IsAuthenticated]

    class Input(serializers.Serializer):
        spelling = serializers.CharField(max_length=160)

    class Output(serializers.Serializer):
        district = serializers.IntegerField(source="district.lgd_code")
        spelling = serializers.CharField(source="name")
        source = serializers.CharField()  # type: ignore[assignment]  # a field named "source"

    @extend_schema(request=Input, responses={201: Output})
    def post(self, request: Request, lgd_code: int) -> Response:
        district = access_district(request.user, lgd_code)
        data = self.Input(data=request.data)
        data.is_valid(raise_exception=True)
        alias = district_alias_add(
            actor=request.user,  # type: ignore[arg-type]  # IsAuthenticated: a User
            district=district,
            spelling=data.validated_data["spelling"],
        )
        return Response(self.Output(alias).data, status=status.HTTP_201_CREATED)
