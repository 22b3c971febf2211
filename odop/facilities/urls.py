"""Pages of Common Facility Centres, mounted at /cfcs/ (namespace "facilities")."""

from django.urls import path

from odop.facilities import views

app_name = "facilities"
urlpatterns = [
    path("", views.centres_view, name="centres"),
    path("utilisation/", views.state_utilisation_view, name="state-utilisation"),
    path("<int:centre_id>/", views.centre_view, name="centre"),
    path("<int:centre_id>/utilisation/", views.utilisation_view, name="utilisation"),
]
