"""The public catalogue's pages (no login needed)."""

from django.urls import path

from odop.catalogue import views

app_name = "catalogue"
urlpatterns = [
    path("", views.home_view, name="home"),
    path("states/<int:lgd_code>/", views.state_view, name="state"),
    path("districts/<int:lgd_code>/", views.district_view, name="district"),
    path("products/<int:pk>/", views.product_view, name="product"),
    path("product-types/<slug:slug>/", views.product_type_view, name="product-type"),
    path("search/", views.search_view, name="search"),
]
