from django.contrib import admin

from sinergi.humas.models import Release


@admin.register(Release)
class ReleaseAdmin(admin.ModelAdmin[Release]):
    list_display = ["headline", "unit", "status", "writer", "editor", "published_at"]
    list_filter = ["status"]
    search_fields = ["headline"]
    raw_id_fields = ["activity", "unit", "area", "writer", "editor"]
