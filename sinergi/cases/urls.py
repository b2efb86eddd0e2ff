from django.urls import path

from sinergi.cases import officer_views, views

app_name = "cases"
urlpatterns = [
    path("lapor/", views.submit_view, name="submit"),
    path("lacak/", views.track_lookup_view, name="track_lookup"),
    path("lacak/lupa/", views.recover_view, name="recover"),
    path("laporan-saya/", views.mine_view, name="mine"),
    path("lacak/<str:code>/", views.track_view, name="track"),
    path("lacak/<str:code>/tanggapan/", views.track_respond_view, name="track_respond"),
    path("petugas/laporan/", officer_views.inbox_view, name="inbox"),
    path("petugas/laporan/serahkan/", officer_views.bulk_view, name="bulk"),
    path("petugas/laporan/catat/", officer_views.capture_view, name="capture"),
    path("petugas/laporan/<int:pk>/", officer_views.case_view, name="officer_case"),
    path("petugas/laporan/<int:pk>/<slug:action>/", officer_views.action_view, name="action"),
]
