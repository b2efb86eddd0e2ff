from django.urls import path

from sinergi.dashboards import views

app_name = "dashboards"
urlpatterns = [
    path("petugas/dasbor/", views.dashboard_view, name="dashboard"),
    path("petugas/dasbor/peta/<slug:layer>.geojson", views.geo_view, name="geo"),
    path("petugas/perencana/", views.planner_view, name="planner"),
    path("petugas/dasbor/tugaskan/", views.assign_view, name="assign"),
    path("petugas/dasbor/rekap/", views.recap_page_view, name="recap_page"),
    path("petugas/dasbor/rekap/<slug:period>.<slug:fmt>", views.recap_view, name="recap"),
    path("papan/<str:code>/", views.board_view, name="board"),
]
