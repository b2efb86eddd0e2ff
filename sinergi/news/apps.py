from django.apps import AppConfig


class NewsConfig(AppConfig):
    name = "sinergi.news"
    verbose_name = "Berita"
