"""Failed deliveries and failed inbound events are visible to admins here (filter by status);
which unit answers on which WhatsApp number or Telegram bot is set here too."""

from django.contrib import admin
from django.http import HttpRequest

from sinergi.accounts.admin import RecordsContactViews
from sinergi.messaging.models import ChatLine, InboundEvent, Outbox, masked


@admin.register(Outbox)
class OutboxAdmin(admin.ModelAdmin[Outbox]):
    list_display = [
        "created_at",
        "channel",
        "recipient",
        "subject",
        "status",
        "receipt",
        "attempts",
        "error_code",
        "last_error",
    ]
    list_filter = ["status", "channel", "receipt", "held"]
    # never by the recipient: a reporter's number or address would find their messages (and so
    # their cases) without any record of who looked
    search_fields = ["subject", "key", "provider_id", "about", "error_code"]
    exclude = ["to"]
    readonly_fields = [
        "recipient",
        "key",
        "attempts",
        "sent_at",
        "created_at",
        "last_error",
        "error_code",
        "provider_id",
        "receipt",
        "data",
        "about",
        "held",
    ]

    @admin.display(description="penerima")
    def recipient(self, outbox: Outbox) -> str:
        return masked(outbox.to)


@admin.register(ChatLine)
class ChatLineAdmin(admin.ModelAdmin[ChatLine]):
    list_display = ["channel", "account", "unit"]
    list_filter = ["channel"]
    autocomplete_fields = ["unit"]


@admin.register(InboundEvent)
class InboundEventAdmin(RecordsContactViews, admin.ModelAdmin[InboundEvent]):
    """Read-only: the raw events as the providers sent them (they hold sender ids)."""

    list_display = ["received_at", "channel", "external_id", "processed_at", "error"]
    list_filter = ["channel", ("processed_at", admin.EmptyFieldListFilter)]
    search_fields = ["external_id"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: InboundEvent | None = None) -> bool:
        return False
