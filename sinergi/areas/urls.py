from django.urls import path

from sinergi.areas import views

app_name = "areas"
urlpatterns = [
    path("", views.search_view, name="search"),
    path("<str:code>/", views.detail_view, name="detail"),
    path("<str:code>/peta-dasar.geojson", views.base_map_view, name="base_map"),
]
