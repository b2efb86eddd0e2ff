from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "sinergi.cases"
    verbose_name = "Laporan"

    def ready(self) -> None:
        from sinergi.cases import access  # noqa: PLC0415 -- models load only once apps are ready
        from sinergi.platform import media  # noqa: PLC0415 -- as above

        media.register("cases", access.photo_door)
