from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "sinergi.home"
    verbose_name = "Beranda"

    def ready(self) -> None:
        from sinergi.home import checks  # noqa: F401, PLC0415 -- registers the deploy checks
