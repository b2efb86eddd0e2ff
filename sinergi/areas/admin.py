"""Areas come from the Kemendagri edition: searchable here, changed only by `import_areas`."""

from django.contrib import admin
from django.http import HttpRequest

from sinergi.areas.models import Area


@admin.register(Area)
class AreaAdmin(admin.ModelAdmin[Area]):
    list_display = ["code", "name", "kind", "edition", "retired_at"]
    list_filter = ["level", "kind", "retired_at"]
    search_fields = ["code", "name"]
    ordering = ["code"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Area | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Area | None = None) -> bool:
        return False
