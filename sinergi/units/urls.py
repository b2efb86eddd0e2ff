from django.urls import path

from sinergi.units import views

app_name = "units"
urlpatterns = [path("<int:pk>/", views.detail_view, name="detail")]
