"""Pages of notifications, mounted at /notifications/ (namespace "notifications")."""

from django.urls import path

from odop.notifications import views

app_name = "notifications"
urlpatterns = [
    path("consents/", views.consents_view, name="consents"),
]
