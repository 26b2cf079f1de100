"""Connector links in a space's admin (space admins): the link's form with one input per setting of
the platform's external space and per credential (write-only: never shown, left blank to keep),
the mapping rules as list editors, « Synchroniser maintenant », and the answers' delivery log.

Every change goes through ``connectors.services``, so it is validated, journalled and emitted
exactly as through GraphQL.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from imedia_core.admin_site import (
    ServiceErrorsAsMessages,
    TenantModelAdmin,
    TenantTabularInline,
    admin_context,
    tenant_admin_site,
)
from imedia_core.errors import ServiceError
from imedia_core.permissions import Perm

from . import registry, services
from .models import Delivery, KindRule, Link, StepRule


def _space_key(platform_key: str, name: str) -> str:
    return f"space__{platform_key}__{name}"


def _credential_key(platform_key: str, name: str) -> str:
    return f"credential__{platform_key}__{name}"


class LinkForm(forms.ModelForm):
    """The link's own fields, plus the platform's space settings and credentials as inputs."""

    platform = forms.ChoiceField(label=_("Plateforme"), choices=())

    class Meta:
        model = Link
        fields = ("platform", "name", "base_url", "direction", "schedule_minutes", "full_sync_hours", "is_active")

    def __init__(self, *args, tenant=None, **kwargs):
        super().__init__(*args, **kwargs)
        platforms = registry.available(tenant) if tenant is not None else {}
        if self.instance.pk:
            platforms = {key: p for key, p in registry.installed().items() if key == self.instance.platform}
            platforms = {key: entry[1] for key, entry in platforms.items()}
            self.fields["platform"].disabled = True
        self.platforms = platforms
        self.fields["platform"].choices = [(key, p.label) for key, p in platforms.items()]
        for key, platform in platforms.items():
            prefix = f"{platform.label} — " if len(platforms) > 1 else ""
            for field in platform.space_fields:
                initial = (self.instance.space or {}).get(field.name, "") if self.instance.pk else ""
                widget_field = (
                    forms.ChoiceField(choices=[("", "—"), *field.choices])
                    if field.choices
                    else forms.CharField(max_length=500)
                )
                widget_field.label = f"{prefix}{field.label}"
                widget_field.help_text = field.help
                widget_field.required = False  # checked by the platform, for the chosen platform only
                widget_field.initial = initial
                self.fields[_space_key(key, field.name)] = widget_field
            for field in platform.credential_fields:
                self.fields[_credential_key(key, field.name)] = forms.CharField(
                    label=f"{prefix}{field.label}",
                    required=False,
                    widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "new-password"}),
                    help_text=_(
                        "Jamais affiché. Laissez vide pour garder les identifiants enregistrés ; pour les changer, "
                        "saisissez-les tous."
                    )
                    if self.instance.pk
                    else field.help,
                )

    def service_data(self) -> dict:
        data = {name: self.cleaned_data.get(name) for name in self.Meta.fields if name in self.cleaned_data}
        key = self.instance.platform if self.instance.pk else data.get("platform")
        platform = self.platforms.get(key)
        if platform is not None:
            data["space"] = {
                f.name: self.cleaned_data.get(_space_key(key, f.name)) or ""
                for f in platform.space_fields
                if self.cleaned_data.get(_space_key(key, f.name))
            }
            data["credentials"] = {
                f.name: self.cleaned_data.get(_credential_key(key, f.name))
                for f in platform.credential_fields
                if self.cleaned_data.get(_credential_key(key, f.name))
            }
        return data


class KindRuleInline(TenantTabularInline):
    model = KindRule
    view_permission = Perm.MANAGE_TENANT
    edit_permission = Perm.MANAGE_TENANT
    extra = 1
    fields = ("external_kind", "kind")
    verbose_name = _("type de la plateforme → type de contribution")
    verbose_name_plural = _("Correspondance des types")


class StepRuleInline(TenantTabularInline):
    model = StepRule
    view_permission = Perm.MANAGE_TENANT
    edit_permission = Perm.MANAGE_TENANT
    extra = 1
    fields = ("external_step", "phase")
    verbose_name = _("étape de la plateforme → phase du cycle")
    verbose_name_plural = _("Correspondance des étapes")


@admin.register(Link, site=tenant_admin_site)
class LinkAdmin(ServiceErrorsAsMessages, TenantModelAdmin):
    view_permission = Perm.MANAGE_TENANT
    edit_permission = Perm.MANAGE_TENANT
    form = LinkForm
    inlines = [KindRuleInline, StepRuleInline]
    list_display = ("name", "platform_label", "direction", "is_active", "last_success_at", "error", "counts")
    list_filter = ("platform", "direction", "is_active")
    search_fields = ("name",)
    actions = ["sync_now", "full_sync_now"]
    readonly_fields = (
        "answer_note",
        "has_credentials_label",
        "credentials_changed_at",
        "last_sync_at",
        "last_success_at",
        "last_full_at",
        "error",
        "counts",
        "in_progress",
    )

    def get_fieldsets(self, request, obj=None):
        form = self.get_form(request, obj)
        base = ["platform", "name", "base_url", "direction", "schedule_minutes", "full_sync_hours", "is_active"]
        extra = [name for name in form.base_fields if name.startswith("space__")]
        secret = [name for name in form.base_fields if name.startswith("credential__")]
        fieldsets = [
            (None, {"fields": base}),
            (_("Espace sur la plateforme"), {"fields": extra}),
            (
                _("Identifiants (jamais affichés)"),
                {"fields": ["has_credentials_label", "credentials_changed_at", *secret]},
            ),
        ]
        if obj is not None:
            fieldsets.append(
                (
                    _("État de la synchronisation"),
                    {
                        "fields": [
                            "answer_note",
                            "last_sync_at",
                            "last_success_at",
                            "last_full_at",
                            "in_progress",
                            "counts",
                            "error",
                        ]
                    },
                )
            )
        return fieldsets

    def get_form(self, request, obj=None, change=False, **kwargs):
        kwargs["fields"] = LinkForm.Meta.fields
        form_class = super().get_form(request, obj, change=change, **kwargs)
        tenant = getattr(request, "tenant", None)

        class BoundLinkForm(form_class):
            def __init__(self, *args, **inner):
                super().__init__(*args, tenant=tenant, **inner)

        # The dynamic inputs exist only once the form is built: declare them for the fieldsets.
        BoundLinkForm.base_fields = dict(BoundLinkForm.base_fields)
        probe = form_class(instance=obj or Link(), tenant=tenant)
        BoundLinkForm.base_fields.update({k: v for k, v in probe.fields.items() if "__" in k})
        return BoundLinkForm

    # --- read-only status ------------------------------------------------------------------------

    @admin.display(description=_("Plateforme"))
    def platform_label(self, obj):
        return registry.label_of(obj.platform)

    @admin.display(description=_("Ce qui retourne à la plateforme"))
    def answer_note(self, obj):
        entry = registry.installed().get(obj.platform)
        return entry[1].answer_note if entry else "—"

    @admin.display(description=_("Identifiants enregistrés"))
    def has_credentials_label(self, obj):
        return _("oui") if obj and obj.has_credentials else _("non")

    @admin.display(description=_("Dernière erreur"))
    def error(self, obj):
        return f"{obj.last_error_code} : {obj.last_error_message}" if obj.last_error_code else "—"

    @admin.display(description=_("Dernier passage"))
    def counts(self, obj):
        return (
            f"créés {obj.created_count}, mis à jour {obj.updated_count}, inchangés {obj.unchanged_count}, "
            f"masqués {obj.hidden_count}, ignorés {obj.skipped_count}"
        )

    @admin.display(description=_("Passage en cours"), boolean=True)
    def in_progress(self, obj):
        return obj.pass_started_at is not None

    # --- saving through the services ---------------------------------------------------------------

    def save_model(self, request, obj, form, change):
        ctx = admin_context(request)
        data = form.service_data()
        if change:
            credentials = data.pop("credentials", None)
            data.pop("platform", None)
            services.update_link(ctx, obj, data)
            if credentials:
                services.rotate_credentials(ctx, obj, credentials)
        else:
            created = services.create_link(ctx, data)
            obj.pk = created.pk
        obj.refresh_from_db()

    def save_related(self, request, form, formsets, change):
        """The mapping inlines become the service's ``kind_rules`` / ``step_rules`` lists."""
        rules = {}
        for formset in formsets:
            # Saved by the service below, not by the formset (the change message reads these).
            formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
            kept = [f.cleaned_data for f in formset.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")]
            if formset.model is KindRule:
                rules["kind_rules"] = [{"external_kind": c["external_kind"], "kind": c["kind"]} for c in kept]
            elif formset.model is StepRule:
                rules["step_rules"] = [{"external_step": c["external_step"], "phase": c["phase"].pk} for c in kept]
        if rules:
            services.update_link(admin_context(request), form.instance, rules)

    def delete_model(self, request, obj):
        services.delete_link(admin_context(request), obj)

    def delete_queryset(self, request, queryset):
        for link in queryset:
            services.delete_link(admin_context(request), link)

    # --- actions -------------------------------------------------------------------------------------

    def _sync(self, request, queryset, full):
        for link in queryset:
            try:
                services.request_sync(admin_context(request), link, full=full)
            except ServiceError as exc:
                self.message_user(request, f"{link.name} : {exc.message}", messages.ERROR)
            else:
                self.message_user(request, f"{link.name} : synchronisation demandée.", messages.SUCCESS)

    @admin.action(description=_("Synchroniser maintenant"))
    def sync_now(self, request, queryset):
        self._sync(request, queryset, full=False)

    @admin.action(description=_("Passage complet maintenant (repère les suppressions)"))
    def full_sync_now(self, request, queryset):
        self._sync(request, queryset, full=True)


@admin.register(Delivery, site=tenant_admin_site)
class DeliveryAdmin(TenantModelAdmin):
    """The answers sent back to the platforms: read-only, the record of what was sent."""

    view_permission = Perm.MANAGE_TENANT
    edit_permission = Perm.MANAGE_TENANT
    list_display = ("created_at", "link", "external_id", "state", "status", "attempts", "as_comment", "sent_at")
    list_filter = ("status", "link")
    list_select_related = ("link",)
    fields = (
        "link",
        "contribution",
        "external_id",
        "state",
        "text",
        "status",
        "attempts",
        "next_attempt_at",
        "last_error_code",
        "last_error",
        "reference",
        "as_comment",
        "created_at",
        "sent_at",
    )
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
