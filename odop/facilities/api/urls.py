"""API paths of Common Facility Centres, mounted at /api/v1/cfcs/."""

from django.urls import path

from odop.facilities.api import views

app_name = "facilities-api"
urlpatterns = [
    path("", views.CentreListApi.as_view(), name="centre-list"),
    path("<int:centre_id>/", views.CentreDetailApi.as_view(), name="centre-detail"),
    path("<int:centre_id>/bookings/", views.BookingCreateApi.as_view(), name="booking-create"),
    path("bookings/<int:booking_id>/", views.BookingDetailApi.as_view(), name="booking-detail"),
    path(
        "bookings/<int:booking_id>/confirm/",
        views.BookingConfirmApi.as_view(),
        name="booking-confirm",
    ),
    path("bookings/<int:booking_id>/use/", views.BookingUseApi.as_view(), name="booking-use"),
    path(
        "bookings/<int:booking_id>/no-show/",
        views.BookingNoShowApi.as_view(),
        name="booking-no-show",
    ),
    path(
        "bookings/<int:booking_id>/cancel/",
        views.BookingCancelApi.as_view(),
        name="booking-cancel",
    ),
]
