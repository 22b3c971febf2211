from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SchemesConfig(AppConfig):
    name = "odop.schemes"
    label = "schemes"
    verbose_name = _("Schemes")

    def ready(self) -> None:
        # The producer 360 page's section of this app (the registry imports no domain).
        from odop.schemes.producer_sections import sections_register

        sections_register()
        # Its platform figures for outcomes (a domain of the same layer; issue 17).
        from odop.schemes.figures import figures_register

        figures_register()
