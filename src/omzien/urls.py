from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView
from django_otp.admin import OTPAdminSite

from omzien.api import api

# The admin site demands a verified second factor as well.
admin.site.__class__ = OTPAdminSite
admin.site.site_header = "omzien beheer"
admin.site.site_title = "omzien"

urlpatterns = [
    path("", include("omzien.core.urls")),
    path("", include("omzien.people.urls")),
    path("account/", include("omzien.accounts.urls")),
    path("buurten/", include("omzien.neighbourhoods.urls")),
    path("sociale-kaart/", include("omzien.directory.urls")),
    path("activiteiten/", include("omzien.activities.urls")),
    path("welkom/", include("omzien.welcome.urls")),
    path("ondersteuning/", include("omzien.support.urls")),
    path("buurtcirkels/", include("omzien.circles.urls")),
    path("", include("omzien.reports.urls")),
    path("bereikbaarheid/", include("omzien.oncall.urls")),
    path("samen/", include("omzien.matching.urls")),
    path("buurtscan/", include("omzien.scan.urls")),
    path("plan/", include("omzien.plans.urls")),
    path("kerncijfers/", include("omzien.keyfigures.urls")),
    path("inzichten/", include("omzien.insights.urls")),
    path("buurtbeeld/", include("omzien.dashboard.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/", api.urls),
    # Everyone logs in through the same page, with the same throttling and 2FA.
    path("beheer/login/", RedirectView.as_view(pattern_name="accounts:login", query_string=True)),
    path("beheer/", admin.site.urls),
]

handler500 = "omzien.core.views.server_error"
