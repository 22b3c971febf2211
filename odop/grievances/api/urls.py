"""API paths of grievances, mounted at /api/v1/grievances/."""

from django.urls import path

from odop.grievances.api import views

app_name = "grievances-api"
urlpatterns = [
    path("", views.GrievanceListFileApi.as_view(), name="grievance-list"),
    path("categories/", views.CategoryListApi.as_view(), name="category-list"),
    path("queue/", views.GrievanceQueueApi.as_view(), name="grievance-queue"),
    path("counts/", views.GrievanceCountsApi.as_view(), name="grievance-counts"),
    path("settings/", views.GrievanceSettingListProposeApi.as_view(), name="grievance-settings"),
    path(
        "settings/<int:setting_id>/<slug:decision>/",
        views.GrievanceSettingDecideApi.as_view(),
        name="grievance-setting-decide",
    ),
    path("track/<str:number>/", views.GrievanceTrackApi.as_view(), name="grievance-track"),
    path("<int:grievance_id>/", views.GrievanceDetailApi.as_view(), name="grievance-detail"),
    path("<int:grievance_id>/reply/", views.GrievanceReplyApi.as_view(), name="grievance-reply"),
    path(
        "<int:grievance_id>/interim/",
        views.GrievanceInterimApi.as_view(),
        name="grievance-interim",
    ),
    path(
        "<int:grievance_id>/escalate/",
        views.GrievanceEscalateApi.as_view(),
        name="grievance-escalate",
    ),
    path("<int:grievance_id>/rate/", views.GrievanceRateApi.as_view(), name="grievance-rate"),
]
