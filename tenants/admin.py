"""The platform admin (platform hosts, ``/admin/``): operators, tenants, people, keys.

Tenants are created through provisioning (CLI, operator API), never by adding a row here: a row
without its cloned schema is exactly what provisioning exists to prevent. Members, plugin
settings, status changes and key revocations go through the same domain functions as GraphQL
(``tenants.members``, ``tenants.plugin_settings``, ``tenants.provisioning``,
``tenants.auth.credentials``), so the same rules hold and the same journal entries and events
are written; platform staff act there as the platform, on the space they are editing.

People are deleted through ``tenants.people.delete_person`` (last-admin rule, journal). The
space's own admin (``tenant_admin_site``) gets its members page here too (« Réglages → Membres et
invitations »): members with their roles, role changes, removal, invitations by e-mail.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from imedia_core.admin_site import admin_context, admin_principal, tenant_admin_site
from imedia_core.context import Channel, ServiceContext
from imedia_core.errors import ServiceError
from imedia_core.permissions import Perm, Role

from . import invitations, members
from .auth.credentials import revoke_api_key
from .models import ApiKey, Domain, Membership, Operator, OperatorMembership, Tenant, TenantStatus, User
from .operators import managed_operators, sees_every_programme, visible_programmes
from .people import delete_person, last_admin_message, last_admin_spaces
from .provisioning import TenantSpec, provision_tenant, set_status
from .settings_forms import OriginsField, plugin_forms, save_plugin_forms
from .site_links import validate_pattern
from .templates import available_templates

admin.site.site_header = _("imedia — console de la plateforme")
admin.site.site_title = _("imedia — plateforme")
admin.site.index_title = _("Programmes, opérateurs et personnes")


def platform_context(request, tenant) -> ServiceContext:
    """Platform staff (or an operator admin, on their operator's programmes: checked by the
    views) acting on ``tenant`` from the platform admin."""
    return ServiceContext.system(Channel.ADMIN, actor=request.user, tenant=tenant)


def may_manage(user, tenant) -> bool:
    """An operator admin manages their operator's programmes; platform-wide staff every one."""
    if sees_every_programme(user):
        return True
    return (
        tenant.operator_id is not None
        and OperatorMembership.objects.filter(user=user, operator_id=tenant.operator_id).exists()
    )


class DomainInline(admin.TabularInline):
    model = Domain
    extra = 0

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) or (obj is not None and may_manage(request.user, obj))


def _planned_change(form) -> dict[int, str | None]:
    """What saving one membership row would do: ``{user id: role}``, ``None`` for a removal
    (a row whose person was replaced removes the former one)."""
    if not form.has_changed() and not form.cleaned_data.get("DELETE"):
        return {}
    previous_user = None
    if form.instance.pk:
        # A read-only person (operator admins' view) is not in the form: the row keeps its person.
        previous_user = form.initial.get("user") if "user" in form.fields else form.instance.user_id
    if form.cleaned_data.get("DELETE"):
        return {previous_user: None} if previous_user else {}
    user = form.cleaned_data.get("user") if "user" in form.fields else form.instance.user
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


class ProgrammeInlineRights:
    """Operator admins edit the memberships and domains of their own programmes (they hold no
    Django model permission): the inline follows the right on the programme itself."""

    def _allowed(self, request, obj):
        if obj is None:
            # Asked without a programme (the inline's queryset, which the formset then limits
            # to the programme of the page): whether they run any programme at all.
            return managed_operators(request.user).exists()
        return may_manage(request.user, obj)

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) or self._allowed(request, obj)

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) or self._allowed(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) or self._allowed(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) or self._allowed(request, obj)


class MembershipInline(ProgrammeInlineRights, admin.TabularInline):
    model = Membership
    formset = MembershipFormSet
    extra = 0
    autocomplete_fields = ("user",)

    def get_autocomplete_fields(self, request):
        return self.autocomplete_fields if sees_every_programme(request.user) else ()

    def get_readonly_fields(self, request, obj=None):
        # An operator admin does not browse the platform's people: they change roles here and
        # add someone by e-mail (« Ajouter un membre par e-mail »).
        return () if sees_every_programme(request.user) else ("user",)

    def has_add_permission(self, request, obj=None):
        return super(ProgrammeInlineRights, self).has_add_permission(request, obj)


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
    """The programme's own fields. Allowed origins are a list typed one per line (checked);
    plugin settings have their own page of forms (« Modules et réglages »)."""

    # One list for both: the sites allowed to call the space's API from a browser (CORS) and to
    # frame its widget pages (frame-ancestors, imedia_core/widgets/).
    cors_allowed_origins = OriginsField(
        label=_("Sites autorisés à intégrer (CORS et widgets)"),
        help_text=_(
            "Un site par ligne, tel que l'envoie le navigateur : https://participer.exemple.org "
            "(sans chemin ni « / » final). Ces sites peuvent appeler l'API de l'espace depuis le "
            "navigateur et afficher ses widgets (script ou iframe). Vide : aucun site en plus de "
            "ceux de la plateforme."
        ),
    )

    class Meta:
        model = Tenant
        fields = ("name", "policy_area", "territory", "operator", "locale", "cors_allowed_origins", "public_site_url")

    def clean_public_site_url(self):
        pattern = self.cleaned_data.get("public_site_url", "").strip()
        validate_pattern(pattern)
        return pattern


class ProvisionForm(forms.Form):
    """What « Créer un programme » asks; ``provision_tenant`` judges it."""

    name = forms.CharField(label=_("Nom du programme"), max_length=200)
    slug = forms.CharField(
        label=_("Identifiant (slug)"),
        max_length=48,
        help_text=_("3 à 48 caractères : minuscules non accentuées, chiffres et « _ ». Ne change plus ensuite."),
    )
    operator = forms.ModelChoiceField(label=_("Opérateur"), queryset=Operator.objects.none())
    template = forms.ChoiceField(label=_("Modèle de programme"), required=False)
    domain = forms.CharField(
        label=_("Domaine"),
        max_length=253,
        required=False,
        help_text=_(
            "Facultatif, par exemple participer.rsa94.exemple.org. Sans domaine, l'espace répond sous /t/<slug>/."
        ),
    )
    territory = forms.CharField(label=_("Territoire"), max_length=200, required=False)

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        operators = managed_operators(user)
        self.fields["operator"].queryset = operators
        if operators.count() == 1:
            self.fields["operator"].initial = operators.first()
        templates = available_templates()
        self.fields["template"].choices = [("", gettext("Aucun modèle (espace vide)"))] + [
            (key, template.label) for key, template in templates.items()
        ]

    def spec(self) -> TenantSpec:
        data = self.cleaned_data
        return TenantSpec(
            slug=data["slug"].strip(),
            name=data["name"],
            operator=data["operator"],
            template=data["template"] or None,
            territory=data.get("territory") or "",
            domains=[data["domain"]] if data.get("domain") else [],
        )


#: The form field that shows each provisioning refusal (the service names ``domains``).
PROVISION_FIELDS = {
    "slug": "slug",
    "name": "name",
    "template": "template",
    "domains": "domain",
    "territory": "territory",
}


class StatusForm(forms.Form):
    reason = forms.CharField(
        label=_("Motif"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
        help_text=_("Inscrit au journal du programme et transmis aux modules."),
    )

    def __init__(self, status, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Suspending or archiving a programme says why; reactivating may.
        self.fields["reason"].required = status != TenantStatus.ACTIVE


class InviteForm(forms.Form):
    """« Inviter par e-mail », in the platform console and on the space's members page."""

    email = forms.EmailField(
        label=_("Adresse e-mail"),
        help_text=_(
            "La personne reçoit un lien à usage unique. Elle rejoint l'espace en l'acceptant, "
            "avec son compte ou en créant le sien."
        ),
    )
    role = forms.ChoiceField(label=_("Rôle"), choices=Role.tenant_choices())


def invitation_sent_message(email: str) -> str:
    return gettext("Invitation envoyée à %(email)s.") % {"email": email}


#: The console's status changes: target status, button, past participle (for messages).
STATUS_CHANGES = {
    "suspendre": (TenantStatus.SUSPENDED, _("Suspendre")),
    "archiver": (TenantStatus.ARCHIVED, _("Archiver")),
    "reactiver": (TenantStatus.ACTIVE, _("Réactiver")),
}


def status_changes_for(tenant) -> list[tuple[str, object]]:
    """The status changes offered for ``tenant``: ``(url key, button label)``."""
    return [(key, label) for key, (status, label) in STATUS_CHANGES.items() if tenant.status != status]


def status_message(count: int, status) -> str:
    if status == TenantStatus.SUSPENDED:
        return ngettext("%(count)d programme suspendu.", "%(count)d programmes suspendus.", count) % {"count": count}
    if status == TenantStatus.ARCHIVED:
        return ngettext("%(count)d programme archivé.", "%(count)d programmes archivés.", count) % {"count": count}
    return ngettext("%(count)d programme réactivé.", "%(count)d programmes réactivés.", count) % {"count": count}


@admin.register(Operator)
class OperatorAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "created_at")
    search_fields = ("name", "slug")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Tenant)
class TenantAdmin(admin.ModelAdmin):
    """The operator console: programmes with their state, creation from a template, status
    changes with a confirmation and a reason, settings and members. Every change goes through
    the services (provisioning, members, plugin settings)."""

    list_display = ("name", "schema_name", "status", "operator", "template_label", "member_count", "console_actions")
    list_filter = ("status", "policy_area", "operator")
    search_fields = ("name", "schema_name", "territory")
    form = TenantAdminForm
    # Status changes go through the console's pages and actions (set_status: audit entry,
    # plugin hooks), plugin settings through « Modules et réglages » (configure_plugin).
    readonly_fields = (
        "schema_name",
        "status",
        "status_reason",
        "template_key",
        "plugin_summary",
        "created_at",
        "updated_at",
    )
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
        "plugin_summary",
        "cors_allowed_origins",
        "public_site_url",
        "created_at",
        "updated_at",
    )
    inlines = [DomainInline, MembershipInline]
    actions = ["suspend", "archive", "reactivate"]

    # --- who sees what --------------------------------------------------------------------

    def get_queryset(self, request):
        programmes = visible_programmes(request.user).select_related("operator")
        return programmes.annotate(member_total=Count("memberships", distinct=True))

    def has_module_permission(self, request):
        return super().has_module_permission(request) or managed_operators(request.user).exists()

    def has_view_permission(self, request, obj=None):
        return self.has_change_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        if sees_every_programme(request.user):
            return True
        if obj is None:
            return managed_operators(request.user).exists()
        return may_manage(request.user, obj)

    def has_add_permission(self, request):
        return False  # « Créer un programme » provisions (cloned schema), never a bare row

    def has_delete_permission(self, request, obj=None):
        return False

    def may_provision(self, request) -> bool:
        return managed_operators(request.user).exists()

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "operator" and not request.user.is_superuser:
            kwargs["queryset"] = managed_operators(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if not request.user.is_superuser and "operator" in form.base_fields:
            # An operator admin may not hand a programme to no operator (it would leave their hands).
            form.base_fields["operator"].required = True
        return form

    # --- columns ----------------------------------------------------------------------------

    @admin.display(description=_("Modèle"))
    def template_label(self, obj):
        template = available_templates().get(obj.template_key)
        return template.label if template else (obj.template_key or "—")

    @admin.display(description=_("Membres"), ordering="member_total")
    def member_count(self, obj):
        return obj.member_total

    @admin.display(description=_("Changer l'état"))
    def console_actions(self, obj):
        return format_html_join(
            " ",
            '<a class="button" href="{}">{}</a>',
            (
                (reverse("admin:tenants_tenant_status", args=[obj.pk, key]), label)
                for key, label in status_changes_for(obj)
            ),
        )

    @admin.display(description=_("Modules"))
    def plugin_summary(self, obj):
        if obj.pk is None:
            return "—"
        states = [
            (form.name, gettext("activé") if form.stored_enabled else gettext("désactivé"))
            for form in plugin_forms(obj)
        ]
        listing = format_html_join(", ", "{} : {}", states) if states else gettext("aucun module optionnel")
        return format_html(
            '{} — <a href="{}">{}</a>',
            listing,
            reverse("admin:tenants_tenant_plugins", args=[obj.pk]),
            gettext("Modules et réglages"),
        )

    # --- pages of the console -------------------------------------------------------------

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("creer/", view(self.provision_view), name="tenants_tenant_provision"),
            path("<int:object_id>/etat/<str:change>/", view(self.status_view), name="tenants_tenant_status"),
            path("<int:object_id>/modules/", view(self.plugins_view), name="tenants_tenant_plugins"),
            path("<int:object_id>/membres/ajouter/", view(self.add_member_view), name="tenants_tenant_add_member"),
            *super().get_urls(),
        ]

    def _page(self, request, page, title, **context):
        return TemplateResponse(
            request,
            f"admin/tenants/tenant/{page}",
            {**self.admin_site.each_context(request), "opts": self.opts, "title": title, **context},
        )

    def _programme(self, request, object_id) -> Tenant:
        tenant = self.get_queryset(request).filter(pk=object_id).first()
        if tenant is None:
            raise Http404(gettext("Aucun programme de ce numéro dans votre périmètre."))
        return tenant

    def provision_view(self, request):
        if not self.may_provision(request):
            raise PermissionDenied
        form = ProvisionForm(request.user, request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                result = provision_tenant(ServiceContext.system(Channel.ADMIN, actor=request.user), form.spec())
            except ServiceError as exc:
                for error in exc.errors:
                    form.add_error(PROVISION_FIELDS.get(error["field"]), error["message"])
            else:
                tenant = result.tenant
                return self._page(
                    request,
                    "provision_done.html",
                    gettext("Programme « %(name)s » créé") % {"name": tenant.name},
                    tenant=tenant,
                    domains=list(tenant.domains.order_by("-is_primary", "domain")),
                    tenant_template=available_templates().get(tenant.template_key),
                    change_url=reverse("admin:tenants_tenant_change", args=[tenant.pk]),
                )
        return self._page(request, "provision.html", gettext("Créer un programme"), form=form)

    def status_view(self, request, object_id, change):
        tenant = self._programme(request, object_id)
        if change not in STATUS_CHANGES:
            raise Http404
        status, label = STATUS_CHANGES[change]
        form = StatusForm(status, request.POST or None)
        if request.method == "POST" and form.is_valid():
            set_status(platform_context(request, tenant), tenant, status, form.cleaned_data["reason"])
            messages.success(request, status_message(1, status))
            return HttpResponseRedirect(reverse("admin:tenants_tenant_changelist"))
        return self._page(
            request,
            "status_confirm.html",
            gettext("%(action)s « %(name)s » ?") % {"action": label, "name": tenant.name},
            tenants=[tenant],
            status=status,
            label=label,
            form=form,
        )

    def plugins_view(self, request, object_id):
        tenant = self._programme(request, object_id)
        forms_ = plugin_forms(tenant, request.POST or None)
        if request.method == "POST" and all(form.is_valid() for form in forms_):
            try:
                changed_names = save_plugin_forms(platform_context(request, tenant), forms_)
            except ServiceError as exc:
                messages.error(request, exc.message)
            else:
                if changed_names:
                    messages.success(
                        request, gettext("Réglages enregistrés : %(names)s.") % {"names": ", ".join(changed_names)}
                    )
                else:
                    messages.info(request, gettext("Aucun réglage n'a changé."))
                return HttpResponseRedirect(reverse("admin:tenants_tenant_plugins", args=[tenant.pk]))
        return self._page(
            request,
            "plugins.html",
            gettext("Modules et réglages — %(name)s") % {"name": tenant.name},
            tenant=tenant,
            forms=forms_,
            original=tenant,
        )

    def add_member_view(self, request, object_id):
        """« Inviter par e-mail »: the same invitation as GraphQL's ``memberInvite`` (no lookup of
        the address on the platform, so the page says nothing of who has an account)."""
        tenant = self._programme(request, object_id)
        form = InviteForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                invitations.invite(
                    platform_context(request, tenant), form.cleaned_data["email"], form.cleaned_data["role"]
                )
            except ServiceError as exc:
                form.add_error("role" if exc.field == "role" else "email", exc.message)
            else:
                messages.success(request, invitation_sent_message(form.cleaned_data["email"]))
                return HttpResponseRedirect(reverse("admin:tenants_tenant_change", args=[tenant.pk]))
        return self._page(
            request,
            "add_member.html",
            gettext("Inviter par e-mail — %(name)s") % {"name": tenant.name},
            tenant=tenant,
            form=form,
            original=tenant,
        )

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "may_provision": self.may_provision(request)}
        return super().changelist_view(request, extra_context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        tenant = self.get_queryset(request).filter(pk=object_id).first() if object_id.isdigit() else None
        extra_context = {**(extra_context or {})}
        if tenant is not None:
            extra_context["status_changes"] = [
                (reverse("admin:tenants_tenant_status", args=[tenant.pk, key]), label)
                for key, label in status_changes_for(tenant)
            ]
        return super().change_view(request, object_id, form_url, extra_context)

    # --- saving -------------------------------------------------------------------------------

    def save_formset(self, request, form, formset, change):
        if formset.model is Membership:
            _save_memberships(platform_context(request, form.instance), formset)
        else:
            super().save_formset(request, form, formset, change)

    # --- bulk status changes: a confirmation page with a reason, then set_status --------------

    def _set_status(self, request, queryset, status):
        tenants = [tenant for tenant in queryset if may_manage(request.user, tenant)]
        form = StatusForm(status, request.POST if request.POST.get("confirm") else None)
        if form.is_bound and form.is_valid():
            for tenant in tenants:
                set_status(platform_context(request, tenant), tenant, status, form.cleaned_data["reason"])
            messages.success(request, status_message(len(tenants), status))
            return None
        label = next(label for value, label in STATUS_CHANGES.values() if value == status)
        return self._page(
            request,
            "status_confirm.html",
            gettext("%(action)s %(count)d programme(s) ?") % {"action": label, "count": len(tenants)},
            tenants=tenants,
            status=status,
            label=label,
            form=form,
            action=request.POST.get("action"),
        )

    @admin.action(description=_("Suspendre les programmes sélectionnés"))
    def suspend(self, request, queryset):
        return self._set_status(request, queryset, TenantStatus.SUSPENDED)

    @admin.action(description=_("Archiver les programmes sélectionnés"))
    def archive(self, request, queryset):
        return self._set_status(request, queryset, TenantStatus.ARCHIVED)

    @admin.action(description=_("Réactiver les programmes sélectionnés"))
    def reactivate(self, request, queryset):
        return self._set_status(request, queryset, TenantStatus.ACTIVE)


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

    # --- deletion: through tenants.people.delete_person (last-admin rule, journal per space) --

    def get_deleted_objects(self, objs, request):
        """Django's confirmation pages (one person, or the bulk action) refuse to delete while a
        « protected » item is listed: the spaces a person is the last admin of are listed so."""
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        blocked = [
            gettext("%(person)s est le ou la dernière administrateur·rice de « %(space)s »")
            % {"person": user.email, "space": space.name}
            for user in objs
            for space in last_admin_spaces(user)
        ]
        return deleted, counts, perms_needed, [*protected, *blocked]

    def delete_view(self, request, object_id, extra_context=None):
        user = self.get_object(request, object_id)
        spaces = last_admin_spaces(user) if user is not None else []
        if spaces:
            messages.error(request, last_admin_message(user, spaces))
        return super().delete_view(request, object_id, extra_context)

    def delete_model(self, request, obj):
        delete_person(ServiceContext.system(Channel.ADMIN, actor=request.user), obj)

    def delete_queryset(self, request, queryset):
        ctx = ServiceContext.system(Channel.ADMIN, actor=request.user)
        with transaction.atomic():
            for user in queryset:
                delete_person(ctx, user)


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


# --- the space's admin: « Membres et invitations » ----------------------------------------------


def _pk(value) -> int | None:
    return int(value) if str(value or "").isdigit() else None


def _members_action(request, ctx, action: str, invite_form: InviteForm) -> str | None:
    """Apply one posted action of the members page through the services; the success message,
    or None when the invitation form is invalid (shown again with its errors)."""
    tenant = request.tenant
    post = request.POST
    if action == "invite":
        if not invite_form.is_valid():
            return None
        invitations.invite(ctx, invite_form.cleaned_data["email"], invite_form.cleaned_data["role"])
        return invitation_sent_message(invite_form.cleaned_data["email"])
    if action in ("set_role", "remove"):
        membership = members.membership_of(tenant, _pk(post.get("member")))
        if action == "remove":
            members.remove(ctx, membership, field="id")
            return gettext("%(person)s ne fait plus partie de l'espace.") % {"person": membership.user.email}
        role = members.set_member_role(ctx, membership, post.get("role")).get_role_display()
        return gettext("%(person)s a maintenant le rôle : %(role)s.") % {"person": membership.user.email, "role": role}
    if action in ("resend", "revoke"):
        invitation = invitations.invitation_of(tenant, _pk(post.get("invitation")))
        if action == "resend":
            invitations.resend(ctx, invitation)
            return invitation_sent_message(invitation.email)
        invitations.revoke(ctx, invitation)
        return gettext("L'invitation de %(email)s est annulée.") % {"email": invitation.email}
    raise Http404


def members_view(request):
    """The space's members with their roles and its open invitations; each change goes through
    ``tenants.members`` / ``tenants.invitations`` with the signed-in person's context, so the
    admin refuses exactly what GraphQL refuses (``MANAGE_TENANT``, the last admin...)."""
    if not admin_principal(request).has(Perm.MANAGE_TENANT):
        raise PermissionDenied
    action = request.POST.get("action") if request.method == "POST" else None
    invite_form = InviteForm(request.POST if action == "invite" else None, prefix="invitation")
    if action == "remove" and request.POST.get("confirm") != "1":
        # Removing someone asks first, on a page of its own.
        try:
            membership = members.membership_of(request.tenant, _pk(request.POST.get("member")))
        except ServiceError as exc:
            messages.error(request, exc.message)
        else:
            return TemplateResponse(
                request,
                "admin/tenants/member_remove_confirm.html",
                {
                    **tenant_admin_site.each_context(request),
                    "title": gettext("Retirer %(person)s de l'espace ?") % {"person": membership.user.email},
                    "membership": membership,
                },
            )
        action = None
    if action is not None:
        try:
            with transaction.atomic():
                message = _members_action(request, admin_context(request), action, invite_form)
        except ServiceError as exc:
            for error in exc.errors:
                if action == "invite" and error["field"] in ("email", "role"):
                    invite_form.add_error(error["field"], error["message"])
                else:
                    messages.error(request, error["message"])
        else:
            if message is not None:
                messages.success(request, message)
                return HttpResponseRedirect(request.path)
    tenant = request.tenant
    return TemplateResponse(
        request,
        "admin/tenants/members.html",
        {
            **tenant_admin_site.each_context(request),
            "title": gettext("Membres et invitations"),
            "memberships": members.members_of(tenant),
            "invitations": invitations.open_invitations(tenant),
            "roles": Role.tenant_choices(),
            "invite_form": invite_form,
        },
    )


tenant_admin_site.register_view(
    "membres/",
    members_view,
    name="members",
    section=_("Réglages"),
    label=_("Membres et invitations"),
    permission=Perm.MANAGE_TENANT,
)
