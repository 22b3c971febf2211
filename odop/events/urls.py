"""Pages of events, mounted at /events/ (namespace "events")."""

from django.urls import path

from odop.events import views

app_name = "events"
urlpatterns = [
    path("", views.event_list_view, name="events"),
    path("new/", views.event_create_view, name="event-create"),
    path("<int:event_id>/", views.event_view, name="event"),
    path("<int:event_id>/my-schedule/", views.my_schedule_view, name="my-schedule"),
    path("<int:event_id>/my-schedule.pdf", views.my_schedule_pdf_view, name="my-schedule-pdf"),
]
