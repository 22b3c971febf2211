"""Pages of Common Facility Centres, mounted at /cfcs/ (namespace "facilities")."""

from django.urls import path

from odop.facilities import views, views_registry

app_name = "facilities"
urlpatterns = [
    path("", views.centres_view, name="centres"),
    path("new/", views_registry.centre_new_view, name="centre-new"),
    path("bookings/", views_registry.my_bookings_view, name="my-bookings"),
    path("<int:centre_id>/edit/", views_registry.centre_edit_view, name="centre-edit"),
    path(
        "<int:centre_id>/equipment/<int:equipment_id>/",
        views_registry.equipment_edit_view,
        name="equipment-edit",
    ),
    path("utilisation/", views.state_utilisation_view, name="state-utilisation"),
    path("<int:centre_id>/", views.centre_view, name="centre"),
    path("<int:centre_id>/utilisation/", views.utilisation_view, name="utilisation"),
]
