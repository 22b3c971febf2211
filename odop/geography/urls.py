from django.urls import path

app_name = "geography"
urlpatterns: list = []
