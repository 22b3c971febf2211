"""Who is calling: API token authentication, the token endpoint's throttle, the signed-in user."""

from typing import Any

from django.utils import timezone
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.plumbing import build_bearer_security_scheme_object
from knox.auth import TokenAuthentication
from knox.models import AuthToken
from rest_framework import exceptions
from rest_framework.request import Request
from rest_framework.settings import api_settings
from rest_framework.throttling import ScopedRateThrottle

from odop.accounts.models import User


def request_user(request: Request) -> User:
    """The signed-in user of a request behind IsAuthenticated, typed as `User` (401 if none)."""
    if not isinstance(request.user, User):
        raise exceptions.NotAuthenticated
    return request.user


class ApiTokenAuthentication(TokenAuthentication):
    """`Authorization: Token <key>` against knox's hashed, expiring tokens.

    Knox, on every call, also reads all the user's other tokens to delete expired ones: one more
    query per API request. Here only the presented token is checked (and deleted once expired);
    `accounts.services.api_tokens_purge_expired` clears the rest periodically.
    """

    def _cleanup_token(self, auth_token: AuthToken) -> bool:
        if auth_token.expiry is not None and auth_token.expiry < timezone.now():
            auth_token.delete()
            return True
        return False


class ApiTokenScheme(OpenApiAuthenticationExtension):
    """The token scheme in the OpenAPI schema, under the name it had with DRF's tokens."""

    target_class = "odop.api.auth.ApiTokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema: Any) -> dict[str, Any]:
        definition: dict[str, Any] = build_bearer_security_scheme_object(
            header_name="Authorization", token_prefix="Token"
        )
        return definition


class ApiThrottled(exceptions.Throttled):
    """A 429 in the API's error shape: `detail` and, under `codes`, `throttled`."""

    def __init__(self, wait: float | None = None) -> None:
        super().__init__(wait=wait)
        message = self.detail
        self.detail = {
            "detail": exceptions.ErrorDetail(str(message), code="throttled"),
            "codes": {"detail": exceptions.ErrorDetail("throttled", code="throttled")},
        }


class AuthTokenRateThrottle(ScopedRateThrottle):
    """Requests per client address to the token endpoint (scope `auth-token`).

    The rate is read from the settings on every request (DRF reads it once at import), so it can
    be configured per environment and overridden in tests. The address is REMOTE_ADDR unless
    NUM_PROXIES trusts a proxy's X-Forwarded-For.
    """

    def get_rate(self) -> str | None:
        rate = api_settings.DEFAULT_THROTTLE_RATES.get(str(self.scope))
        return str(rate) if rate else None
