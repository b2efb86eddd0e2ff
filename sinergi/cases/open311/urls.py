"""Open311 GeoReport v2 at /open311/v2/: every resource ends in its format, `.xml` or `.json`."""

from django.urls import re_path

from sinergi.cases.open311 import views

app_name = "open311"
urlpatterns = [
    re_path(r"^discovery\.(?P<fmt>\w+)$", views.discovery_view, name="discovery"),
    re_path(r"^services\.(?P<fmt>\w+)$", views.services_view, name="services"),
    re_path(
        r"^services/(?P<code>[^/.]+)\.(?P<fmt>\w+)$",
        views.service_definition_view,
        name="service",
    ),
    re_path(r"^requests\.(?P<fmt>\w+)$", views.requests_view, name="requests"),
    re_path(r"^requests/(?P<request_id>[^/.]+)\.(?P<fmt>\w+)$", views.request_view, name="request"),
    re_path(r"^tokens/(?P<token>[^/.]+)\.(?P<fmt>\w+)$", views.token_view, name="token"),
    # anything else under /open311/v2/ is answered in the spec's error shape, not an HTML page;
    # [\s\S], not ".": a path may carry an encoded line break (%0A)
    re_path(r"^(?P<path>[\s\S]*)$", views.not_found_view),
]
