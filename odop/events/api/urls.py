"""API paths of events, mounted at /api/v1/events/."""

from django.urls import path

from odop.events.api import missions, views

app_name = "events-api"
urlpatterns = [
    path("", views.EventListApi.as_view(), name="event-list"),
    path("outreach/", missions.OutreachListApi.as_view(), name="outreach-list"),
    path("consignments/", missions.ConsignmentListApi.as_view(), name="consignment-list"),
    path(
        "consignments/<int:consignment_id>/status/",
        missions.ConsignmentStatusApi.as_view(),
        name="consignment-status",
    ),
    path("<int:event_id>/totals/", views.EventTotalsApi.as_view(), name="event-totals"),
    path(
        "<int:event_id>/registrations/",
        views.RegistrationListApi.as_view(),
        name="registration-list",
    ),
    path(
        "<int:event_id>/registrations/<int:registration_id>/decide/",
        views.RegistrationDecideApi.as_view(),
        name="registration-decide",
    ),
    path("<int:event_id>/stalls/", views.StallListApi.as_view(), name="stall-list"),
    path("<int:event_id>/orders/", views.EventOrderLinkApi.as_view(), name="order-link"),
    path(
        "<int:event_id>/meetings/<int:meeting_id>/followed-up/",
        views.MeetingFollowedUpApi.as_view(),
        name="meeting-followed-up",
    ),
    path("<int:event_id>/schedule/", views.ScheduleApi.as_view(), name="schedule"),
    path("<int:event_id>/meetings/", views.MeetingListApi.as_view(), name="meeting-list"),
    path(
        "<int:event_id>/meetings/<int:meeting_id>/outcome/",
        views.MeetingOutcomeApi.as_view(),
        name="meeting-outcome",
    ),
]
