"""API of markets: a product type's HS codes, officers' decisions on them, and coverage."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_serializer
from rest_framework import serializers
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from odop.markets.models import ProductHSCode
from odop.markets.permissions import can_decide_hs_code
from odop.markets.selectors import hs2022_to_hs1992_table, hs_coverage, product_hs_code_list
from odop.markets.services import hs_code_confirm, hs_code_reject
from odop.registry.models import ProductType
from odop.registry.permissions import access_product_type


class HSLinkOutput(serializers.ModelSerializer):
    code = serializers.CharField(source="hs_code.code")
    description = serializers.CharField(source="hs_code.description")
    matched_terms = serializers.SerializerMethodField()
    confirmed_by: serializers.SlugRelatedField = serializers.SlugRelatedField(
        slug_field="username", read_only=True
    )

    class Meta:
        model = ProductHSCode
        fields = [
            "code",
            "description",
            "status",
            "score",
            "rank",
            "matched_terms",
            "confirmed_by",
            "confirmed_at",
        ]

    def get_matched_terms(self, link: ProductHSCode) -> list[str]:
        return link.matched_terms.split()


class ProductHSCodesOutput(serializers.Serializer):
    product_type = serializers.CharField()
    name = serializers.CharField()
    confirmed = HSLinkOutput(allow_null=True)
    hs92 = serializers.ListField(child=serializers.CharField())
    codes = HSLinkOutput(many=True)
    can_decide = serializers.BooleanField()


def _product_hs_codes(request: Request, product_type: ProductType) -> dict[str, object]:
    links = list(product_hs_code_list(user=request.user, product_type=product_type))
    confirmed = next((link for link in links if link.status == "confirmed"), None)
    return ProductHSCodesOutput(
        {
            "product_type": product_type.slug,
            "name": product_type.name,
            "confirmed": confirmed,
            "hs92": list(hs2022_to_hs1992_table().get(confirmed.hs_code.code, ()))
            if confirmed
            else [],
            "codes": links,
            "can_decide": can_decide_hs_code(request.user, product_type),
        }
    ).data


class ProductHSCodeListApi(APIView):
    """A product type's HS 2022 codes: the confirmed one (with its HS 1992 codes), the
    suggestions with scores and matched words, and rejected codes."""

    @extend_schema(responses=ProductHSCodesOutput)
    def get(self, request: Request, slug: str) -> Response:
        product_type = access_product_type(request.user, slug)
        return Response(_product_hs_codes(request, product_type))


class _DecisionInput(serializers.Serializer):
    code = serializers.CharField(max_length=12)


class ProductHSCodeConfirmApi(APIView):
    """An officer confirms the type's HS 2022 subheading (a suggestion or a correction)."""

    permission_classes = [IsAuthenticated]
    Input = _DecisionInput

    @extend_schema(request=_DecisionInput, responses=ProductHSCodesOutput)
    def post(self, request: Request, slug: str) -> Response:
        product_type = access_product_type(request.user, slug)
        data = self.Input(data=request.data)
        data.is_valid(raise_exception=True)
        hs_code_confirm(
            actor=request.user,  # type: ignore[arg-type]  # IsAuthenticated: a User
            product_type=product_type,
            hs_code=data.validated_data["code"],
        )
        return Response(_product_hs_codes(request, product_type))


class ProductHSCodeRejectApi(APIView):
    """An officer rejects a code for the type; it will not be suggested again."""

    permission_classes = [IsAuthenticated]
    Input = _DecisionInput

    @extend_schema(request=_DecisionInput, responses=ProductHSCodesOutput)
    def post(self, request: Request, slug: str) -> Response:
        product_type = access_product_type(request.user, slug)
        data = self.Input(data=request.data)
        data.is_valid(raise_exception=True)
        hs_code_reject(
            actor=request.user,  # type: ignore[arg-type]  # IsAuthenticated: a User
            product_type=product_type,
            hs_code=data.validated_data["code"],
        )
        return Response(_product_hs_codes(request, product_type))


class SectorCoverageOutput(serializers.Serializer):
    sector = serializers.CharField(allow_blank=True)
    product_types = serializers.IntegerField()
    confirmed = serializers.IntegerField()
    share = serializers.FloatField()


class HSCoverageOutput(serializers.Serializer):
    product_types = serializers.IntegerField()
    confirmed = serializers.IntegerField()
    share = serializers.FloatField()
    by_sector = SectorCoverageOutput(many=True)


class HSCoverageApi(APIView):
    """How many product types have a confirmed HS code, overall and by sector (public)."""

    @extend_schema(responses=HSCoverageOutput)
    def get(self, request: Request) -> Response:
        return Response(HSCoverageOutput(hs_coverage()).data)


class ExportMarketOutput(serializers.Serializer):
    market = serializers.CharField(help_text="ISO3 code")
    potential = serializers.FloatField(help_text="US$ million")
    actual = serializers.FloatField(help_text="India's exports in the base year, US$ million")
    untapped = serializers.FloatField(help_text="potential − actual, at least 0")
    supply = serializers.FloatField()
    demand = serializers.FloatField()
    ease = serializers.FloatField()
    distance_factor = serializers.FloatField()
    reasons = serializers.ListField(child=serializers.CharField())


BACI_YEAR_COMMAND = "odop baci_year PATH"


class ExportPotentialApi(APIView):
    """Markets ranked by export potential for an HS chapter, from India's own trade data, or
    for an HS 2022 six-digit code, from the BACI year an operator loaded.

    Chapter level (`chapter=52`) or product level (`hs6=520100`, converted to the loaded
    year's HS revision with UNSD's table), with the components and the reasons for each
    market; the method, its sources and its limits are in docs/methods.md. `hs6` without a
    loaded year answers 400 `baci_year_missing`; an HS 2022 code that does not exist answers
    400 `unknown_hs_code`.
    """

    @extend_schema_serializer(component_name="ExportPotentialQuery")
    class Input(serializers.Serializer):
        chapter = serializers.RegexField(
            r"^\d{2}$", required=False, help_text="HS chapter, e.g. 52"
        )
        hs6 = serializers.RegexField(
            r"^\d{6}$",
            required=False,
            help_text="HS 2022 subheading, e.g. 520100 (needs a loaded BACI year)",
        )
        year = serializers.IntegerField(required=False, min_value=2000, max_value=2100)
        rank_by = serializers.ChoiceField(choices=["potential", "untapped"], default="potential")
        top = serializers.IntegerField(required=False, default=10, min_value=1, max_value=50)

        def validate(self, attrs: dict) -> dict:
            if ("chapter" in attrs) == ("hs6" in attrs):
                raise serializers.ValidationError(
                    _("Give either chapter or hs6."), code="chapter_or_hs6"
                )
            return attrs

    @extend_schema_serializer(component_name="ExportPotential")
    class Output(serializers.Serializer):
        chapter = serializers.CharField()
        year = serializers.IntegerField()
        rank_by = serializers.CharField()
        method = serializers.CharField()
        markets = ExportMarketOutput(many=True)
        hs6 = serializers.CharField(required=False, help_text="the HS 2022 code asked for")
        hs_revision = serializers.CharField(required=False, help_text="the BACI year's, e.g. HS17")
        hs6_counterpart = serializers.CharField(
            required=False, help_text="the code used in the BACI year's revision"
        )
        exporter = serializers.CharField(required=False, help_text="ISO3")
        rca = serializers.FloatField(required=False, help_text="the exporter's RCA in the code")

    @extend_schema(parameters=[Input], responses=Output)
    def get(self, request: Request) -> Response:
        from odop.markets.potential import PotentialInputError
        from odop.markets.selectors import export_markets_rank

        data = self.Input(data=request.query_params)
        data.is_valid(raise_exception=True)
        query = data.validated_data
        if "hs6" in query:
            return Response(self.Output(_hs6_potential(query)).data)
        try:
            year, ranked = export_markets_rank(
                chapter=query["chapter"],
                year=query.get("year"),
                rank_by=query["rank_by"],
                top=query["top"],
            )
        except PotentialInputError as error:
            raise DjangoValidationError(str(error), code="no_exports") from error
        return Response(
            self.Output(
                {
                    "chapter": query["chapter"],
                    "year": year,
                    "rank_by": query["rank_by"],
                    "method": "ITC export potential, HS chapter level (docs/methods.md)",
                    "markets": ranked,
                }
            ).data
        )


# Why a code has no markets in the loaded year, as an API error code.
_HS6_ERRORS = {
    "no_concordance": "no_concordance",
    "no_counterpart": "no_counterpart",
    "not_traded": "no_exports",
    "not_exported": "no_exports",
    "rca_below_floor": "rca_below_floor",
}


def _hs6_potential(query: dict) -> dict[str, object]:
    """The `hs6=` answer, or a DjangoValidationError with a code the client can test."""
    from odop.markets.selectors import baci_year_current, hs6_markets_for

    code = query["hs6"]
    if code not in hs2022_to_hs1992_table():
        raise DjangoValidationError(
            _("%(code)s is not an HS 2022 subheading."),
            code="unknown_hs_code",
            params={"code": code},
        )
    year = baci_year_current()
    if year is None or query.get("year") not in (None, year.base.year):
        raise DjangoValidationError(
            _(
                "No BACI year%(year)s is loaded: an operator loads one with "
                "`%(command)s` (a CEPII BACI file)."
            ),
            code="baci_year_missing",
            params={
                "year": f" {query['year']}" if query.get("year") else "",
                "command": BACI_YEAR_COMMAND,
            },
        )
    found = hs6_markets_for(hs2022=code, year=year, top=query["top"], rank_by=query["rank_by"])
    if found.status != "ranked":
        raise DjangoValidationError(
            _("HS 2022 %(code)s has no markets in BACI %(year)s (%(revision)s): %(why)s."),
            code=_HS6_ERRORS[found.status],
            params={
                "code": code,
                "year": found.year,
                "revision": found.revision,
                "why": found.status.replace("_", " "),
            },
        )
    return {
        "chapter": code[:2],
        "year": found.year,
        "rank_by": query["rank_by"],
        "method": "ITC export potential, HS6 from a CEPII BACI year (docs/methods.md)",
        "markets": found.markets,
        "hs6": code,
        "hs_revision": found.revision,
        "hs6_counterpart": found.code,
        "exporter": found.exporter,
        "rca": found.supply.rca if found.supply else None,
    }
