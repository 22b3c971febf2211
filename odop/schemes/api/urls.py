"""API paths of schemes, mounted at /api/v1/schemes/."""

from django.urls import path

from odop.schemes.api import views

app_name = "schemes-api"
urlpatterns = [
    path("", views.SchemeListApi.as_view(), name="scheme-list"),
    path("<slug:code>/evaluate/", views.SchemeEvaluateApi.as_view(), name="scheme-evaluate"),
    path(
        "<slug:code>/parameters/<slug:name>/values/",
        views.ParameterValueProposeApi.as_view(),
        name="parameter-value-propose",
    ),
    path(
        "parameter-values/<int:value_id>/approve/",
        views.ParameterValueApproveApi.as_view(),
        name="parameter-value-approve",
    ),
    path(
        "parameter-values/<int:value_id>/reject/",
        views.ParameterValueRejectApi.as_view(),
        name="parameter-value-reject",
    ),
]
