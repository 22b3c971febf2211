"""Training's section of the producer 360 page: the trainings applied for and certificates.

Registered in `SkillsConfig.ready()`; the producer registry shows it without importing this
app. Rows come through this app's own gate, so a user sees only what they may.
"""

from collections.abc import Mapping, Sequence
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.utils.translation import gettext_lazy as _

from odop.accounts.models import User
from odop.producers.models import Producer
from odop.producers.selectors import ProducerSection, producer_section_register
from odop.skills.permissions import applications_visible_to

SECTION_ROWS = 50


def training_rows(user: User | AnonymousUser, producer: Producer) -> Sequence[Mapping[str, Any]]:
    """The producer's people's applications the user may see, with certificate numbers."""
    applications = (
        applications_visible_to(user)
        .filter(producer=producer)
        .select_related("certificate")
        .order_by("-batch__start_date", "-pk")
    )
    rows = []
    for application in applications[:SECTION_ROWS]:
        certificate = getattr(application, "certificate", None)
        rows.append(
            {
                "trainee": application.applicant_name,
                "programme": application.batch.programme.name,
                "from": application.batch.start_date.isoformat(),
                "status": application.get_status_display(),
                "certificate": (
                    ""
                    if certificate is None
                    else f"{certificate.number}{' (revoked)' if certificate.is_revoked else ''}"
                ),
            }
        )
    return rows


def sections_register() -> None:
    producer_section_register(
        ProducerSection(
            key="training",
            title=_("Training and certificates"),
            rows=training_rows,
            order=40,
            columns={
                "trainee": _("Trainee"),
                "programme": _("Programme"),
                "from": _("Starts"),
                "status": _("Status"),
                "certificate": _("Certificate"),
            },
        )
    )
