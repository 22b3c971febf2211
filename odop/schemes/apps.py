from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SchemesConfig(AppConfig):
    name = "odop.schemes"
    label = "schemes"
    verbose_name = _("Schemes")

    def ready(self) -> None:
        # Its platform figures for outcomes (a domain of the same layer; issue 17).
        from odop.schemes.figures import figures_register

        figures_register()
