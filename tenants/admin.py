"""The platform admin (platform hosts, ``/admin/``): operators, tenants, people, keys.

Tenants are created through provisioning (CLI, operator API), never by adding a row here: a row
without its cloned schema is exactly what provisioning exists to prevent. Members, plugin
settings, status changes and key revocations go through the same domain functions as GraphQL
(``tenants.members``, ``tenants.plugin_settings``, ``tenants.provisioning``,
``tenants.auth.credentials``), so the same rules hold and the same journal entries and events
are written; platform staff act there as the platform, on the space they are editing.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.core.exceptions import ValidationError

from imedia_core.context import Channel, ServiceContext
from imedia_core.errors import ServiceError
from imedia_core.permissions import Role

from . import members
from .auth.credentials import revoke_api_key
from .models import ApiKey, Domain, Membership, Operator, OperatorMembership, Tenant, TenantStatus, User
from .plugin_settings import check_plugin_change, configure_plugin
from .provisioning import set_status


def platform_context(request, tenant) -> ServiceContext:
    """Platform staff acting on ``tenant`` from the platform admin."""
    return ServiceContext.system(Channel.ADMIN, actor=request.user, tenant=tenant)


class DomainInline(admin.TabularInline):
    model = Domain
    extra = 0


def _planned_change(form) -> dict[int, str | None]:
    """What saving one membership row would do: ``{user id: role}``, ``None`` for a removal
    (a row whose person was replaced removes the former one)."""
    if not form.has_changed() and not form.cleaned_data.get("DELETE"):
        return {}
    previous_user = form.initial.get("user") if form.instance.pk else None
    if form.cleaned_data.get("DELETE"):
        return {previous_user: None} if previous_user else {}
    user = form.cleaned_data.get("user")
    if user is None:
        return {}
    change = {previous_user: None} if previous_user and previous_user != user.pk else {}
    change[user.pk] = form.cleaned_data.get("role")
    return change


class MembershipFormSet(forms.BaseInlineFormSet):
    """Judges every row together against the rule that a space keeps a tenant admin, so the
    person sees it as a form error (the save then goes through ``tenants.members``)."""

    def planned_changes(self) -> dict[int, str | None]:
        planned: dict[int, str | None] = {}
        for form in self.forms:
            if hasattr(form, "cleaned_data"):
                planned.update(_planned_change(form))
        return planned

    def clean(self):
        super().clean()
        if any(self.errors) or self.instance.pk is None:
            return
        try:
            members.check_an_admin_remains(self.instance, self.planned_changes())
        except ServiceError as exc:
            raise ValidationError(exc.message, code=exc.code) from exc


class MembershipInline(admin.TabularInline):
    model = Membership
    formset = MembershipFormSet
    extra = 0
    autocomplete_fields = ("user",)


def _save_memberships(ctx: ServiceContext, formset) -> None:
    """Apply the membership rows through ``tenants.members``: roles given first (promotions
    before demotions), removals last, so no intermediate step leaves the space without an admin.
    Fills the formset's ``new_objects``/``changed_objects``/``deleted_objects`` for the admin's history."""
    formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
    planned = formset.planned_changes()
    given = sorted(
        (item for item in planned.items() if item[1] is not None), key=lambda item: item[1] != Role.TENANT_ADMIN
    )
    users = User.objects.in_bulk([user_id for user_id, _ in given])
    for user_id, role in given:
        previous = Membership.objects.filter(tenant=ctx.tenant, user_id=user_id).values_list("role", flat=True).first()
        membership = members.set_role(ctx, users[user_id], role)
        if previous is None:
            formset.new_objects.append(membership)
        elif previous != role:
            formset.changed_objects.append((membership, ["role"]))
    removed = [user_id for user_id, role in planned.items() if role is None]
    for membership in Membership.objects.filter(tenant=ctx.tenant, user_id__in=removed).select_related("user"):
        members.remove(ctx, membership)
        formset.deleted_objects.append(membership)


class TenantAdminForm(forms.ModelForm):
    class Meta:
        model = Tenant
        fields = ("plugin_settings",)

    def clean_plugin_settings(self):
        value = self.cleaned_data.get("plugin_settings") or {}
        if not isinstance(value, dict):
            raise ValidationError("Un objet JSON : un réglage par module.")
        for name, entry in plugin_changes(self.initial.get("plugin_settings") or {}, value).items():
            try:
                check_plugin_change(name, **entry)
            except ServiceError as exc:
                raise ValidationError(f"« {name} » : {exc.message}", code=exc.code) from exc
        return value


def plugin_changes(before: dict, after: dict) -> dict[str, dict]:
    """Each plugin whose entry the admin changed, as ``configure_plugin`` arguments: the new
    entry in full (a removed entry goes back to the defaults: enabled, no configuration)."""
    changes = {}
    for name in sorted(set(before) | set(after)):
        entry = after.get(name)
        if entry == before.get(name):
            continue
        if entry is None:
            entry = {}
        if not isinstance(entry, dict) or set(entry) - {"enabled", "config"}:
            raise ValidationError(f"« {name} » : un objet avec « enabled » (true/false) et « config » (objet).")
        changes[name] = {"enabled": entry.get("enabled", True), "config": entry.get("config", {})}
    return changes


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
    form = TenantAdminForm
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

    def save_model(self, request, obj, form, change):
        """Plugin settings change through ``configure_plugin`` (its rules, journal and event),
        once the rest of the row is saved."""
        before = form.initial.get("plugin_settings") or {}
        changes = plugin_changes(before, obj.plugin_settings or {}) if change else {}
        if changes:
            obj.plugin_settings = before
        super().save_model(request, obj, form, change)
        for name, entry in changes.items():
            configure_plugin(platform_context(request, obj), name, **entry)

    def save_formset(self, request, form, formset, change):
        if formset.model is Membership:
            _save_memberships(platform_context(request, form.instance), formset)
        else:
            super().save_formset(request, form, formset, change)

    def _set_status(self, request, queryset, status, done: str):
        reason = f"{done.capitalize()} depuis l'administration" if status != TenantStatus.ACTIVE else ""
        for tenant in queryset:
            set_status(platform_context(request, tenant), tenant, status, reason)
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
        keys = list(queryset.filter(revoked_at__isnull=True).select_related("tenant"))
        for key in keys:
            revoke_api_key(platform_context(request, key.tenant), key)
        messages.success(request, f"{len(keys)} clé(s) révoquée(s).")
