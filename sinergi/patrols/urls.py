from django.urls import path

from sinergi.patrols import views

app_name = "patrols"
urlpatterns = [
    path("petugas/patroli/", views.today_view, name="today"),
    path("petugas/patroli/titik/", views.hotspots_view, name="hotspots"),
    path("petugas/patroli/rencana/", views.plans_view, name="plans"),
    path("petugas/patroli/rencana/baru/", views.plan_new_view, name="plan_new"),
    path("petugas/patroli/rencana/<int:pk>/", views.plan_view, name="plan"),
    path(
        "petugas/patroli/rencana/<int:pk>/titik/<int:hotspot>/hadir/",
        views.checkin_view,
        name="checkin",
    ),
    path("petugas/patroli/tinjau/", views.review_list_view, name="review"),
    path("petugas/patroli/kehadiran/<int:pk>/tinjau/", views.review_view, name="review_checkin"),
    path("petugas/patroli/titik/<int:pk>/pindah/", views.hotspot_move_view, name="hotspot_move"),
    path("petugas/patroli/titik/<int:pk>/gabung/", views.hotspot_merge_view, name="hotspot_merge"),
    path("petugas/pengamanan/", views.event_requests_view, name="event_requests"),
    path("petugas/pengamanan/<int:pk>/", views.event_request_view, name="event_request"),
    path(
        "petugas/pengamanan/<int:pk>/<slug:paper>.pdf",
        views.event_letter_view,
        name="event_letter",
    ),
]
