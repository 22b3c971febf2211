from django.urls import path

from odop.registry import views

app_name = "registry"
urlpatterns = [
    path("data-quality/", views.data_quality_view, name="data-quality"),
    path("data-quality.csv", views.data_quality_csv_view, name="data-quality-csv"),
    path("gi-queue/", views.gi_queue_view, name="gi-queue"),
    path("gi-queue/<int:product_id>/", views.gi_queue_product_view, name="gi-queue-product"),
]
