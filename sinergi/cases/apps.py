from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "sinergi.cases"
    verbose_name = "Laporan"
