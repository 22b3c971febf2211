"""API of scheme applications, mounted at /api/v1/applications/.

Submitting is for producers (for themselves) and officers (on a producer's behalf, with the
consent's reference); reading one application answers those who may see it and 404 to
everyone else; tracking by public number is open to anyone and shows nothing personal.
"""

from typing import Any

from django.http import Http404
from drf_spectacular.utils import extend_schema, extend_schema_serializer
from rest_framework import serializers, status
from rest_framework.exceptions import PermissionDenied
from rest_framework.parsers import MultiPartParser
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from odop.api.auth import request_user
from odop.api.fields import IdField
from odop.core import bounds
from odop.producers.permissions import access_producer
from odop.schemes import permissions, selectors, services, stages
from odop.schemes.models import Application, ApplicationEvent


class ApplicationEventOutput(serializers.ModelSerializer):
    class Meta:
        model = ApplicationEvent
        fields = ["kind", "from_stage", "to_stage", "created_at"]


class ApplicationOutput(serializers.ModelSerializer):
    scheme = serializers.CharField(source="scheme.code")
    producer = serializers.IntegerField(source="producer_id")
    district = serializers.IntegerField(source="district.lgd_code", help_text="LGD code.")
    reasons = serializers.ListField(source="evaluation.reasons", child=serializers.DictField())
    trace = serializers.ListField(source="evaluation.trace", child=serializers.DictField())
    history = ApplicationEventOutput(source="events", many=True)
    documents = serializers.SerializerMethodField()

    class Meta:
        model = Application
        fields = [
            "id",
            "number",
            "scheme",
            "producer",
            "district",
            "as_of",
            "facts",
            "eligible",
            "benefit",
            "reasons",
            "trace",
            "status",
            "stage",
            "stage_due_by",
            "escalation_level",
            "history",
            "documents",
            "created_at",
        ]

    def get_documents(self, application: Application) -> list[str]:
        return sorted({document.kind for document in application.documents.all()})


class ApplicationCreatedOutput(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.CharField()


class ApplicationCreateApi(APIView):
    """Apply to a scheme with the facts (201 with `id` and `number`). A producer applies for
    themself; an officer covering a producer's district names the `producer` and the
    `consent_reference`. The evaluation with today's approved rules is stored with its trace.
    400 `missing_fact`, `unknown_fact`, `invalid_fact`, `not_eligible`, `no_producer`,
    `consent_required`; 403 for other roles; 404 for an unknown scheme or producer."""

    permission_classes = [IsAuthenticated]

    @extend_schema_serializer(component_name="ApplicationCreateInput")
    class Input(serializers.Serializer):
        scheme = serializers.SlugField(max_length=64)
        facts = serializers.DictField(child=serializers.JSONField(), allow_empty=True)
        producer = IdField(required=False, help_text="For an officer applying on a behalf.")
        consent_reference = serializers.CharField(
            required=False, allow_blank=True, default="", max_length=200
        )

    @extend_schema(request=Input, responses={201: ApplicationCreatedOutput})
    def post(self, request: Request) -> Response:
        user = request_user(request)
        data = self.Input(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        scheme = permissions.access_scheme(user, values["scheme"])
        producer = access_producer(user, values["producer"]) if "producer" in values else None
        application = services.application_submit(
            user=user,
            scheme=scheme,
            facts=values["facts"],
            producer=producer,
            consent_reference=values["consent_reference"],
        )
        return Response(
            {"id": application.pk, "number": application.number}, status=status.HTTP_201_CREATED
        )


class ApplicationDetailApi(APIView):
    """One application with its evaluation, stage and history: to those who may see it
    (the producer, officers covering its district, the district's bank officers); 404 to
    everyone else."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: ApplicationOutput})
    def get(self, request: Request, application_id: int) -> Response:
        application = permissions.access_application(request_user(request), application_id)
        return Response(ApplicationOutput(application).data)


class ApplicationMoveApi(APIView):
    """Move the application to its next stage (`approve` true) or refuse it (with a `note`).
    403 unless the stage's owner (or an officer it escalated to), never one's own; 400
    `documents_missing`, `note_required`; 404 for those who may not see it."""

    permission_classes = [IsAuthenticated]

    @extend_schema_serializer(component_name="ApplicationMoveInput")
    class Input(serializers.Serializer):
        approve = serializers.BooleanField()
        note = serializers.CharField(
            required=False, allow_blank=True, default="", max_length=bounds.NOTE_MAX
        )

    @extend_schema(request=Input, responses={200: ApplicationOutput})
    def post(self, request: Request, application_id: int) -> Response:
        user = request_user(request)
        application = permissions.access_application(user, application_id)
        data = self.Input(data=request.data)
        data.is_valid(raise_exception=True)
        moved = services.application_move(user=user, application=application, **data.validated_data)
        return Response(ApplicationOutput(moved).data)


class ApplicationDocumentApi(APIView):
    """Attach a document (multipart: `kind`, `file`): PDF, JPEG or PNG by content, at most
    5 MB. 400 `document_type`, `document_too_large`, `unknown_document`; 403 for those who
    may see but not attach; 404 for those who may not see it."""

    permission_classes = [IsAuthenticated]
    parser_classes = [MultiPartParser]

    @extend_schema_serializer(component_name="ApplicationDocumentInput")
    class Input(serializers.Serializer):
        kind = serializers.ChoiceField(choices=sorted(stages.document_kinds()))
        file = serializers.FileField()

    @extend_schema(request=Input, responses={201: ApplicationOutput})
    def post(self, request: Request, application_id: int) -> Response:
        user = request_user(request)
        application = permissions.access_application(user, application_id)
        data = self.Input(data=request.data)
        data.is_valid(raise_exception=True)
        services.application_document_attach(
            user=user,
            application=application,
            kind=data.validated_data["kind"],
            upload=data.validated_data["file"],
        )
        return Response(ApplicationOutput(application).data, status=status.HTTP_201_CREATED)


class TrackEventOutput(serializers.Serializer):
    kind = serializers.CharField()
    from_stage = serializers.CharField()
    to_stage = serializers.CharField()
    at = serializers.DateTimeField()


class ApplicationTrackOutput(serializers.Serializer):
    number = serializers.CharField()
    scheme = serializers.CharField()
    status = serializers.CharField()
    stage = serializers.CharField()
    stage_due_by = serializers.DateTimeField(allow_null=True)
    history = TrackEventOutput(many=True)


def track_data(application: Application) -> dict[str, Any]:
    """The public view of an application: no names, facts, amounts, places or people."""
    return {
        "number": application.number,
        "scheme": application.scheme.code,
        "status": application.status,
        "stage": application.stage,
        "stage_due_by": application.stage_due_by,
        "history": [
            {
                "kind": event.kind,
                "from_stage": event.from_stage,
                "to_stage": event.to_stage,
                "at": event.created_at,
            }
            for event in selectors.application_history(application=application)
        ],
    }


class ApplicationTrackApi(APIView):
    """Where an application stands, by its public number: scheme, stage, due date and the
    dates of its moves, nothing personal. Public; 404 for a number that is malformed (bad
    check digit) or unknown."""

    permission_classes = [AllowAny]

    @extend_schema(responses={200: ApplicationTrackOutput})
    def get(self, request: Request, number: str) -> Response:
        application = selectors.application_by_number(number=number)
        if application is None:
            raise Http404
        return Response(ApplicationTrackOutput(track_data(application)).data)


class ApplicationCountOutput(serializers.Serializer):
    district = serializers.CharField()
    district_lgd_code = serializers.IntegerField()
    scheme = serializers.CharField()
    received = serializers.IntegerField()
    approved = serializers.IntegerField()
    pending = serializers.IntegerField()
    overdue = serializers.IntegerField()


class ApplicationCountsApi(APIView):
    """Applications received, approved, pending and overdue by district and scheme, in the
    officer's scope. Officers and bank officers; 403 for everyone else."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: ApplicationCountOutput(many=True)})
    def get(self, request: Request) -> Response:
        user = request_user(request)
        if not permissions.can_see_application_counts(user):
            raise PermissionDenied
        rows = selectors.application_counts(user=user)
        return Response(ApplicationCountOutput([row.__dict__ for row in rows], many=True).data)
