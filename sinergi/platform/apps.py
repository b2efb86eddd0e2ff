from django.apps import AppConfig


class PlatformConfig(AppConfig):
    """What runs the system underneath the domains: middleware, rate limits, task leases and the
    schedule, media storage and its doors, backups, PDFs, the timeline base, deploy checks."""

    name = "sinergi.platform"
    label = "platform"
    verbose_name = "Platform"

    def ready(self) -> None:
        from sinergi.platform import checks  # noqa: F401, PLC0415 -- registers the deploy checks
