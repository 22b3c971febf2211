from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BazaarConfig(AppConfig):
    name = "odop.bazaar"
    label = "bazaar"
    verbose_name = _("ODOP Bazaar: producers, listings and orders")

    def ready(self) -> None:
        # The producer 360 page's sections of this app (the registry imports no domain).
        from odop.bazaar.producer_sections import sections_register

        sections_register()
