"""Pages of outlets and gift collections, mounted at /outlets/ (namespace "outlets")."""

from django.urls import path

from odop.outlets import views

app_name = "outlets"
urlpatterns = [
    path("", views.outlets_view, name="outlets"),
    path("mine/", views.outlets_mine_view, name="mine"),
    path("<int:pk>/", views.outlet_view, name="outlet"),
    path("gifts/", views.collections_view, name="collections"),
    path("gifts/<int:pk>/", views.collection_view, name="collection"),
]
