from django.urls import path

from sinergi.home import views

app_name = "home"
urlpatterns = [
    path("", views.index_view, name="index"),
    path("sehat/", views.health_view, name="health"),
]
