"""The schemes' section of the producer 360 page: the producer's scheme applications.

Registered in `SchemesConfig.ready()`; the producer registry shows it without importing this
app. Rows come through this app's own gate (`applications_visible_to`), so a user sees only
the applications they may: the producer their own, officers those of the districts they
cover, a bank officer those of their district.
"""

from collections.abc import Mapping, Sequence
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from odop.accounts.models import User
from odop.producers.models import Producer
from odop.producers.selectors import ProducerSection, producer_section_register
from odop.schemes import stages
from odop.schemes.permissions import applications_visible_to

SECTION_ROWS = 50


def application_rows(user: User | AnonymousUser, producer: Producer) -> Sequence[Mapping[str, Any]]:
    """The producer's scheme applications the user may see, newest first: the stage while in
    progress, else the outcome; names in the page's language (English or Hindi)."""
    applications = (
        applications_visible_to(user).filter(producer=producer).order_by("-created_at", "-pk")
    )
    hindi = (get_language() or "en").startswith("hi")
    rows = []
    for application in applications[:SECTION_ROWS]:
        stage = stages.stage_of(application.scheme.code, application.stage)
        rows.append(
            {
                "number": application.number,
                "scheme": application.scheme.name_hi if hindi else application.scheme.name,
                "submitted": timezone.localdate(application.created_at).isoformat(),
                "stage": stage.name if stage else application.get_status_display(),
                "status": application.get_status_display(),
                "benefit": str(application.benefit),
            }
        )
    return rows


def sections_register() -> None:
    producer_section_register(
        ProducerSection(
            key="scheme_applications",
            title=_("Scheme applications"),
            rows=application_rows,
            order=50,
            columns={
                "number": _("Application number"),
                "scheme": _("Scheme"),
                "submitted": _("Submitted on"),
                "stage": _("Stage"),
                "status": _("Status"),
                "benefit": _("Benefit (₹)"),
            },
        )
    )
