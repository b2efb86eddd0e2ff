from django.apps import AppConfig


class EngagementConfig(AppConfig):
    name = "sinergi.engagement"
    verbose_name = "Kegiatan dan mitra"

    def ready(self) -> None:
        from sinergi.engagement import access  # noqa: PLC0415 -- models load only once apps are ready
        from sinergi.platform import media  # noqa: PLC0415 -- as above

        media.register("activities", access.activity_photo_door)
        media.register("commitments", access.commitment_photo_door)
