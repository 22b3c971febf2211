"""Pages of the producer registry, mounted at /producers/ (namespace "producers")."""

from django.urls import path

from odop.producers import views

app_name = "producers"
urlpatterns = [
    path("", views.producer_list_view, name="list"),
    path("me/", views.producer_mine_view, name="mine"),
    path("upload/", views.producer_upload_view, name="upload"),
    path("signup/", views.producer_signup_view, name="signup"),
    path("<int:pk>/", views.producer_360_view, name="producer"),
]
