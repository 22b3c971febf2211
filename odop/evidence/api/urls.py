"""API paths of district statistics, mounted at /api/v1/evidence/ (dashed names).

The namespace is "evidence-api": "evidence" is the namespace of the HTML pages.
"""

from django.urls import path

from odop.evidence.api.views import DistrictStatisticListApi, EvidenceApi, StatisticsUploadApi

app_name = "evidence-api"
urlpatterns = [
    path("", EvidenceApi.as_view(), name="evidence-detail"),
    path("statistics/", DistrictStatisticListApi.as_view(), name="statistic-list"),
    path("statistics/upload/", StatisticsUploadApi.as_view(), name="statistics-upload"),
]
