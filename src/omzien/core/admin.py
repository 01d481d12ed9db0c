from django.contrib import admin

from omzien.core.models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = [
        "at",
        "actor_label",
        "action",
        "category",
        "purpose",
        "subject_type",
        "subject_id",
    ]
    list_filter = ["action", "category"]
    search_fields = ["actor_label"]

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
