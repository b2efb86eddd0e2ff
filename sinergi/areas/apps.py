from django.apps import AppConfig


class AreasConfig(AppConfig):
    name = "sinergi.areas"
    verbose_name = "Wilayah"
