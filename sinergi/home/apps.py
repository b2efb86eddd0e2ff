from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "sinergi.home"
    verbose_name = "Beranda"
