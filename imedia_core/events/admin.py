"""The outbox in a tenant's admin: read-only, for space admins, with a "retry now" action."""

from django.contrib import admin, messages

from imedia_core.admin_site import TenantModelAdmin, tenant_admin_site
from imedia_core.permissions import Perm

from .dispatch import retry_now
from .models import OutboxEvent


@admin.register(OutboxEvent, site=tenant_admin_site)
class OutboxEventAdmin(TenantModelAdmin):
    view_permission = Perm.MANAGE_TENANT
    edit_permission = Perm.MANAGE_TENANT
    list_display = ("created_at", "type", "subject_type", "subject_id", "dispatched_at", "attempts")
    list_filter = ("type", ("dispatched_at", admin.EmptyFieldListFilter))
    search_fields = ("type", "subject_id", "event_id")
    date_hierarchy = "created_at"
    readonly_fields = [f.name for f in OutboxEvent._meta.fields]
    actions = ["retry_selected"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description="Réessayer maintenant les événements non distribués")
    def retry_selected(self, request, queryset):
        count = retry_now(queryset)
        self.message_user(request, f"{count} événement(s) seront redistribués au prochain passage.", messages.SUCCESS)
