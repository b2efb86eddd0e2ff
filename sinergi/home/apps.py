from django.apps import AppConfig


class HomeConfig(AppConfig):
    """The front page, each role's landing page and menu, the officers' app shell, the demo."""

    name = "sinergi.home"
    verbose_name = "Beranda"
