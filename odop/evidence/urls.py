from django.urls import path

from odop.evidence import views

app_name = "evidence"
urlpatterns = [
    path("statistics/", views.statistics_list_view, name="statistics-list"),
    path("statistics/upload/", views.statistics_upload_view, name="statistics-upload"),
]
