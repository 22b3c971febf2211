"""Throttles for the pages that send email or create accounts (issue 12): sign-up, a new
verification link, password reset. Each request is counted per client address and per email
(django-ratelimit, in the default cache); past either rate the page answers 429.

Only submissions (POST) count: reading the form is free. The client address is the one
django-axes uses for sign-in lockouts (`AXES_IPWARE_*` settings: the proxy's forwarded address
when the platform sits behind one), so both protections agree on who is asking.

django_ratelimit is used as a library, not an installed app: its system check refuses the
local-memory and file caches used in tests and in the embedded `make run`, where counting
per process is good enough; production uses Redis.
"""

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django_ratelimit.core import is_ratelimited

from odop.accounts.signup import email_normalise


def _client_address(group: str, request: HttpRequest) -> str:
    return get_client_ip_address(request) or "unknown"


def _posted_email(group: str, request: HttpRequest) -> str:
    return email_normalise(request.POST.get("email", ""))


def throttled(request: HttpRequest, *, group: str) -> bool:
    """Count this submission in `group` and say whether it is over a rate (per address, per
    email). Both counters move on every submission, so one address cannot spread tries over
    many emails, nor many addresses over one email."""
    by_address = is_ratelimited(
        request,
        group=f"{group}:ip",
        key=_client_address,
        rate=settings.ODOP_ACCOUNT_RATE_PER_IP,
        method="POST",
        increment=True,
    )
    by_email = bool(_posted_email(group, request)) and is_ratelimited(
        request,
        group=f"{group}:email",
        key=_posted_email,
        rate=settings.ODOP_ACCOUNT_RATE_PER_EMAIL,
        method="POST",
        increment=True,
    )
    return bool(by_address or by_email)


PERIOD_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def rate_period_seconds(rate: str) -> int:
    """The period of a rate such as "10/h" or "3/15m", in seconds."""
    period = rate.partition("/")[2].strip()
    multiplier = int(period[:-1]) if period[:-1].isdigit() else 1
    return multiplier * PERIOD_SECONDS.get(period[-1:], 3600)


def throttled_response(request: HttpRequest) -> HttpResponse:
    """The 429 page: what happened and when to try again (`Retry-After`, the longer period)."""
    seconds = max(
        rate_period_seconds(settings.ODOP_ACCOUNT_RATE_PER_IP),
        rate_period_seconds(settings.ODOP_ACCOUNT_RATE_PER_EMAIL),
    )
    response = render(
        request, "accounts/throttled.html", {"minutes": max(1, seconds // 60)}, status=429
    )
    response["Retry-After"] = str(seconds)
    return response
