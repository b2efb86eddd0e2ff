from django.apps import AppConfig


class PatrolsConfig(AppConfig):
    name = "sinergi.patrols"
    verbose_name = "Patroli dan pengamanan kegiatan"
