from django.urls import path

from odop.geography import views

app_name = "geography"
urlpatterns = [
    path("tools/district-resolver/", views.resolver_view, name="resolver"),
]
