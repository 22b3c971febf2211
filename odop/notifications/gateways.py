"""Where SMS and WhatsApp messages go: an adapter interface with a console backend for
development and an HTTP gateway for production, chosen by settings.

- ODOP_MESSAGE_GATEWAY: "console" (default: the message is logged, nothing leaves the machine)
  or "http".
- ODOP_MESSAGE_GATEWAY_URL, ODOP_MESSAGE_GATEWAY_TOKEN: for "http", the endpoint that receives
  `{"channel", "to", "text", "reference"}` as JSON with `Authorization: Bearer <token>`, and
  answers 2xx when it accepted the message.

Email does not pass through here: it goes through Django's mailers (EMAIL_BACKEND).
"""

import json
import logging
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from django.conf import settings

logger = logging.getLogger(__name__)

GATEWAY_TIMEOUT_SECONDS = 10


class GatewayError(Exception):
    """The gateway refused or could not take the message (the send is retried)."""


class MessageGateway(Protocol):
    def send(self, *, channel: str, to: str, text: str, reference: str) -> None: ...


class ConsoleGateway:
    """Development: write the message to the log instead of sending it."""

    def send(self, *, channel: str, to: str, text: str, reference: str) -> None:
        logger.info("[%s to %s, ref %s] %s", channel, to, reference, text)


# (url, body, headers, timeout) -> HTTP status. Tests replace it; nothing else should.
Transport = Callable[[str, bytes, dict[str, str], float], int]


def urllib_transport(url: str, body: bytes, headers: dict[str, str], timeout: float) -> int:
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return int(response.status)


@dataclass
class HttpGateway:
    """Production: POST the message as JSON to an SMS/WhatsApp provider's endpoint."""

    url: str
    token: str
    transport: Transport = urllib_transport

    def send(self, *, channel: str, to: str, text: str, reference: str) -> None:
        if not self.url:
            raise GatewayError("ODOP_MESSAGE_GATEWAY_URL is not set.")
        body = json.dumps(
            {"channel": channel, "to": to, "text": text, "reference": reference}
        ).encode()
        headers = {"Content-Type": "application/json", "Authorization": f"Bearer {self.token}"}
        try:
            status = self.transport(self.url, body, headers, GATEWAY_TIMEOUT_SECONDS)
        except OSError as error:
            raise GatewayError(f"Gateway unreachable: {error}") from error
        if not 200 <= status < 300:
            raise GatewayError(f"Gateway answered HTTP {status}.")


def gateway_from_settings() -> MessageGateway:
    """The gateway the settings name (read at each send, so a test may override them)."""
    kind = getattr(settings, "ODOP_MESSAGE_GATEWAY", "console")
    if kind == "http":
        return HttpGateway(
            url=getattr(settings, "ODOP_MESSAGE_GATEWAY_URL", ""),
            token=getattr(settings, "ODOP_MESSAGE_GATEWAY_TOKEN", ""),
            transport=TRANSPORT["http"],
        )
    return ConsoleGateway()


# The transport the HTTP gateway uses; a test puts a fake here (no network in tests).
TRANSPORT: dict[str, Transport] = {"http": urllib_transport}
