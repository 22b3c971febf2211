"""Mounts the HTML pages, the versioned API and the OpenAPI schema."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView

urlpatterns = [
    path("api/v1/", include("odop.api.urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="api-docs"),
    path("api/redoc/", SpectacularRedocView.as_view(url_name="schema"), name="api-redoc"),
    path("i18n/setlang/", set_language, name="set_language"),
    path("admin/", admin.site.urls),
    path("accounts/", include("odop.accounts.urls")),
    path("", include("odop.geography.urls")),
    path("", include("odop.registry.urls")),
    path("evidence/", include("odop.evidence.urls")),
    path("selection/", include("odop.selection.urls")),
    path("exports/", include("odop.exports.urls")),
    path("producers/", include("odop.producers.urls")),
    path("bazaar/", include("odop.bazaar.urls")),
    path("outlets/", include("odop.outlets.urls")),
    path("", include("odop.markets.urls")),
    path("", include("odop.exports.profile_urls")),
    path("", include("odop.catalogue.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
