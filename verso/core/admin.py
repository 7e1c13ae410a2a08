from django.contrib import admin

from verso.core.models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """The whole audit trail, security events included, for the superuser: read only."""

    list_display = ["created_at", "action", "actor", "network", "target_type", "target_id"]
    list_filter = ["action"]
    search_fields = ["action", "target_id", "actor__email"]
    date_hierarchy = "created_at"
    list_select_related = ["actor", "network"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
