"""API of the ODOP Bazaar, mounted at /api/v1/bazaar/.

Objects are fetched only through the gates in `bazaar.permissions` (`access_listing`,
`access_producer`, `access_inquiry`, `access_order`); every write is one service call, whose
errors become 400 (with their `code`, e.g. `insufficient_stock`), 403 or 404 in
`odop.api.exceptions`. Clients authenticate with a token from `POST /api/v1/auth/token/`.
"""

from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_serializer
from rest_framework import generics, serializers, status
from rest_framework.parsers import MultiPartParser
from rest_framework.permissions import IsAuthenticated, IsAuthenticatedOrReadOnly
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from odop.api.auth import request_user
from odop.api.fields import IdField, LgdCodeField
from odop.api.serializers import PlaceRef
from odop.bazaar import permissions, selectors, services
from odop.bazaar.models import (
    Inquiry,
    Listing,
    ListingStatus,
    Order,
    OrderEvent,
    OrderStatus,
    Quote,
    Unit,
)
from odop.core import bounds
from odop.geography.permissions import access_district
from odop.producers.models import Certification, ContactReveal, Producer, ProducerKind
from odop.registry.models import DistrictProduct, Sector

# ---------------------------------------------------------------- outputs


class CertificationOutput(serializers.ModelSerializer):
    class Meta:
        model = Certification
        fields = ["kind", "number", "valid_from", "valid_until"]


class ProducerOutput(serializers.ModelSerializer):
    """A producer's public profile: no phone, email, address or identifiers beyond a
    verified flag (contact details are revealed one at a time, and logged)."""

    district = PlaceRef()
    state = PlaceRef(source="district.state")
    certifications = serializers.SerializerMethodField()

    class Meta:
        model = Producer
        fields = ["id", "name", "kind", "district", "state", "status", "certifications"]

    def get_certifications(self, producer: Producer) -> list[dict[str, Any]]:
        valid = selectors.certifications_valid(producer=producer)
        return list(CertificationOutput(valid, many=True).data)


class ListingOutput(serializers.ModelSerializer):
    producer = serializers.SerializerMethodField()
    district = PlaceRef()
    state = PlaceRef()
    product = serializers.IntegerField(source="product_id")
    gi_authorised = serializers.BooleanField(default=False)

    class Meta:
        model = Listing
        fields = [
            "id",
            "title",
            "story",
            "price",
            "unit",
            "minimum_order",
            "monthly_capacity",
            "lead_time_days",
            "stock",
            "hs_code",
            "gtin",
            "country_of_origin",
            "export_ready",
            "status",
            "producer",
            "product",
            "district",
            "state",
            "sector",
            "is_gi",
            "gi_authorised",
            "published_at",
        ]

    @extend_schema_serializer(component_name="BazaarProducerRef")
    class ProducerRef(serializers.Serializer):
        id = serializers.IntegerField()
        name = serializers.CharField()
        verified = serializers.BooleanField()

    def get_producer(self, listing: Listing) -> dict[str, Any]:
        producer = listing.producer
        return {"id": producer.pk, "name": producer.name, "verified": producer.is_verified}


class QuoteOutput(serializers.ModelSerializer):
    class Meta:
        model = Quote
        fields = [
            "id",
            "unit_price",
            "quantity",
            "valid_until",
            "note",
            "made_to_order",
            "lead_time_days",
            "status",
            "created_at",
        ]


class InquiryOutput(serializers.ModelSerializer):
    quotes = QuoteOutput(many=True, read_only=True)
    buyer = serializers.CharField(source="buyer.username")

    class Meta:
        model = Inquiry
        fields = ["id", "listing", "buyer", "quantity", "message", "status", "created_at", "quotes"]


class OrderEventOutput(serializers.ModelSerializer):
    actor = serializers.CharField(source="actor.username")

    class Meta:
        model = OrderEvent
        fields = ["kind", "actor", "at", "note"]


class OrderOutput(serializers.ModelSerializer):
    events = OrderEventOutput(many=True, read_only=True)
    ready_by = serializers.DateField(read_only=True, allow_null=True)
    buyer = serializers.CharField(source="buyer.username")

    class Meta:
        model = Order
        fields = [
            "id",
            "listing",
            "buyer",
            "quote",
            "quantity",
            "unit_price",
            "total",
            "status",
            "payment_status",
            "created_at",
            "received_at",
            "paid_at",
            "made_to_order",
            "lead_time_days",
            "ready_by",
            "events",
        ]


def _listing_output(request: Request, listing_id: int) -> dict[str, Any]:
    listing = selectors.gi_authorised_annotate(
        permissions.listings_visible_to(request.user).filter(pk=listing_id)
    ).first()
    if listing is None:
        raise Http404
    return dict(ListingOutput(listing).data)


# ---------------------------------------------------------------- listings


class ListingListCreateApi(generics.ListAPIView):
    """Storefront search (GET; full text in `q`, facets, `mine=1` for a seller's own listings
    in any status) and a new draft listing (POST, 201; the producer or their officer)."""

    permission_classes = [IsAuthenticatedOrReadOnly]
    serializer_class = ListingOutput

    @extend_schema_serializer(component_name="BazaarListingQuery")
    class Query(serializers.Serializer):
        q = serializers.CharField(required=False, allow_blank=True, default="")
        state = LgdCodeField(required=False, help_text="The State's LGD code.")
        district = LgdCodeField(required=False, help_text="The district's LGD code.")
        sector = serializers.ChoiceField(choices=Sector.choices, required=False)
        gi = serializers.BooleanField(required=False, default=False)
        export_ready = serializers.BooleanField(required=False, default=False)
        price_min = serializers.DecimalField(
            max_digits=12, decimal_places=2, required=False, min_value=0, max_value=bounds.PRICE_MAX
        )
        price_max = serializers.DecimalField(
            max_digits=12, decimal_places=2, required=False, min_value=0, max_value=bounds.PRICE_MAX
        )
        producer = IdField(required=False)
        mine = serializers.BooleanField(required=False, default=False)

    @extend_schema_serializer(component_name="BazaarListingCreateInput")
    class Input(serializers.Serializer):
        producer = serializers.IntegerField(
            required=False, help_text="Needed only when an officer lists for a producer."
        )
        product = IdField(help_text="The district product (registry) id.")
        title = serializers.CharField(max_length=200)
        story = serializers.CharField(
            required=False, allow_blank=True, default="", max_length=bounds.STORY_MAX
        )
        price = serializers.DecimalField(
            max_digits=12, decimal_places=2, min_value=bounds.PRICE_MIN, max_value=bounds.PRICE_MAX
        )
        unit = serializers.ChoiceField(choices=Unit.choices, default=Unit.PIECE)
        minimum_order = serializers.IntegerField(
            min_value=1, default=1, max_value=bounds.QUANTITY_MAX
        )
        monthly_capacity = serializers.IntegerField(
            min_value=0, required=False, allow_null=True, max_value=bounds.STOCK_MAX
        )
        lead_time_days = serializers.IntegerField(
            min_value=0, default=7, max_value=bounds.LEAD_TIME_DAYS_MAX
        )
        stock = serializers.IntegerField(min_value=0, default=0, max_value=bounds.STOCK_MAX)
        hs_code = serializers.CharField(required=False, allow_blank=True, default="")
        gtin = serializers.CharField(required=False, allow_blank=True, default="")
        export_ready = serializers.BooleanField(default=False)

    def get_queryset(self) -> QuerySet[Listing]:
        query = self.Query(data=self.request.query_params)
        query.is_valid(raise_exception=True)
        data = query.validated_data
        filters = selectors.ListingFilters(
            text=data["q"],
            state=data.get("state"),
            district=data.get("district"),
            sector=data.get("sector", ""),
            gi_only=data["gi"],
            export_ready=data["export_ready"],
            price_min=data.get("price_min"),
            price_max=data.get("price_max"),
            producer=data.get("producer"),
        )
        listings = selectors.listings_find(
            user=self.request.user, filters=filters, mine=data["mine"]
        )
        return listings  # the GI badge is added to the page's rows (`paginate_queryset`)

    def paginate_queryset(  # type: ignore[override]
        self, queryset: QuerySet[Listing]
    ) -> list[Listing] | None:
        """Rank and cut the page on narrow rows, then load its 50 listings with the GI badge
        (`selectors.RankedListings`): much cheaper than sorting every joined match."""
        ranked = selectors.RankedListings(queryset, load=selectors.gi_authorised_annotate)
        # A Paginator input (count() and slices), not a QuerySet or a Sequence.
        return super().paginate_queryset(ranked)  # type: ignore[arg-type]

    @extend_schema(parameters=[Query], responses=ListingOutput(many=True))
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return self.list(request, *args, **kwargs)

    @extend_schema(request=Input, responses={201: ListingOutput})
    def post(self, request: Request) -> Response:
        actor = request_user(request)
        data = self.Input(data=request.data)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        producer_id = fields.pop("producer", None)
        if producer_id is None:
            producer = permissions.producer_of(actor)
            if producer is None:
                raise serializers.ValidationError(
                    {"producer": [_("Name the producer this listing is for.")]},
                    code="required",
                )
        else:
            producer = permissions.access_producer(actor, producer_id)
        product = DistrictProduct.objects.filter(pk=fields.pop("product")).first()
        if product is None:
            raise serializers.ValidationError(
                {"product": [_("No district product has this id.")]}, code="does_not_exist"
            )
        listing = services.listing_create(actor=actor, producer=producer, product=product, **fields)
        return Response(_listing_output(request, listing.pk), status=status.HTTP_201_CREATED)


class ListingDetailApi(APIView):
    """One listing (GET), or its facts and stock changed by its seller (PATCH)."""

    permission_classes = [IsAuthenticatedOrReadOnly]

    @extend_schema_serializer(component_name="BazaarListingUpdateInput")
    class Input(serializers.Serializer):
        title = serializers.CharField(max_length=200, required=False)
        story = serializers.CharField(required=False, allow_blank=True, max_length=bounds.STORY_MAX)
        price = serializers.DecimalField(
            max_digits=12,
            decimal_places=2,
            required=False,
            min_value=bounds.PRICE_MIN,
            max_value=bounds.PRICE_MAX,
        )
        unit = serializers.ChoiceField(choices=Unit.choices, required=False)
        minimum_order = serializers.IntegerField(
            min_value=1, required=False, max_value=bounds.QUANTITY_MAX
        )
        monthly_capacity = serializers.IntegerField(
            min_value=0, required=False, allow_null=True, max_value=bounds.STOCK_MAX
        )
        lead_time_days = serializers.IntegerField(
            min_value=0, required=False, max_value=bounds.LEAD_TIME_DAYS_MAX
        )
        stock = serializers.IntegerField(min_value=0, required=False, max_value=bounds.STOCK_MAX)
        hs_code = serializers.CharField(required=False, allow_blank=True)
        gtin = serializers.CharField(required=False, allow_blank=True)
        export_ready = serializers.BooleanField(required=False)

    @extend_schema(responses=ListingOutput)
    def get(self, request: Request, listing_id: int) -> Response:
        return Response(_listing_output(request, listing_id))

    @extend_schema(request=Input, responses=ListingOutput)
    def patch(self, request: Request, listing_id: int) -> Response:
        actor = request_user(request)
        listing = permissions.access_listing(actor, listing_id)
        data = self.Input(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        stock = fields.pop("stock", None)
        if fields:
            listing = services.listing_update(actor=actor, listing=listing, **fields)
        if stock is not None:
            services.listing_stock_set(actor=actor, listing=listing, stock=stock)
        return Response(_listing_output(request, listing_id))


class ListingTransitionApi(APIView):
    """Publish, pause or return a listing to draft. 400 `invalid_transition`."""

    permission_classes = [IsAuthenticated]

    @extend_schema_serializer(component_name="BazaarListingTransitionInput")
    class Input(serializers.Serializer):
        to_status = serializers.ChoiceField(choices=ListingStatus.choices)
        note = serializers.CharField(
            required=False, allow_blank=True, default="", max_length=bounds.NOTE_MAX
        )

    @extend_schema(request=Input, responses=ListingOutput)
    def post(self, request: Request, listing_id: int) -> Response:
        actor = request_user(request)
        listing = permissions.access_listing(actor, listing_id)
        data = self.Input(data=request.data)
        data.is_valid(raise_exception=True)
        services.listing_transition(actor=actor, listing=listing, **data.validated_data)
        return Response(_listing_output(request, listing_id))


class ListingPhotoApi(APIView):
    """Add a photo (multipart `photo`). 400 `photo_type`, `photo_too_large`, `photo_broken`."""

    permission_classes = [IsAuthenticated]
    parser_classes = [MultiPartParser]

    @extend_schema_serializer(component_name="BazaarPhotoInput")
    class Input(serializers.Serializer):
        photo = serializers.FileField()
        caption = serializers.CharField(required=False, allow_blank=True, default="")

    @extend_schema_serializer(component_name="BazaarPhotoOutput")
    class Output(serializers.Serializer):
        id = serializers.IntegerField()
        image = serializers.CharField()
        thumbnail = serializers.CharField()
        width = serializers.IntegerField()
        height = serializers.IntegerField()

    @extend_schema(request=Input, responses={201: Output})
    def post(self, request: Request, listing_id: int) -> Response:
        actor = request_user(request)
        listing = permissions.access_listing(actor, listing_id)
        data = self.Input(data=request.data)
        data.is_valid(raise_exception=True)
        photo = services.listing_photo_add(
            actor=actor,
            listing=listing,
            upload=data.validated_data["photo"],
            caption=data.validated_data["caption"],
        )
        output = {
            "id": photo.pk,
            "image": photo.image.url,
            "thumbnail": photo.thumbnail.url,
            "width": photo.width,
            "height": photo.height,
        }
        return Response(output, status=status.HTTP_201_CREATED)


class ListingPhotoDeleteApi(APIView):
    """The listing's owner deletes a photo (204); history records who (issue 12). 403 for
    anyone else who may see the listing, 404 for a photo of another listing."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=None, responses={204: None})
    def delete(self, request: Request, listing_id: int, photo_id: int) -> Response:
        actor = request_user(request)
        listing = permissions.access_listing(actor, listing_id)
        photo = listing.photos.filter(pk=photo_id).first()
        if photo is None:
            raise Http404
        services.listing_photo_delete(actor=actor, photo=photo)
        return Response(status=status.HTTP_204_NO_CONTENT)


# ---------------------------------------------------------------- producers


class ProducerListCreateApi(generics.ListAPIView):
    """Producers the user may see (GET), and registration (POST, 201): a producer account
    registers itself; an officer registers one on its behalf with a `consent_note`."""

    permission_classes = [IsAuthenticatedOrReadOnly]
    serializer_class = ProducerOutput

    @extend_schema_serializer(component_name="BazaarProducerInput")
    class Input(serializers.Serializer):
        district = LgdCodeField(help_text="The district's LGD code.")
        name = serializers.CharField(max_length=200)
        kind = serializers.ChoiceField(choices=ProducerKind.choices)
        pin_code = serializers.CharField(max_length=6)
        address = serializers.CharField(
            required=False, allow_blank=True, default="", max_length=bounds.NOTE_MAX
        )
        phone = serializers.CharField(required=False, allow_blank=True, default="")
        email = serializers.EmailField(required=False, allow_blank=True, default="")
        gstin = serializers.CharField(required=False, allow_blank=True, default="")
        udyam_number = serializers.CharField(required=False, allow_blank=True, default="")
        iec = serializers.CharField(required=False, allow_blank=True, default="")
        fssai_number = serializers.CharField(required=False, allow_blank=True, default="")
        pan = serializers.CharField(required=False, allow_blank=True, default="")
        aadhaar_last_four = serializers.CharField(required=False, allow_blank=True, default="")
        consent_note = serializers.CharField(
            required=False, allow_blank=True, default="", max_length=bounds.NOTE_MAX
        )

    def get_queryset(self) -> QuerySet[Producer]:
        return permissions.producers_visible_to(self.request.user).prefetch_related(
            "certifications"
        )

    @extend_schema(request=Input, responses={201: ProducerOutput})
    def post(self, request: Request) -> Response:
        actor = request_user(request)
        data = self.Input(data=request.data)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        try:
            district = access_district(actor, fields.pop("district"))
        except Http404 as error:
            raise serializers.ValidationError(
                {"district": [_("No district has this LGD code.")]}, code="does_not_exist"
            ) from error
        producer = services.producer_register(actor=actor, district=district, **fields)
        return Response(ProducerOutput(producer).data, status=status.HTTP_201_CREATED)


class ProducerDetailApi(generics.RetrieveAPIView):
    """A producer's public profile with its valid certifications."""

    permission_classes = [IsAuthenticatedOrReadOnly]
    serializer_class = ProducerOutput

    def get_object(self) -> Producer:
        return permissions.access_producer(self.request.user, self.kwargs["producer_id"])


class ProducerVerifyApi(APIView):
    """The district's officer verifies (or, with `verified: false`, suspends) a producer."""

    permission_classes = [IsAuthenticated]

    @extend_schema_serializer(component_name="BazaarProducerVerifyInput")
    class Input(serializers.Serializer):
        verified = serializers.BooleanField(default=True)

    @extend_schema(request=Input, responses=ProducerOutput)
    def post(self, request: Request, producer_id: int) -> Response:
        actor = request_user(request)
        producer = permissions.access_producer(actor, producer_id)
        data = self.Input(data=request.data)
        data.is_valid(raise_exception=True)
        producer = services.producer_verify(actor=actor, producer=producer, **data.validated_data)
        return Response(ProducerOutput(producer).data)


class ProducerContactApi(APIView):
    """A producer's phone, email and address for a signed-in buyer. A POST, not a GET: every
    reveal is written to the producer's log, which they can read."""

    permission_classes = [IsAuthenticated]

    @extend_schema_serializer(component_name="BazaarContactOutput")
    class Output(serializers.Serializer):
        phone = serializers.CharField()
        email = serializers.CharField()
        address = serializers.CharField(max_length=bounds.NOTE_MAX)

    @extend_schema(request=None, responses=Output)
    def post(self, request: Request, producer_id: int) -> Response:
        actor = request_user(request)
        producer = permissions.access_producer(actor, producer_id)
        contact = services.contact_reveal(viewer=actor, producer=producer)
        return Response(self.Output(contact).data)


class ProducerRevealListApi(generics.ListAPIView):
    """Who revealed this producer's contact details, and when (the producer and officers)."""

    permission_classes = [IsAuthenticated]

    @extend_schema_serializer(component_name="BazaarRevealOutput")
    class Output(serializers.ModelSerializer):
        viewer = serializers.CharField(source="viewer.username")

        class Meta:
            model = ContactReveal
            fields = ["viewer", "at"]

    serializer_class = Output
    queryset = ContactReveal.objects.none()  # for the schema; get_queryset is the gate

    def get_queryset(self) -> QuerySet[ContactReveal]:
        producer = permissions.access_producer(self.request.user, self.kwargs["producer_id"])
        if not permissions.can_see_reveals(self.request.user, producer):
            raise Http404
        return selectors.reveals_of(producer=producer)


# ---------------------------------------------------------------- inquiries and quotes


class InquiryListCreateApi(generics.ListAPIView):
    """The user's inquiries (as buyer or seller; officers their scope's), and a new one."""

    permission_classes = [IsAuthenticated]
    serializer_class = InquiryOutput

    @extend_schema_serializer(component_name="BazaarInquiryInput")
    class Input(serializers.Serializer):
        listing = IdField()
        quantity = serializers.IntegerField(min_value=1, max_value=bounds.QUANTITY_MAX)
        message = serializers.CharField(
            required=False, allow_blank=True, default="", max_length=bounds.MESSAGE_MAX
        )

    def get_queryset(self) -> QuerySet[Inquiry]:
        return permissions.inquiries_visible_to(self.request.user).prefetch_related("quotes")

    @extend_schema(request=Input, responses={201: InquiryOutput})
    def post(self, request: Request) -> Response:
        buyer = request_user(request)
        data = self.Input(data=request.data)
        data.is_valid(raise_exception=True)
        listing = permissions.access_listing(buyer, data.validated_data["listing"])
        inquiry = services.inquiry_create(
            buyer=buyer,
            listing=listing,
            quantity=data.validated_data["quantity"],
            message=data.validated_data["message"],
        )
        return Response(InquiryOutput(inquiry).data, status=status.HTTP_201_CREATED)


class QuoteCreateApi(APIView):
    """The seller quotes on an inquiry (201). More than the listing's stock only as made to
    order with a lead time: 400 `quote_beyond_stock`, `lead_time_missing`,
    `lead_time_not_made_to_order` (issue 12)."""

    permission_classes = [IsAuthenticated]

    @extend_schema_serializer(component_name="BazaarQuoteInput")
    class Input(serializers.Serializer):
        unit_price = serializers.DecimalField(
            max_digits=12, decimal_places=2, min_value=bounds.PRICE_MIN, max_value=bounds.PRICE_MAX
        )
        quantity = serializers.IntegerField(min_value=1, max_value=bounds.QUANTITY_MAX)
        valid_until = serializers.DateField()
        note = serializers.CharField(
            required=False, allow_blank=True, default="", max_length=bounds.NOTE_MAX
        )
        made_to_order = serializers.BooleanField(required=False, default=False)
        lead_time_days = serializers.IntegerField(
            required=False,
            allow_null=True,
            default=None,
            min_value=1,
            max_value=bounds.LEAD_TIME_DAYS_MAX,
        )

    @extend_schema(request=Input, responses={201: QuoteOutput})
    def post(self, request: Request, inquiry_id: int) -> Response:
        actor = request_user(request)
        inquiry = permissions.access_inquiry(actor, inquiry_id)
        data = self.Input(data=request.data)
        data.is_valid(raise_exception=True)
        quote = services.quote_create(actor=actor, inquiry=inquiry, **data.validated_data)
        return Response(QuoteOutput(quote).data, status=status.HTTP_201_CREATED)


class QuoteAcceptApi(APIView):
    """The buyer accepts a quote: an order at its price (201); a made-to-order quote's order
    takes no stock and says when it will be ready. 400 `quote_not_open`, `quote_expired`,
    `quote_lapsed` (the stock sold meanwhile: the quote is closed with the reason and the
    inquiry reopened for a new quote)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=None, responses={201: OrderOutput})
    def post(self, request: Request, quote_id: int) -> Response:
        buyer = request_user(request)
        quote = permissions.access_quote(buyer, quote_id)
        order = services.quote_accept(buyer=buyer, quote=quote)
        return Response(OrderOutput(order).data, status=status.HTTP_201_CREATED)


# ---------------------------------------------------------------- orders


class OrderListCreateApi(generics.ListAPIView):
    """The user's orders (as buyer or seller; officers their scope's), and a new order at the
    listing's price (POST `listing`, `quantity`: 201, or 400 `insufficient_stock`)."""

    permission_classes = [IsAuthenticated]
    serializer_class = OrderOutput

    @extend_schema_serializer(component_name="BazaarOrderInput")
    class Input(serializers.Serializer):
        listing = IdField()
        quantity = serializers.IntegerField(min_value=1, max_value=bounds.QUANTITY_MAX)

    def get_queryset(self) -> QuerySet[Order]:
        return permissions.orders_visible_to(self.request.user).prefetch_related("events__actor")

    @extend_schema(request=Input, responses={201: OrderOutput})
    def post(self, request: Request) -> Response:
        buyer = request_user(request)
        data = self.Input(data=request.data)
        data.is_valid(raise_exception=True)
        listing = permissions.access_listing(buyer, data.validated_data["listing"])
        order = services.order_place(
            buyer=buyer, listing=listing, quantity=data.validated_data["quantity"]
        )
        return Response(OrderOutput(order).data, status=status.HTTP_201_CREATED)


class OrderDetailApi(generics.RetrieveAPIView):
    """One order with its events."""

    permission_classes = [IsAuthenticated]
    serializer_class = OrderOutput

    def get_object(self) -> Order:
        return permissions.access_order(self.request.user, self.kwargs["order_id"])


class OrderTransitionApi(APIView):
    """Confirm, ship or cancel (seller); mark received or cancel (buyer). 400
    `invalid_transition`; 403 for the other party's moves."""

    permission_classes = [IsAuthenticated]

    @extend_schema_serializer(component_name="BazaarOrderTransitionInput")
    class Input(serializers.Serializer):
        to_status = serializers.ChoiceField(choices=OrderStatus.choices)
        note = serializers.CharField(
            required=False, allow_blank=True, default="", max_length=bounds.NOTE_MAX
        )

    @extend_schema(request=Input, responses=OrderOutput)
    def post(self, request: Request, order_id: int) -> Response:
        actor = request_user(request)
        order = permissions.access_order(actor, order_id)
        data = self.Input(data=request.data)
        data.is_valid(raise_exception=True)
        order = services.order_transition(actor=actor, order=order, **data.validated_data)
        return Response(OrderOutput(order).data)


class OrderPaymentApi(APIView):
    """The seller records payment. 400 `already_paid`, `order_cancelled`."""

    permission_classes = [IsAuthenticated]

    @extend_schema_serializer(component_name="BazaarPaymentInput")
    class Input(serializers.Serializer):
        note = serializers.CharField(
            required=False, allow_blank=True, default="", max_length=bounds.NOTE_MAX
        )

    @extend_schema(request=Input, responses=OrderOutput)
    def post(self, request: Request, order_id: int) -> Response:
        actor = request_user(request)
        order = permissions.access_order(actor, order_id)
        data = self.Input(data=request.data)
        data.is_valid(raise_exception=True)
        order = services.order_payment_record(actor=actor, order=order, **data.validated_data)
        return Response(OrderOutput(order).data)


class OrderAgeingApi(APIView):
    """Orders received but not paid, by days since receipt."""

    permission_classes = [IsAuthenticated]

    @extend_schema_serializer(component_name="BazaarAgeingBucket")
    class Output(serializers.Serializer):
        days_from = serializers.IntegerField()
        days_to = serializers.IntegerField(allow_null=True)
        total = serializers.DecimalField(max_digits=16, decimal_places=2)
        orders = OrderOutput(many=True)

    @extend_schema(responses=Output(many=True))
    def get(self, request: Request) -> Response:
        buckets = selectors.orders_unpaid_ageing(user=request_user(request))
        return Response(self.Output(buckets, many=True).data)
