from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers

from sinergi.accounts import audit
from sinergi.accounts.models import ApiToken, AuditEvent, User


class RecordsContactViews:
    """For admin pages whose change form shows a person's contact (a partner's number, a user's
    e-mail, a chat sender in a raw payload): each opening is recorded like the partner page's,
    and no cache keeps the page."""

    def change_view(
        self,
        request: HttpRequest,
        object_id: str,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        response: HttpResponse = super().change_view(  # type: ignore[misc]  # a ModelAdmin mixin
            request, object_id, form_url, extra_context
        )
        if response.status_code == 200:
            audit.record_request(
                AuditEvent.Kind.CONTACT_VIEWED,
                request,
                data={"admin": self.__class__.__name__, "object_id": str(object_id)[:40]},
            )
            add_never_cache_headers(response)
        return response


@admin.register(User)
class UserAdmin(RecordsContactViews, BaseUserAdmin):  # type: ignore[type-arg]  # django-stubs: UserAdmin is generic over the user model
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
