from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlatformConfig(AppConfig):
    """The top layer: commands and seeding that orchestrate several apps (`odop bootstrap`,
    `odop seed_demo`). No app imports it, so every app imports only the layers below it."""

    name = "odop.platform"
    label = "platform"
    verbose_name = _("Platform: bootstrap and demo data")
