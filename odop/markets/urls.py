from django.urls import path

from odop.markets import views

app_name = "markets"
urlpatterns = [
    path("markets/hs-codes/", views.hs_codes_view, name="hs-codes"),
]
