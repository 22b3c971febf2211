"""Pages of training, mounted at /skills/ (namespace "skills")."""

from django.urls import path

from odop.skills import views

app_name = "skills"
urlpatterns = [
    path("", views.training_view, name="training"),
    path("batches/<int:pk>/", views.batch_view, name="batch"),
    path("batches/<int:pk>/attendance/", views.attendance_view, name="attendance"),
    path("certificates/<int:pk>/", views.certificate_view, name="certificate"),
    path("certificates/<int:pk>/pdf/", views.certificate_pdf_view, name="certificate-pdf"),
    path("verify/<str:number>/", views.verify_view, name="verify"),
]
