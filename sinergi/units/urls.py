from django.urls import path

from sinergi.units import views

app_name = "units"
urlpatterns = [
    path("satuan/<int:pk>/", views.detail_view, name="detail"),
    path("petugas/kursi-kosong/", views.gaps_view, name="gaps"),
]
