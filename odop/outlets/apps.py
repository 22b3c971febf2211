from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutletsConfig(AppConfig):
    name = "odop.outlets"
    label = "outlets"
    verbose_name = _("Outlets and gifting: PM Ekta Malls, ODOP walls, stores abroad")
