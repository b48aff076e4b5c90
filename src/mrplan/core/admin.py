from django.contrib import admin
from django.http import HttpRequest

from mrplan.core.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only: the audit trail is never edited."""

    list_display = ["created_at", "actor_name", "verb", "content_type", "object_repr"]
    list_filter = ["verb", "content_type"]
    search_fields = ["object_repr", "actor_name"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
