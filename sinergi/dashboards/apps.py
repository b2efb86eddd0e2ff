from django.apps import AppConfig


class DashboardsConfig(AppConfig):
    name = "sinergi.dashboards"
    verbose_name = "Dasbor dan peta"
