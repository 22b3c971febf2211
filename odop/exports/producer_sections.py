"""The exporter pipeline's section of the producer 360 page: the producer's stage (issue 11).

Registered in `ExportsConfig.ready()`; rows are read through `exporters_visible_to`.
"""

from collections.abc import Mapping, Sequence
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.utils.translation import gettext_lazy as _

from odop.accounts.models import User
from odop.exports.models import CHECKLIST_FIELDS
from odop.exports.permissions import exporters_visible_to
from odop.producers.models import Producer
from odop.producers.selectors import ProducerSection, producer_section_register


def exporter_rows(user: User | AnonymousUser, producer: Producer) -> Sequence[Mapping[str, Any]]:
    """The producer's records in the first-time exporter pipeline the user may see."""
    records = exporters_visible_to(user).filter(producer=producer).order_by("pk")
    return [
        {
            "id": record.pk,
            "product": record.product,
            "stage": record.stage,
            "checklist": f"{record.checklist_done}/{len(CHECKLIST_FIELDS)}",
        }
        for record in records
    ]


def sections_register() -> None:
    producer_section_register(
        ProducerSection(
            key="exporter",
            title=_("First-time exporter pipeline"),
            rows=exporter_rows,
            order=30,
            columns={
                "id": _("No."),
                "product": _("Product"),
                "stage": _("Stage"),
                "checklist": _("Checklist done"),
            },
        )
    )
