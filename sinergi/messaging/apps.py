from django.apps import AppConfig


class MessagingConfig(AppConfig):
    name = "sinergi.messaging"
    verbose_name = "Pesan keluar"
