from django.apps import AppConfig


class EarlyWarningConfig(AppConfig):
    name = "sinergi.early_warning"
    verbose_name = "Deteksi dini"
