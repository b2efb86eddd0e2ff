from django.contrib import admin

from sinergi.accounts.admin import RecordsContactViews
from sinergi.engagement.models import Activity, Commitment, Partner


@admin.register(Partner)
class PartnerAdmin(RecordsContactViews, admin.ModelAdmin[Partner]):
    list_display = ["name", "kind", "area", "last_engaged_on", "active"]
    list_filter = ["kind", "active"]
    search_fields = ["name", "area__name"]
    raw_id_fields = ["area", "created_by"]


@admin.register(Activity)
class ActivityAdmin(admin.ModelAdmin[Activity]):
    list_display = ["title", "kind", "unit", "area", "status", "planned_at", "held_at"]
    list_filter = ["status", "kind", "source"]
    search_fields = ["title", "area__name"]
    raw_id_fields = [
        "unit",
        "area",
        "place",
        "partners",
        "created_by",
        "reported_by",
        "verified_by",
    ]


@admin.register(Commitment)
class CommitmentAdmin(admin.ModelAdmin[Commitment]):
    list_display = ["text", "owner_label", "due_on", "status", "area"]
    list_filter = ["status"]
    search_fields = ["text", "owner_label"]
    raw_id_fields = ["activity", "area", "owner", "closed_by"]
