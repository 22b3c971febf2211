"""Pages of events, mounted at /events/ (namespace "events")."""

from django.urls import path

from odop.events import mission_views, views

app_name = "events"
urlpatterns = [
    path("", views.event_list_view, name="events"),
    path("new/", views.event_create_view, name="event-create"),
    path("<int:event_id>/", views.event_view, name="event"),
    path("<int:event_id>/stalls/", views.stalls_view, name="stalls"),
    path("<int:event_id>/my-schedule/", views.my_schedule_view, name="my-schedule"),
    path("<int:event_id>/my-schedule.pdf", views.my_schedule_pdf_view, name="my-schedule-pdf"),
    path("missions/", mission_views.missions_view, name="missions"),
    path("missions/outreach/new/", mission_views.outreach_create_view, name="outreach-create"),
    path("consignments/", mission_views.consignment_list_view, name="consignments"),
    path("consignments/new/", mission_views.consignment_create_view, name="consignment-create"),
    path(
        "consignments/<int:consignment_id>/",
        mission_views.consignment_view,
        name="consignment",
    ),
]
