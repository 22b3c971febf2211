from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BazaarConfig(AppConfig):
    name = "odop.bazaar"
    label = "bazaar"
    verbose_name = _("ODOP Bazaar: producers, listings and orders")
