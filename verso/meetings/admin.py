"""The operator sees the mail queue (failed mails with their error) in the admin; the task
queue's own results are in django-tasks-db's admin."""

from django.contrib import admin

from verso.meetings.models import OutgoingMail


@admin.register(OutgoingMail)
class OutgoingMailAdmin(admin.ModelAdmin):
    list_display = ("created_at", "status", "kind", "network", "attempts", "last_error")
    list_filter = ("status", "kind")
    readonly_fields = [f.name for f in OutgoingMail._meta.fields]
    search_fields = ("subject",)

    def has_add_permission(self, request):
        return False
