"""API of outlets and gift collections, mounted at /api/v1/outlets/.

Objects come only through `outlets.permissions` (and the bazaar's `access_listing`); every
write is one service call whose errors become 400 (with codes), 403 or 404.
"""

from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_serializer
from rest_framework import generics, serializers, status
from rest_framework.permissions import IsAuthenticated, IsAuthenticatedOrReadOnly
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from odop.accounts.models import User
from odop.api.auth import request_user
from odop.api.fields import IdField, LgdCodeField
from odop.bazaar.api.views import OrderOutput
from odop.bazaar.permissions import access_listing
from odop.core import bounds
from odop.geography.permissions import access_state
from odop.outlets import permissions, selectors, services
from odop.outlets.models import GiftCollection, GiftItem, Outlet, OutletKind, OutletStock


class OutletOutput(serializers.ModelSerializer):
    state = serializers.CharField(source="state.name", default="")
    listings_held = serializers.IntegerField(default=0)
    units_held = serializers.IntegerField(default=0, allow_null=True)

    class Meta:
        model = Outlet
        fields = [
            "id",
            "kind",
            "name",
            "city",
            "state",
            "country",
            "mission",
            "is_active",
            "listings_held",
            "units_held",
        ]


class StockOutput(serializers.ModelSerializer):
    listing = serializers.IntegerField(source="listing_id")
    title = serializers.CharField(source="listing.title")
    producer = serializers.CharField(source="listing.producer.name")
    district = serializers.CharField(source="listing.district.name")

    class Meta:
        model = OutletStock
        fields = ["listing", "title", "producer", "district", "quantity"]


class OutletListCreateApi(generics.ListAPIView):
    """Outlets (GET, filter `kind`), and a new one (POST; national admins, or State officers
    in their State). A PM Ekta Mall gets a stall for every State and UT."""

    permission_classes = [IsAuthenticatedOrReadOnly]
    serializer_class = OutletOutput

    @extend_schema_serializer(component_name="OutletCreateInput")
    class Input(serializers.Serializer):
        kind = serializers.ChoiceField(choices=OutletKind.choices)
        name = serializers.CharField(max_length=200)
        city = serializers.CharField(max_length=100)
        state = LgdCodeField(required=False, help_text="The State's LGD code.")
        country = serializers.CharField(max_length=2, default="IN")
        mission = serializers.CharField(required=False, allow_blank=True, default="")
        managers = serializers.ListField(
            child=serializers.CharField(), required=False, default=list, help_text="Usernames."
        )

    def get_queryset(self) -> QuerySet[Outlet]:
        kind = self.request.query_params.get("kind") or None
        return selectors.outlets_list(user=self.request.user, kind=kind)

    @extend_schema(request=Input, responses={201: OutletOutput})
    def post(self, request: Request) -> Response:
        actor = request_user(request)
        data = self.Input(data=request.data)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        state_code = fields.pop("state", None)
        state = access_state(actor, state_code) if state_code is not None else None
        usernames = fields.pop("managers")
        managers = list(User.objects.filter(username__in=usernames))
        if len(managers) != len(set(usernames)):
            raise serializers.ValidationError(
                {"managers": [_("Some of these usernames do not exist.")]}, code="does_not_exist"
            )
        outlet = services.outlet_create(actor=actor, state=state, managers=managers, **fields)
        return Response(OutletOutput(outlet).data, status=status.HTTP_201_CREATED)


class OutletStockApi(generics.ListAPIView):
    """What an outlet holds now: its stock page."""

    permission_classes = [IsAuthenticatedOrReadOnly]
    serializer_class = StockOutput
    queryset = OutletStock.objects.none()  # for the schema; get_queryset is the gate

    def get_queryset(self) -> QuerySet[OutletStock]:
        outlet = permissions.access_outlet(self.request.user, self.kwargs["outlet_id"])
        return selectors.outlet_stock(outlet=outlet)


class ConsignmentApi(APIView):
    """Place a listing's units with the outlet (the seller), or take them back (`return`)."""

    permission_classes = [IsAuthenticated]

    @extend_schema_serializer(component_name="ConsignmentInput")
    class Input(serializers.Serializer):
        listing = IdField()
        quantity = serializers.IntegerField(min_value=1, max_value=bounds.QUANTITY_MAX)
        action = serializers.ChoiceField(choices=["place", "return"], default="place")
        note = serializers.CharField(
            required=False, allow_blank=True, default="", max_length=bounds.NOTE_MAX
        )

    @extend_schema(request=Input, responses={201: StockOutput})
    def post(self, request: Request, outlet_id: int) -> Response:
        actor = request_user(request)
        outlet = permissions.access_outlet(actor, outlet_id)
        data = self.Input(data=request.data)
        data.is_valid(raise_exception=True)
        listing = access_listing(actor, data.validated_data["listing"])
        arguments: dict[str, Any] = {
            "actor": actor,
            "outlet": outlet,
            "listing": listing,
            "quantity": data.validated_data["quantity"],
            "note": data.validated_data["note"],
        }
        if data.validated_data["action"] == "place":
            services.consignment_place(**arguments)
        else:
            services.consignment_return(**arguments)
        row = OutletStock.objects.select_related("listing__producer", "listing__district").get(
            outlet=outlet, listing=listing
        )
        return Response(StockOutput(row).data, status=status.HTTP_201_CREATED)


class SaleReportApi(APIView):
    """The outlet's managers report units sold and the amount taken. 400
    `insufficient_outlet_stock`."""

    permission_classes = [IsAuthenticated]

    @extend_schema_serializer(component_name="SaleReportInput")
    class Input(serializers.Serializer):
        listing = IdField()
        quantity = serializers.IntegerField(min_value=1, max_value=bounds.QUANTITY_MAX)
        amount = serializers.DecimalField(max_digits=14, decimal_places=2)
        on = serializers.DateField(required=False)
        note = serializers.CharField(
            required=False, allow_blank=True, default="", max_length=bounds.NOTE_MAX
        )

    @extend_schema_serializer(component_name="SalesLine")
    class Output(serializers.Serializer):
        listing_id = serializers.IntegerField()
        title = serializers.CharField()
        units = serializers.IntegerField()
        amount = serializers.DecimalField(max_digits=16, decimal_places=2)

    @extend_schema(responses=Output(many=True))
    def get(self, request: Request, outlet_id: int) -> Response:
        outlet = permissions.access_outlet(request.user, outlet_id)
        if not permissions.can_manage_outlet(request.user, outlet):
            raise Http404
        return Response(self.Output(selectors.outlet_sales(outlet=outlet), many=True).data)

    @extend_schema(request=Input, responses={201: Output(many=True)})
    def post(self, request: Request, outlet_id: int) -> Response:
        actor = request_user(request)
        outlet = permissions.access_outlet(actor, outlet_id)
        data = self.Input(data=request.data)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        listing = access_listing(actor, fields.pop("listing"))
        services.outlet_sale_report(actor=actor, outlet=outlet, listing=listing, **fields)
        lines = selectors.outlet_sales(outlet=outlet)
        return Response(self.Output(lines, many=True).data, status=status.HTTP_201_CREATED)


# ---------------------------------------------------------------- gift collections


class GiftItemOutput(serializers.ModelSerializer):
    title = serializers.CharField(source="listing.title")
    price = serializers.DecimalField(source="listing.price", max_digits=12, decimal_places=2)

    class Meta:
        model = GiftItem
        fields = ["listing", "title", "price", "quantity", "note"]


class CollectionOutput(serializers.ModelSerializer):
    items = GiftItemOutput(many=True, read_only=True)
    owner = serializers.CharField(source="owner.username")

    class Meta:
        model = GiftCollection
        fields = ["id", "title", "occasion", "description", "owner", "is_published", "items"]


class CollectionListCreateApi(generics.ListAPIView):
    """Gift collections (published ones and your own), and a new draft (Mission officers and
    officers)."""

    permission_classes = [IsAuthenticatedOrReadOnly]
    serializer_class = CollectionOutput

    @extend_schema_serializer(component_name="CollectionCreateInput")
    class Input(serializers.Serializer):
        title = serializers.CharField(max_length=200)
        occasion = serializers.CharField(required=False, allow_blank=True, default="")
        description = serializers.CharField(
            required=False, allow_blank=True, default="", max_length=bounds.MESSAGE_MAX
        )

    def get_queryset(self) -> QuerySet[GiftCollection]:
        return selectors.collections_list(user=self.request.user).prefetch_related("items__listing")

    @extend_schema(request=Input, responses={201: CollectionOutput})
    def post(self, request: Request) -> Response:
        data = self.Input(data=request.data)
        data.is_valid(raise_exception=True)
        collection = services.collection_create(actor=request_user(request), **data.validated_data)
        return Response(CollectionOutput(collection).data, status=status.HTTP_201_CREATED)


class CollectionItemApi(APIView):
    """Add a published listing to your collection."""

    permission_classes = [IsAuthenticated]

    @extend_schema_serializer(component_name="CollectionItemInput")
    class Input(serializers.Serializer):
        listing = IdField()
        quantity = serializers.IntegerField(min_value=1, default=1, max_value=bounds.QUANTITY_MAX)
        note = serializers.CharField(
            required=False, allow_blank=True, default="", max_length=bounds.NOTE_MAX
        )

    @extend_schema(request=Input, responses={201: CollectionOutput})
    def post(self, request: Request, collection_id: int) -> Response:
        actor = request_user(request)
        collection = permissions.access_collection(actor, collection_id)
        data = self.Input(data=request.data)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        listing = access_listing(actor, fields.pop("listing"))
        services.collection_item_add(actor=actor, collection=collection, listing=listing, **fields)
        return Response(CollectionOutput(collection).data, status=status.HTTP_201_CREATED)


class CollectionPublishApi(APIView):
    """Publish (or, with `published: false`, hide) your collection."""

    permission_classes = [IsAuthenticated]

    @extend_schema_serializer(component_name="CollectionPublishInput")
    class Input(serializers.Serializer):
        published = serializers.BooleanField(default=True)

    @extend_schema(request=Input, responses=CollectionOutput)
    def post(self, request: Request, collection_id: int) -> Response:
        actor = request_user(request)
        collection = permissions.access_collection(actor, collection_id)
        data = self.Input(data=request.data)
        data.is_valid(raise_exception=True)
        collection = services.collection_publish(
            actor=actor, collection=collection, **data.validated_data
        )
        return Response(CollectionOutput(collection).data)


class CollectionOrderApi(APIView):
    """Order `sets` of a whole collection: one order per product, all or none (201)."""

    permission_classes = [IsAuthenticated]

    @extend_schema_serializer(component_name="CollectionOrderInput")
    class Input(serializers.Serializer):
        sets = serializers.IntegerField(min_value=1, default=1, max_value=bounds.QUANTITY_MAX)

    @extend_schema(request=Input, responses={201: OrderOutput(many=True)})
    def post(self, request: Request, collection_id: int) -> Response:
        buyer = request_user(request)
        collection = permissions.access_collection(buyer, collection_id)
        data = self.Input(data=request.data)
        data.is_valid(raise_exception=True)
        orders = services.collection_order(
            buyer=buyer, collection=collection, **data.validated_data
        )
        return Response(OrderOutput(orders, many=True).data, status=status.HTTP_201_CREATED)
