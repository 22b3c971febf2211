from django.urls import path

from odop.operations import views

app_name = "operations"
urlpatterns = [
    path("failed-jobs/", views.task_failures_view, name="task-failures"),
]
