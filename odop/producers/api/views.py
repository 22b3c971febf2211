"""API of the producer registry, mounted at /api/v1/producers/ (issue 11).

Reads go through `producers_visible_to` / `access_producer` (and `access_producer_360` for the
full record); writes are one service call each. The bazaar's /api/v1/bazaar/producers/ keeps
serving the public profile and onboarding as before.
"""

from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
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
from odop.core import bounds
from odop.producers import bulk, permissions, selectors, services
from odop.producers.models import (
    Certification,
    Gender,
    MemberRole,
    Producer,
    ProducerKind,
    ProducerMember,
    ProducerStatus,
    SocialCategory,
)
from odop.registry.models import DistrictProduct


class ProducerSummaryOutput(serializers.ModelSerializer):
    """What anyone who may see a producer sees in a list: no contact details or identifiers."""

    district = PlaceRef()
    state = PlaceRef(source="district.state")

    class Meta:
        model = Producer
        fields = ["id", "name", "kind", "district", "state", "status"]


@extend_schema_serializer(component_name="ProducersCertification")
class CertificationOutput(serializers.ModelSerializer):
    class Meta:
        model = Certification
        fields = ["id", "kind", "number", "valid_from", "valid_until"]


@extend_schema_serializer(component_name="ProducersMember")
class MemberOutput(serializers.ModelSerializer):
    class Meta:
        model = ProducerMember
        fields = ["id", "name", "gender", "social_category", "role", "aadhaar_last_four"]


@extend_schema_serializer(component_name="ProducersSectionColumn")
class SectionColumnOutput(serializers.Serializer):
    key = serializers.CharField()
    heading = serializers.CharField(
        source="label", help_text="the column's heading in the request's language"
    )


@extend_schema_serializer(component_name="ProducersSection")
class SectionOutput(serializers.Serializer):
    key = serializers.CharField()
    title = serializers.CharField()
    columns = SectionColumnOutput(many=True)
    rows = serializers.ListField(child=serializers.DictField())


@extend_schema_serializer(component_name="ProducersBank")
class BankOutput(serializers.Serializer):
    holder = serializers.CharField(source="bank_account_holder")
    ifsc = serializers.CharField(source="bank_ifsc")
    account_last_four = serializers.CharField(source="bank_account_last_four")


class Producer360Output(serializers.Serializer):
    """The producer 360 record. `officer_note` and `events` are null / empty for the producer
    themselves; `bank` is null for those who may not see it."""

    id = serializers.IntegerField(source="producer.pk")
    name = serializers.CharField(source="producer.name")
    kind = serializers.ChoiceField(choices=ProducerKind.choices, source="producer.kind")
    status = serializers.ChoiceField(choices=ProducerStatus.choices, source="producer.status")
    district = PlaceRef(source="producer.district")
    state = PlaceRef(source="producer.district.state")
    address = serializers.CharField(source="producer.address")
    pin_code = serializers.CharField(source="producer.pin_code")
    pin_warning = serializers.CharField(source="producer.pin_warning")
    phone = serializers.CharField(source="producer.phone")
    email = serializers.CharField(source="producer.email")
    gstin = serializers.CharField(source="producer.gstin")
    udyam_number = serializers.CharField(source="producer.udyam_number")
    iec = serializers.CharField(source="producer.iec")
    fssai_number = serializers.CharField(source="producer.fssai_number")
    pan = serializers.CharField(source="producer.pan")
    verified_at = serializers.DateTimeField(source="producer.verified_at", allow_null=True)
    consent_recorded_at = serializers.DateTimeField(
        source="producer.consent_recorded_at", allow_null=True
    )
    consent_note = serializers.CharField(source="producer.consent_note")
    officer_note = serializers.SerializerMethodField()
    bank = serializers.SerializerMethodField()
    products = serializers.SerializerMethodField()
    certifications = CertificationOutput(many=True)
    members = MemberOutput(many=True)
    sections = SectionOutput(many=True)
    events = serializers.SerializerMethodField()

    def get_officer_note(self, view: selectors.Producer360) -> str | None:
        return view.producer.officer_note if view.officer_view else None

    def get_bank(self, view: selectors.Producer360) -> dict[str, Any] | None:
        if not view.show_bank or not view.producer.bank_ifsc:
            return None
        return dict(BankOutput(view.producer).data)

    def get_products(self, view: selectors.Producer360) -> list[dict[str, Any]]:
        return [{"id": product.pk, "name": product.name} for product in view.products]

    def get_events(self, view: selectors.Producer360) -> list[dict[str, Any]]:
        return [
            {
                "kind": event.kind,
                "at": event.at.isoformat(),
                "actor": event.actor.username,
                "other_producer": event.other_producer_id,
                "note": event.note,
            }
            for event in view.events
        ]


class ProducerListApi(generics.ListAPIView):
    """Producers the caller may see (the public: verified ones; officers: also their scope's;
    a producer: also their own), filtered. Public fields only; the full record is the
    detail."""

    permission_classes = [IsAuthenticatedOrReadOnly]
    serializer_class = ProducerSummaryOutput

    @extend_schema_serializer(component_name="ProducerListQuery")
    class Query(serializers.Serializer):
        district = LgdCodeField(required=False, help_text="The district's LGD code.")
        status = serializers.ChoiceField(choices=ProducerStatus.choices, required=False)
        kind = serializers.ChoiceField(choices=ProducerKind.choices, required=False)
        q = serializers.CharField(required=False, max_length=200, help_text="Part of the name.")

    def get_queryset(self) -> QuerySet[Producer]:
        query = self.Query(data=self.request.query_params)
        query.is_valid(raise_exception=True)
        data = query.validated_data
        return selectors.producers_find(
            user=self.request.user,
            district_lgd=data.get("district"),
            status=data.get("status", ""),
            kind=data.get("kind", ""),
            text=data.get("q", ""),
        )

    @extend_schema(parameters=[Query])
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return self.list(request, *args, **kwargs)


class ProducerDetailApi(APIView):
    """The producer 360 record, for the producer themselves (without officers' notes) and the
    officers of its district; 404 for everyone else."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses=Producer360Output)
    def get(self, request: Request, producer_id: int) -> Response:
        user = request_user(request)
        producer = permissions.access_producer_360(user, producer_id)
        view = selectors.producer_360(user=user, producer=producer)
        return Response(Producer360Output(view).data)


def _detail(request: Request, producer: Producer) -> Response:
    view = selectors.producer_360(user=request_user(request), producer=producer)
    return Response(Producer360Output(view).data)


class ProducerBankApi(APIView):
    """Record the bank account subsidies are paid into (the producer or their officers). The
    number is kept as its last four digits only. 400 `invalid_ifsc`, `invalid_bank_account`."""

    permission_classes = [IsAuthenticated]

    @extend_schema_serializer(component_name="ProducerBankInput")
    class Input(serializers.Serializer):
        holder = serializers.CharField(max_length=200)
        ifsc = serializers.CharField(max_length=20)
        account_number = serializers.CharField(max_length=30, write_only=True)

    @extend_schema(request=Input, responses=Producer360Output)
    def post(self, request: Request, producer_id: int) -> Response:
        actor = request_user(request)
        producer = permissions.access_producer_360(actor, producer_id)
        data = self.Input(data=request.data)
        data.is_valid(raise_exception=True)
        producer = services.producer_bank_set(actor=actor, producer=producer, **data.validated_data)
        return _detail(request, producer)


class ProducerMemberCreateApi(APIView):
    """Add a member to a collective. `aadhaar` may be the full number (only its last four
    digits are kept) or the last four. 400 `not_collective`, `invalid_aadhaar`,
    `aadhaar_check_failed`, `invalid_aadhaar_last_four`."""

    permission_classes = [IsAuthenticated]

    @extend_schema_serializer(component_name="ProducerMemberInput")
    class Input(serializers.Serializer):
        name = serializers.CharField(max_length=200)
        gender = serializers.ChoiceField(choices=Gender.choices)
        social_category = serializers.ChoiceField(
            choices=SocialCategory.choices, default=SocialCategory.NOT_STATED
        )
        role = serializers.ChoiceField(choices=MemberRole.choices, default=MemberRole.MEMBER)
        aadhaar = serializers.CharField(
            max_length=20, required=False, allow_blank=True, default="", write_only=True
        )

    @extend_schema(request=Input, responses={201: MemberOutput})
    def post(self, request: Request, producer_id: int) -> Response:
        actor = request_user(request)
        producer = permissions.access_producer_360(actor, producer_id)
        data = self.Input(data=request.data)
        data.is_valid(raise_exception=True)
        member = services.producer_member_add(actor=actor, producer=producer, **data.validated_data)
        return Response(MemberOutput(member).data, status=status.HTTP_201_CREATED)


class ProducerProductsApi(APIView):
    """Set the district products the producer makes (its own district's only; 400
    `product_other_district`)."""

    permission_classes = [IsAuthenticated]

    @extend_schema_serializer(component_name="ProducerProductsInput")
    class Input(serializers.Serializer):
        products = serializers.ListField(child=IdField(), max_length=200)

    @extend_schema(request=Input, responses=Producer360Output)
    def put(self, request: Request, producer_id: int) -> Response:
        actor = request_user(request)
        producer = permissions.access_producer_360(actor, producer_id)
        data = self.Input(data=request.data)
        data.is_valid(raise_exception=True)
        ids = set(data.validated_data["products"])
        products = list(DistrictProduct.objects.filter(pk__in=ids))
        if len(products) != len(ids):
            raise serializers.ValidationError(
                {"products": ["No district product has one of these ids."]}, code="does_not_exist"
            )
        services.producer_products_set(actor=actor, producer=producer, products=products)
        return _detail(request, producer)


class ProducerMergeApi(APIView):
    """Merge a duplicate record into this one (national admins): the duplicate's listings,
    certificates, reveals, exporter records and members move here and it is deleted. 400
    `same_producer`, `other_district`, `both_have_accounts`; 403 for anyone else."""

    permission_classes = [IsAuthenticated]

    @extend_schema_serializer(component_name="ProducerMergeInput")
    class Input(serializers.Serializer):
        duplicate = IdField(help_text="The id of the record to merge into this one.")
        note = serializers.CharField(
            required=False, allow_blank=True, default="", max_length=bounds.NOTE_MAX
        )

    @extend_schema(request=Input, responses=Producer360Output)
    def post(self, request: Request, producer_id: int) -> Response:
        actor = request_user(request)
        survivor = permissions.access_producer_360(actor, producer_id)
        data = self.Input(data=request.data)
        data.is_valid(raise_exception=True)
        duplicate = get_object_or_404(
            permissions.producers_visible_to(actor), pk=data.validated_data["duplicate"]
        )
        survivor = services.producer_merge(
            actor=actor, survivor=survivor, duplicate=duplicate, note=data.validated_data["note"]
        )
        return _detail(request, survivor)


class ProducerUploadApi(APIView):
    """Register a list of producers (CSV or XLSX; officers). Checked whole: any refused row
    refuses the file, nothing written, and the 400 lists every refused row with its `code`.
    Rows already registered count as unchanged, so uploading the same file again writes
    nothing. Required columns: name, kind, state, district, pin_code, consent_note."""

    permission_classes = [IsAuthenticated]
    parser_classes = [MultiPartParser]

    @extend_schema_serializer(component_name="ProducerUploadInput")
    class Input(serializers.Serializer):
        file = serializers.FileField()

    @extend_schema_serializer(component_name="ProducerUploadReport")
    class Output(serializers.Serializer):
        file = serializers.CharField(source="source")
        rows_read = serializers.IntegerField()
        created = serializers.IntegerField()
        unchanged = serializers.IntegerField()

    @extend_schema(request=Input, responses={201: Output})
    def post(self, request: Request) -> Response:
        actor = request_user(request)
        data = self.Input(data=request.data)
        data.is_valid(raise_exception=True)
        table = bulk.upload_table_read(data.validated_data["file"])
        report = bulk.producers_import(actor=actor, table=table)
        return Response(self.Output(report).data, status=status.HTTP_201_CREATED)
