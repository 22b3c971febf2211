"""Mounts the HTML pages, the versioned API and the OpenAPI schema."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language
from drf_spectacular.views import SpectacularAPIView

from odop.api.docs import ApiDocsRedocView, ApiDocsSwaggerView
from odop.core.views import favicon_view

urlpatterns = [
    path("api/v1/", include("odop.api.urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", ApiDocsSwaggerView.as_view(url_name="schema"), name="api-docs"),
    path("api/redoc/", ApiDocsRedocView.as_view(url_name="schema"), name="api-redoc"),
    # Kept for old forms and clients: it redirects to the page's URL in the chosen language.
    path("i18n/setlang/", set_language, name="set_language"),
    path("admin/", admin.site.urls),
    path("favicon.ico", favicon_view, name="favicon"),
]
# The pages: English at their plain URLs, Hindi under /hi/. The URL alone says the language, so
# a cached anonymous page is the same for everyone who asks for that URL, and switching
# language is a plain link (no form, no CSRF token). The API above stays unprefixed.
urlpatterns += i18n_patterns(
    path("accounts/", include("odop.accounts.urls")),
    path("my/", include("odop.workspace.urls")),
    path("", include("odop.geography.urls")),
    path("", include("odop.registry.urls")),
    path("evidence/", include("odop.evidence.urls")),
    path("selection/", include("odop.selection.urls")),
    path("exports/", include("odop.exports.urls")),
    path("producers/", include("odop.producers.urls")),
    path("bazaar/", include("odop.bazaar.urls")),
    path("outlets/", include("odop.outlets.urls")),
    path("schemes/", include("odop.schemes.urls")),
    path("outcomes/", include("odop.outcomes.urls")),
    path("skills/", include("odop.skills.urls")),
    path("grievances/", include("odop.grievances.urls")),
    path("notifications/", include("odop.notifications.urls")),
    path("cfcs/", include("odop.facilities.urls")),
    path("events/", include("odop.events.urls")),
    path("operations/", include("odop.operations.urls")),
    path("", include("odop.reports.urls")),
    path("", include("odop.markets.urls")),
    path("", include("odop.exports.profile_urls")),
    path("", include("odop.catalogue.urls")),
    prefix_default_language=False,
)

# A path under /api/ that matches no route answers JSON in the API's error shape (issue 10).
handler404 = "odop.api.views.not_found"

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
