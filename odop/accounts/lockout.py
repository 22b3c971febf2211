"""Sign-in protection: security events for failed sign-ins and lockouts, and the lockout answer.

django-axes counts failures (per account and per address, `AXES_LOCKOUT_PARAMETERS`) and refuses
sign-ins while locked out; this module is where the platform plugs into it (`AXES_HANDLER`,
`AXES_LOCKOUT_CALLABLE`).
"""

import logging
from typing import Any

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_cool_off
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from rest_framework.response import Response

security_log = logging.getLogger("odop.security")

API_PATH_PREFIX = "/api/"


def lockout_seconds(request: HttpRequest | None = None) -> int:
    """How long a lockout lasts, in seconds: the `Retry-After` of every lockout answer.

    Each refused try during a lockout restarts it (axes' default), so the whole cool-off is
    exactly how long the client must wait from now.
    """
    cool_off = get_cool_off(request)
    return int(cool_off.total_seconds()) if cool_off else 0


def lockout_message() -> str:
    """What a locked-out person is told (translated)."""
    return _(
        "Too many failed sign-ins. Signing in is blocked for %(minutes)s minutes; "
        "please try again later."
    ) % {"minutes": max(1, lockout_seconds() // 60)}


def lockout_api_body() -> dict[str, Any]:
    """The API's error shape for a lockout: `detail` and, under `codes`, `locked_out`."""
    return {"detail": lockout_message(), "codes": {"detail": "locked_out"}}


class SecurityEventHandler(AxesDatabaseHandler):
    """axes' database records (AccessAttempt, AccessFailureLog), plus one `odop.security` event
    per failed sign-in and per lockout, with the account name, address and path."""

    def user_login_failed(
        self,
        sender: Any,
        credentials: dict[str, Any],
        request: HttpRequest | None = None,
        **kwargs: Any,
    ) -> None:
        super().user_login_failed(sender, credentials, request=request, **kwargs)
        if request is None:
            security_log.warning("sign-in failed without a request (not counted)")
            return
        username = get_client_username(request, credentials)
        address = getattr(request, "axes_ip_address", None)
        path = getattr(request, "axes_path_info", request.path)
        security_log.warning(
            "sign-in failed: username=%r address=%s path=%s", username, address, path
        )
        if getattr(request, "axes_locked_out", False):
            security_log.warning(
                "sign-in locked out: username=%r address=%s path=%s retry_after=%ss",
                username,
                address,
                path,
                lockout_seconds(request),
            )


def lockout_response(
    request: HttpRequest,
    original_response: HttpResponse | None = None,
    credentials: dict[str, Any] | None = None,
) -> HttpResponse:
    """The answer to a sign-in refused for lockout: 429 with `Retry-After`.

    The API answers JSON in its error shape (the token view already built it: kept as is); the
    login page answers a translated page that says how long to wait.
    """
    if isinstance(original_response, Response) and original_response.status_code == 429:
        return original_response
    response: HttpResponse
    if request.path_info.startswith(API_PATH_PREFIX):
        response = JsonResponse(lockout_api_body(), status=429)
    else:
        response = render(
            request,
            "accounts/locked_out.html",
            {"message": lockout_message()},
            status=429,
        )
    response["Retry-After"] = str(lockout_seconds(request))
    return response
