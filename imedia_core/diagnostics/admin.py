"""Self-diagnostics in a tenant's admin: questionnaires with their dimensions, items and
maturity levels inline; groups; runs with their conclusions. Individual answers are not shown
(results are read, pseudonymised, over GraphQL and REST)."""

from django.contrib import admin
from django.db.models import Count

from imedia_core.admin_site import TenantModelAdmin, TenantTabularInline, tenant_admin_site
from imedia_core.content.sanitize import clean_html, plain_text
from imedia_core.permissions import Perm

from .models import Diagnostic, Dimension, Group, Item, MaturityLevel, Run


class DimensionInline(TenantTabularInline):
    model = Dimension
    fields = ("position", "slug", "title", "phase")
    ordering = ("position", "id")
    extra = 0


class ItemInline(TenantTabularInline):
    model = Item
    fields = ("position", "dimension", "text", "weight", "scale")
    ordering = ("position", "id")
    extra = 0

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        # Only the dimensions of the diagnostic being edited.
        if db_field.name == "dimension":
            object_id = request.resolver_match.kwargs.get("object_id")
            kwargs["queryset"] = Dimension.objects.filter(diagnostic_id=object_id or 0)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class MaturityLevelInline(TenantTabularInline):
    model = MaturityLevel
    fields = ("min_score", "label", "description")
    ordering = ("min_score",)
    extra = 0


@admin.register(Diagnostic, site=tenant_admin_site)
class DiagnosticAdmin(TenantModelAdmin):
    list_display = ("title", "slug", "status", "scorer_key", "template_key", "updated_at")
    list_filter = ("status",)
    search_fields = ("title", "slug")
    fields = ("title", "slug", "description", "status", "scorer_key", "template_key")
    readonly_fields = ("template_key",)
    inlines = (DimensionInline, ItemInline, MaturityLevelInline)

    def save_model(self, request, obj, form, change):
        obj.description = clean_html(obj.description)
        super().save_model(request, obj, form, change)


@admin.register(Group, site=tenant_admin_site)
class GroupAdmin(TenantModelAdmin):
    edit_permission = Perm.RUN_DIAGNOSTIC
    list_display = ("name", "slug", "created_at")
    search_fields = ("name",)
    fields = ("name", "slug", "description")


@admin.register(Run, site=tenant_admin_site)
class RunAdmin(TenantModelAdmin):
    edit_permission = Perm.RUN_DIAGNOSTIC
    list_display = ("title", "diagnostic", "group", "held_on", "status", "participant_total")
    list_filter = ("status", "diagnostic")
    search_fields = ("title", "group__name")
    fields = (
        "title",
        "diagnostic",
        "group",
        "held_on",
        "status",
        "code",
        "allow_anonymous",
        "conclusions",
        "priorities",
    )
    readonly_fields = ("diagnostic", "group", "status", "code")

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(participant_total=Count("participants"))

    @admin.display(description="Participant·es", ordering="participant_total")
    def participant_total(self, obj):
        return obj.participant_total

    def has_add_permission(self, request):
        # Runs are opened over the API (``diagnosticRunOpen``), which draws an unguessable code.
        return False

    def save_model(self, request, obj, form, change):
        obj.conclusions = plain_text(obj.conclusions, multiline=True)
        obj.priorities = plain_text(obj.priorities, multiline=True)
        super().save_model(request, obj, form, change)
