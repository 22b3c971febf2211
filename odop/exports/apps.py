from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExportsConfig(AppConfig):
    name = "odop.exports"
    label = "exports"
    verbose_name = _("District export plans and first-time exporters")
