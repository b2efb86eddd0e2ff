"""Failed deliveries are visible to admins here (filter by status)."""

from django.contrib import admin

from sinergi.messaging.models import Outbox


@admin.register(Outbox)
class OutboxAdmin(admin.ModelAdmin[Outbox]):
    list_display = ["created_at", "channel", "to", "subject", "status", "attempts", "last_error"]
    list_filter = ["status", "channel"]
    search_fields = ["to", "subject", "key"]
    readonly_fields = ["key", "attempts", "sent_at", "created_at", "last_error"]
