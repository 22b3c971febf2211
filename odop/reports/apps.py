from django.apps import AppConfig


class ReportsConfig(AppConfig):
    """MIS dashboards, the public MIS reports (XLSX, PDF) and the district maps (issue 17)."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "odop.reports"
    verbose_name = "MIS reports"
