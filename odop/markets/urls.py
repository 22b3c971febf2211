from django.urls import path

from odop.markets import views

app_name = "markets"
urlpatterns = [
    path("districts/<int:lgd_code>/exports/", views.district_exports_view, name="district-exports"),
    path("markets/hs-codes/", views.hs_codes_view, name="hs-codes"),
]
