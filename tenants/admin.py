"""The platform admin (platform hosts, ``/admin/``): operators, tenants, people, keys.

Tenants are created through provisioning (CLI, operator API), never by adding a row here: a row
without its cloned schema is exactly what provisioning exists to prevent.
"""

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils import timezone

from .models import ApiKey, Domain, Membership, Operator, OperatorMembership, Tenant, TenantStatus, User
from .provisioning import set_status


class DomainInline(admin.TabularInline):
    model = Domain
    extra = 0


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ("user",)


@admin.register(Operator)
class OperatorAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "created_at")
    search_fields = ("name", "slug")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Tenant)
class TenantAdmin(admin.ModelAdmin):
    list_display = ("name", "schema_name", "policy_area", "territory", "operator", "status", "created_at")
    list_filter = ("status", "policy_area", "operator")
    search_fields = ("name", "schema_name", "territory")
    # Status changes go through the actions (set_status: audit entry, plugin hooks), not the form.
    readonly_fields = ("schema_name", "status", "status_reason", "template_key", "created_at", "updated_at")
    fields = (
        "schema_name",
        "name",
        "policy_area",
        "territory",
        "operator",
        "locale",
        "status",
        "status_reason",
        "template_key",
        "plugin_settings",
        "cors_allowed_origins",
        "created_at",
        "updated_at",
    )
    inlines = [DomainInline, MembershipInline]
    actions = ["suspend", "archive", "reactivate"]

    def get_queryset(self, request):
        return super().get_queryset(request).programmes()

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def _set_status(self, request, queryset, status, done: str):
        reason = f"{done.capitalize()} depuis l'administration" if status != TenantStatus.ACTIVE else ""
        for tenant in queryset:
            set_status(tenant, status, reason, actor=request.user, via="admin")
        messages.success(request, f"{queryset.count()} espace(s) {done}(s).")

    @admin.action(description="Suspendre les espaces sélectionnés")
    def suspend(self, request, queryset):
        self._set_status(request, queryset, TenantStatus.SUSPENDED, "suspendu")

    @admin.action(description="Archiver les espaces sélectionnés")
    def archive(self, request, queryset):
        self._set_status(request, queryset, TenantStatus.ARCHIVED, "archivé")

    @admin.action(description="Réactiver les espaces sélectionnés")
    def reactivate(self, request, queryset):
        self._set_status(request, queryset, TenantStatus.ACTIVE, "réactivé")


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ("email",)
    list_display = ("email", "display_name", "is_staff", "is_superuser", "is_active")
    search_fields = ("email", "display_name")
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        ("Profil", {"fields": ("display_name",)}),
        ("Droits", {"fields": ("is_active", "is_staff", "is_superuser")}),
        ("Dates", {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)
    filter_horizontal = ()
    list_filter = ("is_staff", "is_superuser", "is_active")


@admin.register(OperatorMembership)
class OperatorMembershipAdmin(admin.ModelAdmin):
    list_display = ("user", "operator", "created_at")
    autocomplete_fields = ("user",)


@admin.register(ApiKey)
class ApiKeyAdmin(admin.ModelAdmin):
    list_display = ("name", "tenant", "prefix", "scopes", "created_at", "last_used_at", "revoked_at")
    list_filter = ("tenant",)
    readonly_fields = ("tenant", "name", "prefix", "scopes", "created_by", "created_at", "last_used_at", "revoked_at")
    exclude = ("key_hash",)
    actions = ["revoke"]

    def has_add_permission(self, request):
        return False

    @admin.action(description="Révoquer les clés sélectionnées")
    def revoke(self, request, queryset):
        count = queryset.filter(revoked_at__isnull=True).update(revoked_at=timezone.now())
        messages.success(request, f"{count} clé(s) révoquée(s).")
