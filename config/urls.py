from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language
from django_otp.admin import OTPAdminSite

from config.api import api
from sinergi.platform.media import media_view

# A lost database raised in any middleware is 503 "coba lagi"; anything else is 500.html.
handler500 = "sinergi.platform.middleware.server_error"

# The admin asks for the TOTP code too: only staff with a verified second factor get in.
admin.site.__class__ = OTPAdminSite
admin.site.site_header = "Sinergi — kelola"
admin.site.site_title = "Sinergi"
admin.site.index_title = "Kelola data"

urlpatterns = [
    path("", include("sinergi.home.urls")),
    path("", include("sinergi.accounts.urls")),
    path("wilayah/", include("sinergi.areas.urls")),
    path("", include("sinergi.cases.urls")),
    path("", include("sinergi.engagement.urls")),
    path("", include("sinergi.humas.urls")),
    path("", include("sinergi.news.urls")),
    path("", include("sinergi.patrols.urls")),
    path("", include("sinergi.dashboards.urls")),
    path("", include("sinergi.early_warning.urls")),
    path("", include("sinergi.units.urls")),
    path("", include("sinergi.messaging.urls")),
    path("bahasa/", set_language, name="set_language"),
    path("api/v1/", api.urls),
    path("open311/v2/", include("sinergi.cases.open311.urls")),
    path("kelola/", admin.site.urls),
    # uploaded files, each through its record's door (never a plain file server)
    path("media/<path:path>", media_view, name="media"),
]
