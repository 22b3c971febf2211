"""API of training, mounted at /api/v1/trainings/ and /api/v1/certificates/.

Programmes, batches (their public fields) and the certificate check are public. Applying
is one service call whose errors become 400 (with codes), 403 or 404.
"""

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone
from drf_spectacular.utils import extend_schema, extend_schema_serializer
from rest_framework import generics, serializers, status
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from odop.api.auth import request_user
from odop.api.fields import IdField
from odop.producers.permissions import access_producer
from odop.skills import permissions, selectors, services
from odop.skills.models import (
    AGE_MAX,
    AGE_MIN,
    NAME_MAX,
    Application,
    Batch,
    Certificate,
    Programme,
)


class ProgrammeOutput(serializers.ModelSerializer):
    state = serializers.IntegerField(
        source="state.lgd_code",
        default=None,
        allow_null=True,
        help_text="LGD code; null: national.",
    )

    class Meta:
        model = Programme
        fields = [
            "id",
            "name",
            "name_hi",
            "kind",
            "duration_days",
            "residential",
            "toolkit",
            "description",
            "state",
            "pass_mark",
            "attendance_required_percent",
        ]


class ProgrammeListApi(generics.ListAPIView):
    """Every training programme (public)."""

    permission_classes = [AllowAny]
    serializer_class = ProgrammeOutput

    def get_queryset(self) -> QuerySet[Programme]:
        return selectors.programme_list(user=self.request.user)


class BatchOutput(serializers.ModelSerializer):
    programme = serializers.IntegerField(source="programme_id")
    district = serializers.IntegerField(source="district.lgd_code", help_text="LGD code.")
    seats_taken = serializers.IntegerField()

    class Meta:
        model = Batch
        fields = [
            "id",
            "programme",
            "start_date",
            "end_date",
            "venue",
            "district",
            "seats",
            "seats_taken",
            "age_min",
            "age_max",
        ]


class BatchListApi(generics.ListAPIView):
    """Batches not yet over, soonest first: their public fields only (no trainer, no trainees)."""

    permission_classes = [AllowAny]
    serializer_class = BatchOutput

    def get_queryset(self) -> QuerySet[Batch]:
        return selectors.batch_list(user=self.request.user, since=timezone.localdate())


class TrainingApplicationOutput(serializers.ModelSerializer):
    class Meta:
        model = Application
        fields = ["id", "batch", "producer", "applicant_name", "age", "status"]


class TrainingApplicationCreateApi(APIView):
    """Apply for a seat in a batch (201) for a verified producer's person: by the producer or
    an officer of their district. 400 `producer_not_verified`, `batch_started`,
    `district_not_eligible`, `product_not_eligible`, `age_not_eligible`, `already_applied`,
    `not_a_member`;
    404 for an unknown batch or a producer the caller does not act for."""

    permission_classes = [IsAuthenticated]

    @extend_schema_serializer(component_name="TrainingApplicationCreateInput")
    class Input(serializers.Serializer):
        producer = IdField()
        member = IdField(
            required=False,
            allow_null=True,
            default=None,
            help_text="A member of a collective producer (their name is then taken from it).",
        )
        applicant_name = serializers.CharField(max_length=NAME_MAX)
        age = serializers.IntegerField(min_value=AGE_MIN, max_value=AGE_MAX)

    @extend_schema(request=Input, responses={201: TrainingApplicationOutput})
    def post(self, request: Request, batch_id: int) -> Response:
        actor = request_user(request)
        batch = permissions.access_batch(actor, batch_id)
        data = self.Input(data=request.data)
        data.is_valid(raise_exception=True)
        producer = access_producer(actor, data.validated_data["producer"])
        if not permissions.can_apply_for(actor, producer):
            raise Http404  # nobody learns of producers they do not act for
        application = services.application_submit(
            actor=actor,
            batch=batch,
            producer=producer,
            member=selectors.producer_member(
                producer=producer, member_id=data.validated_data["member"]
            ),
            applicant_name=data.validated_data["applicant_name"],
            age=data.validated_data["age"],
        )
        return Response(TrainingApplicationOutput(application).data, status=status.HTTP_201_CREATED)


class CertificateCheckOutput(serializers.ModelSerializer):
    revoked = serializers.BooleanField(source="is_revoked")

    class Meta:
        model = Certificate
        fields = [
            "number",
            "holder_name",
            "programme_name",
            "programme_name_hi",
            "start_date",
            "end_date",
            "issuer",
            "revoked",
        ]


class CertificateVerifyApi(APIView):
    """The public check of a certificate number: holder, programme, dates, issuer and whether
    it was revoked, nothing else. 404 for a number that is not a certificate's."""

    permission_classes = [AllowAny]

    @extend_schema(responses={200: CertificateCheckOutput})
    def get(self, request: Request, number: str) -> Response:
        certificate = permissions.access_certificate_public(number)
        return Response(CertificateCheckOutput(certificate).data)
