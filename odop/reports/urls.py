"""Pages of the MIS and the district maps."""

from django.urls import path

from odop.reports import views

app_name = "reports"
urlpatterns = [
    path("maps/districts/", views.district_map_view, name="district-map"),
    path("maps/districts.svg", views.district_map_svg_view, name="district-map-svg"),
    path("mis/", views.dashboard_view, name="dashboard"),
]
