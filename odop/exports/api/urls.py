"""API paths of district export plans and first-time exporters, mounted at /api/v1/exports/.

The namespace is "exports-api": "exports" is the namespace of the HTML pages.
"""

from django.urls import path

from odop.exports.api import views

app_name = "exports-api"
urlpatterns = [
    path("plans/", views.PlanListCreateApi.as_view(), name="plan-list"),
    path("plans/<int:plan_id>/", views.PlanDetailApi.as_view(), name="plan-detail"),
    path(
        "plans/<int:plan_id>/transition/",
        views.PlanTransitionApi.as_view(),
        name="plan-transition",
    ),
    path("plans/<int:plan_id>/targets/", views.TargetAddApi.as_view(), name="target-add"),
    path(
        "plans/<int:plan_id>/targets/<int:target_id>/progress/",
        views.ProgressAddApi.as_view(),
        name="progress-add",
    ),
    path(
        "plans/<int:plan_id>/bottlenecks/",
        views.BottleneckAddApi.as_view(),
        name="bottleneck-add",
    ),
    path(
        "plans/<int:plan_id>/bottlenecks/<int:bottleneck_id>/transition/",
        views.BottleneckTransitionApi.as_view(),
        name="bottleneck-transition",
    ),
    path(
        "plans/<int:plan_id>/members/",
        views.CommitteeMemberAddApi.as_view(),
        name="committee-member-add",
    ),
    path("plans/<int:plan_id>/meetings/", views.MeetingAddApi.as_view(), name="meeting-add"),
    path("exporters/", views.ExporterListCreateApi.as_view(), name="exporter-list"),
    path("exporters/<int:exporter_id>/", views.ExporterDetailApi.as_view(), name="exporter-detail"),
    path(
        "exporters/<int:exporter_id>/checklist/",
        views.ExporterChecklistUpdateApi.as_view(),
        name="exporter-checklist-update",
    ),
    path(
        "exporters/<int:exporter_id>/transition/",
        views.ExporterTransitionApi.as_view(),
        name="exporter-transition",
    ),
    path("rollup/", views.RollupApi.as_view(), name="rollup"),
]
