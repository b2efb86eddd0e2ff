from django.urls import path

from sinergi.cases import views

app_name = "cases"
urlpatterns = [
    path("lapor/", views.submit_view, name="submit"),
    path("lacak/", views.track_lookup_view, name="track_lookup"),
    path("lacak/<str:code>/", views.track_view, name="track"),
]
