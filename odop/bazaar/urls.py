"""Pages of the ODOP Bazaar, mounted at /bazaar/ (namespace "bazaar")."""

from django.urls import path

from odop.bazaar import views

app_name = "bazaar"
urlpatterns = [
    path("", views.storefront_view, name="storefront"),
    path("listings/<int:pk>/", views.listing_view, name="listing"),
    path("producers/<int:pk>/", views.producer_view, name="producer"),
    path("districts/<int:lgd_code>/", views.district_view, name="district"),
    path("sell/", views.sell_view, name="sell"),
    path("sell/listings/new/", views.listing_new_view, name="listing-new"),
    path("sell/listings/<int:pk>/", views.listing_edit_view, name="listing-edit"),
    path("buy/", views.buy_view, name="buy"),
    path("orders/<int:pk>/", views.order_view, name="order"),
    path("officer/", views.officer_view, name="officer"),
]
