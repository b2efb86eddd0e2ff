"""Units and posts are editable after generation: names, parents, areas served, people's posts."""

from django.contrib import admin

from sinergi.units.models import Post, Unit, UnitArea


class UnitAreaInline(admin.TabularInline[UnitArea, Unit]):
    model = UnitArea
    extra = 1
    autocomplete_fields = ["area"]


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin[Unit]):
    list_display = ["name", "kind", "institution", "tier", "active"]
    list_filter = ["institution", "kind", "tier", "active"]
    search_fields = ["name", "key"]
    autocomplete_fields = ["parent"]
    readonly_fields = ["key"]
    inlines = [UnitAreaInline]


@admin.register(Post)
class PostAdmin(admin.ModelAdmin[Post]):
    list_display = ["user", "title", "unit", "role", "started_at", "ended_at"]
    list_filter = ["title", "role"]
    search_fields = ["user__username", "user__name", "unit__name"]
    autocomplete_fields = ["user", "unit", "areas"]
