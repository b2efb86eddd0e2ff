from django.apps import AppConfig


class HumasConfig(AppConfig):
    name = "sinergi.humas"
    verbose_name = "Humas"
