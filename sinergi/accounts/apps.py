from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "sinergi.accounts"
    verbose_name = "Akun"
