from django.apps import AppConfig


class EngagementConfig(AppConfig):
    name = "sinergi.engagement"
    verbose_name = "Kegiatan dan mitra"
