"""API sign-in: exchange a username and password for an expiring token; revoke tokens.

`POST /api/v1/auth/token/` answers `{"token", "expiry"}`; clients then send
`Authorization: Token <token>`. Failed attempts count towards the lockout of the account and the
address (django-axes, as on the login page) and the endpoint is throttled per address.
"""

from typing import Any, NoReturn

from django.contrib.auth import authenticate
from django.contrib.auth.signals import user_logged_in
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import exceptions, serializers, status
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from odop.accounts.lockout import lockout_api_body, lockout_seconds
from odop.accounts.services import api_token_issue, api_token_revoke, api_tokens_revoke_all
from odop.api.auth import ApiThrottled, ApiTokenAuthentication, AuthTokenRateThrottle, request_user


class ApiLockedOut(exceptions.Throttled):
    """429 while the account or the address is locked out, in the API's error shape."""

    default_code = "locked_out"

    def __init__(self, *, wait: int) -> None:
        super().__init__(wait=wait)
        body = lockout_api_body()
        self.detail = {
            "detail": exceptions.ErrorDetail(body["detail"], code="locked_out"),
            "codes": {"detail": exceptions.ErrorDetail("locked_out", code="locked_out")},
        }


TOO_MANY_REQUESTS = OpenApiResponse(
    response=inline_serializer(
        name="AuthTooManyRequests",
        fields={
            "detail": serializers.CharField(),
            "codes": inline_serializer(
                name="AuthTooManyRequestsCodes",
                fields={
                    "detail": serializers.ChoiceField(choices=["locked_out", "throttled"]),
                },
            ),
        },
    ),
    description=(
        "`locked_out`: too many failed sign-ins for this account or from this address; "
        "`throttled`: too many requests from this address. The `Retry-After` header says "
        "how many seconds to wait."
    ),
)
BAD_CREDENTIALS = OpenApiResponse(
    response=inline_serializer(
        name="AuthTokenError",
        fields={
            "non_field_errors": serializers.ListField(
                child=serializers.CharField(), required=False
            ),
            # A body that could not be read has `detail` and a code string under `codes`.
            "detail": serializers.CharField(required=False),
            "codes": serializers.DictField(),
        },
    ),
    description="Missing fields (`required`) or a wrong username or password "
    "(`non_field_errors`: `invalid_credentials`).",
)


class ApiTokenObtainApi(APIView):
    """Exchange a username and password for an API token that expires."""

    authentication_classes: list[Any] = []  # the credentials are in the body; no session
    permission_classes = [AllowAny]
    throttle_classes = [AuthTokenRateThrottle]
    throttle_scope = "auth-token"

    class Input(serializers.Serializer):
        username = serializers.CharField(max_length=150)
        password = serializers.CharField(max_length=4096, trim_whitespace=False)

    class Output(serializers.Serializer):
        token = serializers.CharField(
            source="key", help_text="Send as `Authorization: Token <token>`."
        )
        expiry = serializers.DateTimeField(source="expires_at")

    def throttled(self, request: Request, wait: float | None) -> NoReturn:
        raise ApiThrottled(wait)

    @extend_schema(
        operation_id="auth_token_create",
        request=Input,
        responses={200: Output, 400: BAD_CREDENTIALS, 429: TOO_MANY_REQUESTS},
        auth=[],
    )
    def post(self, request: Request) -> Response:
        given = self.Input(data=request.data)
        given.is_valid(raise_exception=True)
        # axes reads and marks the Django request (its lockout flag, the client's address).
        django_request = request._request
        user = authenticate(
            request=django_request,
            username=given.validated_data["username"],
            password=given.validated_data["password"],
        )
        if getattr(django_request, "axes_locked_out", False):
            raise ApiLockedOut(wait=lockout_seconds(django_request))
        if user is None:
            raise exceptions.ValidationError(
                {
                    "non_field_errors": [
                        exceptions.ErrorDetail(
                            _("Unable to sign in with the username and password given."),
                            code="invalid_credentials",
                        )
                    ]
                }
            )
        issued = api_token_issue(user=user)  # type: ignore[arg-type]
        # Django's sign-in signal: records last_login, and axes clears the failures.
        user_logged_in.send(sender=type(user), request=django_request, user=user)
        return Response(self.Output(issued).data)


class ApiTokenRevokeApi(APIView):
    """Revoke the token this request presents (sign the client out)."""

    authentication_classes = [ApiTokenAuthentication]
    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="auth_token_revoke",
        request=None,
        responses={204: None},  # 401 (no valid token) is added by odop.api.schema
    )
    def post(self, request: Request) -> Response:
        api_token_revoke(token=request.auth)  # type: ignore[arg-type]
        return Response(status=status.HTTP_204_NO_CONTENT)


class ApiTokenRevokeAllApi(APIView):
    """Revoke every token of the signed-in user (by token or by session)."""

    permission_classes = [IsAuthenticated]

    class Output(serializers.Serializer):
        revoked = serializers.IntegerField(help_text="How many tokens were revoked.")

    @extend_schema(
        operation_id="auth_token_revoke_all",
        request=None,
        responses={200: Output},
    )
    def post(self, request: Request) -> Response:
        revoked = api_tokens_revoke_all(user=request_user(request))
        return Response(self.Output({"revoked": revoked}).data)
