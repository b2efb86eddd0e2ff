from django.urls import path

from sinergi.news import views

app_name = "news"
urlpatterns = [
    path("petugas/rilis/baca/", views.read_view, name="read"),
    path("petugas/rilis/baca/simpan/", views.save_view, name="save"),
    path("petugas/rilis/impor/", views.upload_view, name="upload"),
    path("petugas/rilis/impor/<int:pk>/", views.job_view, name="job"),
]
