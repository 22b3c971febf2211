"""Pages of grievances, mounted at /grievances/ (namespace "grievances")."""

from django.urls import path

from odop.grievances import views

app_name = "grievances"
urlpatterns = [
    path("", views.grievances_mine_view, name="mine"),
    path("new/", views.grievance_file_view, name="file"),
    path("queue/", views.grievance_queue_view, name="queue"),
    path("track/", views.grievance_track_view, name="track"),
    path("track/<str:number>/", views.grievance_track_view, name="track-number"),
    path("<int:grievance_id>/", views.grievance_view, name="grievance"),
]
