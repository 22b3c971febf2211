"""API paths of the reports, mounted at /api/v1/reports/."""

from django.urls import path

from odop.reports.api import views

app_name = "reports-api"
urlpatterns = [
    path("mis.xlsx", views.MisXlsxApi.as_view(), name="mis-xlsx"),
    path("mis.pdf", views.MisPdfApi.as_view(), name="mis-pdf"),
]
