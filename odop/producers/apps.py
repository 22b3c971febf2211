from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProducersConfig(AppConfig):
    name = "odop.producers"
    label = "producers"
    verbose_name = _("Producers: the programme's enterprises")
