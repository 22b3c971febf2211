from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OperationsConfig(AppConfig):
    """Running the platform: the server, background work, backups. No models of its own yet."""

    name = "odop.operations"
    label = "operations"
    verbose_name = _("Operations")
