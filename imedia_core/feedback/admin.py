"""Responses and commitments in a tenant's admin: browse, search and filter them, overdue
commitments flagged. Changes go through the API (GraphQL), where the state machines, required
reasons, events and follower notifications apply: the admin shows the record, read-only, so
nothing can bypass them. It shows what the API shows the same person (``visibility``): drafts
only to people who may respond."""

from django.contrib import admin

from imedia_core.admin_site import TenantModelAdmin, admin_context, admin_principal, tenant_admin_site
from imedia_core.permissions import Perm

from .models import Commitment, CommitmentUpdate, Response
from .visibility import visible_commitments, visible_responses


class ReadOnlyAdmin(TenantModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Response, site=tenant_admin_site)
class ResponseAdmin(ReadOnlyAdmin):
    list_display = ("contribution", "decision", "status", "responder_label", "capacity", "published_at")
    list_filter = ("status", "decision")
    search_fields = ("contribution__title", "text", "reason", "responder_label", "capacity")
    list_select_related = ("contribution",)
    date_hierarchy = "created_at"

    def get_queryset(self, request):
        return visible_responses(admin_context(request), super().get_queryset(request))


class OverdueFilter(admin.SimpleListFilter):
    title = "retard"
    parameter_name = "overdue"

    def lookups(self, request, model_admin):
        return [("yes", "En retard"), ("no", "Dans les temps ou clos")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(is_overdue=True)
        if self.value() == "no":
            return queryset.filter(is_overdue=False)
        return queryset


class CommitmentUpdateInline(admin.TabularInline):
    model = CommitmentUpdate
    extra = 0
    fields = ("date", "text", "progress", "previous_status", "status", "due_date", "author_label")
    readonly_fields = fields
    can_delete = False

    def has_view_permission(self, request, obj=None):
        # Tenant roles, not Django's global model permissions (which know nothing of tenants).
        return admin_principal(request).has(Perm.USE_ADMIN)

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Commitment, site=tenant_admin_site)
class CommitmentAdmin(ReadOnlyAdmin):
    list_display = ("title", "owner_label", "due_date", "status", "progress", "overdue")
    list_filter = ("status", OverdueFilter)
    search_fields = ("title", "owner_label", "description", "outcome")
    filter_horizontal = ()
    inlines = (CommitmentUpdateInline,)
    exclude = ("search_vector",)

    def get_queryset(self, request):
        return visible_commitments(admin_context(request), super().get_queryset(request))

    @admin.display(description="En retard", boolean=True, ordering="is_overdue")
    def overdue(self, obj):
        return obj.is_overdue
