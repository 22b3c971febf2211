from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FacilitiesConfig(AppConfig):
    name = "odop.facilities"
    label = "facilities"
    verbose_name = _("Common Facility Centres")

    def ready(self) -> None:
        # Its platform figures for outcomes (a domain of the same layer; issue 17).
        from odop.facilities.figures import figures_register

        figures_register()
