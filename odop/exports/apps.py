from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExportsConfig(AppConfig):
    name = "odop.exports"
    label = "exports"
    verbose_name = _("District export plans and first-time exporters")

    def ready(self) -> None:
        # The producer 360 page's sections of this app (the registry imports no domain).
        from odop.exports.producer_sections import sections_register

        sections_register()
