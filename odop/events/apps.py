from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "odop.events"
    label = "events"
    verbose_name = _("Events")

    def ready(self) -> None:
        # Its platform figures for outcomes (a domain of the same layer; issue 17).
        from odop.events.figures import figures_register

        figures_register()
