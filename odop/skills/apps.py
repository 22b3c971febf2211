from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SkillsConfig(AppConfig):
    name = "odop.skills"
    label = "skills"
    verbose_name = _("Skills: training programmes, batches and certificates")

    def ready(self) -> None:
        # The producer 360 page's section of this app (the registry imports no domain).
        from odop.skills.producer_sections import sections_register

        sections_register()
        # Its platform figures for outcomes (a domain of the same layer; issue 17).
        from odop.skills.figures import figures_register

        figures_register()
