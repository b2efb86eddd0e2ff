from django.contrib import admin

from sinergi.early_warning.models import Election, ElectionStage, Issue


@admin.register(Issue)
class IssueAdmin(admin.ModelAdmin[Issue]):
    list_display = ["title", "category", "severity", "area", "status", "updated_at"]
    list_filter = ["status", "category", "severity"]
    search_fields = ["title", "area__name"]
    raw_id_fields = ["area", "areas", "cases", "activities", "created_by"]


class StageInline(admin.TabularInline[ElectionStage, Election]):
    model = ElectionStage
    extra = 1


@admin.register(Election)
class ElectionAdmin(admin.ModelAdmin[Election]):
    list_display = ["name", "kind", "area", "vote_on"]
    list_filter = ["kind"]
    raw_id_fields = ["area"]
    inlines = [StageInline]
