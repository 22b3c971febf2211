"""Version 1 of the API: one path per action, dashed names."""

from django.urls import include, path

from odop.accounts.api import views as accounts
from odop.api.views import ApiRootApi
from odop.geography.api import views as geography
from odop.registry.api import views as registry

urlpatterns = [
    path("", ApiRootApi.as_view(), name="api-root"),
    path("auth/token/", accounts.ApiTokenObtainApi.as_view(), name="auth-token"),
    path("auth/token/revoke/", accounts.ApiTokenRevokeApi.as_view(), name="auth-token-revoke"),
    path(
        "auth/token/revoke-all/",
        accounts.ApiTokenRevokeAllApi.as_view(),
        name="auth-token-revoke-all",
    ),
    path("states/", geography.StateListApi.as_view(), name="state-list"),
    path("states/<int:lgd_code>/", geography.StateDetailApi.as_view(), name="state-detail"),
    path("districts/", geography.DistrictListApi.as_view(), name="district-list"),
    path("districts.geojson", geography.DistrictGeoJsonApi.as_view(), name="district-geojson"),
    path(
        "districts/<int:lgd_code>/", geography.DistrictDetailApi.as_view(), name="district-detail"
    ),
    path(
        "districts/<int:lgd_code>/aliases/",
        geography.DistrictAliasCreateApi.as_view(),
        name="district-alias-create",
    ),
    path("products/", registry.DistrictProductListApi.as_view(), name="product-list"),
    path("products.csv", registry.DistrictProductCsvApi.as_view(), name="product-csv"),
    path("products/<int:pk>/", registry.DistrictProductDetailApi.as_view(), name="product-detail"),
    path("gi/", registry.GIEntryListApi.as_view(), name="gi-list"),
    path("gi/<int:pk>/", registry.GIEntryDetailApi.as_view(), name="gi-detail"),
    path("evidence/", include("odop.evidence.api.urls")),
    path("selection/", include("odop.selection.api.urls")),
    path("exports/", include("odop.exports.api.urls")),
    path("markets/", include("odop.markets.api.urls")),
    path("producers/", include("odop.producers.api.urls")),
    path("bazaar/", include("odop.bazaar.api.urls")),
    path("outlets/", include("odop.outlets.api.urls")),
    path("schemes/", include("odop.schemes.api.urls")),
    path("outcomes/", include("odop.outcomes.api.urls_outcomes")),
    path("policies/", include("odop.outcomes.api.urls_policies")),
    path("", include("odop.skills.api.urls")),
    path("grievances/", include("odop.grievances.api.urls")),
    path("reports/", include("odop.reports.api.urls")),
    path("cfcs/", include("odop.facilities.api.urls")),
    path("events/", include("odop.events.api.urls")),
    path("applications/", include("odop.schemes.api.application_urls")),
]
