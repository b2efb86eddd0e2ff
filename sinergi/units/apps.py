from django.apps import AppConfig


class UnitsConfig(AppConfig):
    name = "sinergi.units"
    verbose_name = "Satuan"
