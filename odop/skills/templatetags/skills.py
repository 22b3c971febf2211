"""Template tags of training: the certificate badges other apps' pages show (the bazaar's
producer profile includes them without importing this app)."""

from typing import Any

from django import template

from odop.producers.models import Producer
from odop.skills.selectors import certificates_of

register = template.Library()


@register.inclusion_tag("skills/_certificate_badges.html")
def training_badges(producer: Producer) -> dict[str, Any]:
    """A badge per standing training certificate of the producer's people, linked to its
    public check."""
    return {"certificates": list(certificates_of(producer=producer)[:20])}
