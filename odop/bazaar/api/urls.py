"""API paths of the ODOP Bazaar, mounted at /api/v1/bazaar/ (namespace "bazaar-api")."""

from django.urls import path

from odop.bazaar.api import views

app_name = "bazaar-api"
urlpatterns = [
    path("listings/", views.ListingListCreateApi.as_view(), name="listing-list"),
    path("listings/<int:listing_id>/", views.ListingDetailApi.as_view(), name="listing-detail"),
    path(
        "listings/<int:listing_id>/transition/",
        views.ListingTransitionApi.as_view(),
        name="listing-transition",
    ),
    path(
        "listings/<int:listing_id>/photos/", views.ListingPhotoApi.as_view(), name="listing-photo"
    ),
    path(
        "listings/<int:listing_id>/photos/<int:photo_id>/",
        views.ListingPhotoDeleteApi.as_view(),
        name="listing-photo-delete",
    ),
    path("producers/", views.ProducerListCreateApi.as_view(), name="producer-list"),
    path("producers/<int:producer_id>/", views.ProducerDetailApi.as_view(), name="producer-detail"),
    path(
        "producers/<int:producer_id>/verify/",
        views.ProducerVerifyApi.as_view(),
        name="producer-verify",
    ),
    path(
        "producers/<int:producer_id>/contact/",
        views.ProducerContactApi.as_view(),
        name="producer-contact",
    ),
    path(
        "producers/<int:producer_id>/reveals/",
        views.ProducerRevealListApi.as_view(),
        name="producer-reveals",
    ),
    path("inquiries/", views.InquiryListCreateApi.as_view(), name="inquiry-list"),
    path("inquiries/<int:inquiry_id>/quotes/", views.QuoteCreateApi.as_view(), name="quote-create"),
    path("quotes/<int:quote_id>/accept/", views.QuoteAcceptApi.as_view(), name="quote-accept"),
    path("orders/", views.OrderListCreateApi.as_view(), name="order-list"),
    path("orders/ageing/", views.OrderAgeingApi.as_view(), name="order-ageing"),
    path("orders/<int:order_id>/", views.OrderDetailApi.as_view(), name="order-detail"),
    path(
        "orders/<int:order_id>/transition/",
        views.OrderTransitionApi.as_view(),
        name="order-transition",
    ),
    path("orders/<int:order_id>/payment/", views.OrderPaymentApi.as_view(), name="order-payment"),
]
