from django.apps import AppConfig


class PatrolsConfig(AppConfig):
    name = "sinergi.patrols"
    verbose_name = "Patroli dan pengamanan kegiatan"

    def ready(self) -> None:
        from sinergi.patrols import access  # noqa: PLC0415 -- models load only once apps are ready
        from sinergi.platform import media  # noqa: PLC0415 -- as above

        media.register("patrols", access.checkin_photo_door)
        media.register("events", access.event_file_door)
