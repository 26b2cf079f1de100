from django.contrib import admin

from imedia_core.admin_site import TenantModelAdmin, tenant_admin_site
from imedia_core.permissions import Perm

from .models import AuditEntry


@admin.register(AuditEntry, site=tenant_admin_site)
class AuditEntryAdmin(TenantModelAdmin):
    view_permission = Perm.MANAGE_TENANT
    list_display = ("created_at", "action", "summary", "actor_label", "via")
    list_filter = ("action", "via")
    search_fields = ("summary", "actor_label", "action")
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
