from django.urls import path

from odop.exports import views

app_name = "exports"
urlpatterns = [
    path("", views.plans_view, name="plans"),
    path("plans/<int:pk>/", views.plan_view, name="plan"),
    path("rollup/", views.rollup_view, name="rollup"),
    path("exporters/", views.exporters_view, name="exporters"),
    path("exporters/<int:pk>/", views.exporter_view, name="exporter"),
]
