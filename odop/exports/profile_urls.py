"""The public export profile of a district, at /districts/<LGD code>/exports/."""

from django.urls import path

from odop.exports import views

app_name = "export-profile"
urlpatterns = [
    path("districts/<int:lgd_code>/exports/", views.district_exports_view, name="district"),
]
