from django.urls import path

from sinergi.home import pwa, views

app_name = "home"
urlpatterns = [
    path("", views.index_view, name="index"),
    path("petugas/", views.tasks_view, name="tasks"),
    path("sehat/", views.health_view, name="health"),
    path("manifest.webmanifest", pwa.manifest_view, name="manifest"),
    path("sw.js", pwa.service_worker_view, name="sw"),
    path("luring/", pwa.offline_view, name="offline"),
]
