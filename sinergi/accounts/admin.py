from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.http import HttpRequest

from sinergi.accounts.models import ApiToken, AuditEvent, User


@admin.register(User)
class UserAdmin(BaseUserAdmin):  # type: ignore[type-arg]  # django-stubs: UserAdmin is generic over the user model
    fieldsets = (
        *BaseUserAdmin.fieldsets,  # type: ignore[misc]  # a tuple in Django, Optional in the stubs
        ("Sinergi", {"fields": ("name", "rank", "phone")}),
    )
    list_display = ["username", "name", "rank", "is_active"]
    search_fields = ["username", "name", "email"]


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin[AuditEvent]):
    """Append-only: readable, never changed or deleted here."""

    list_display = ["at", "kind", "actor", "subject", "username", "ip", "path"]
    list_filter = ["kind"]
    search_fields = ["username", "path"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: AuditEvent | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: AuditEvent | None = None) -> bool:
        return False


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin[ApiToken]):
    list_display = ["name", "user", "prefix", "created_at", "last_used_at", "revoked_at"]
    readonly_fields = ["prefix", "key_hash", "created_at", "last_used_at"]
