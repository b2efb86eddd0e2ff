from django.urls import include, path
from django.views.i18n import set_language

from config.api import api

urlpatterns = [
    path("", include("sinergi.home.urls")),
    path("", include("sinergi.accounts.urls")),
    path("wilayah/", include("sinergi.areas.urls")),
    path("satuan/", include("sinergi.units.urls")),
    path("bahasa/", set_language, name="set_language"),
    path("api/v1/", api.urls),
]
