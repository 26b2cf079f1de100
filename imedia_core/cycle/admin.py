"""The cycle in a tenant's admin: a cycle with its phases, a phase with its items and resource
links inline (ordered, reorderable by position), publication actions, revisions and restore.

Saves go through ``services``: rich text is sanitised, positions are normalised, and each save
of a phase records one revision (items and links included), its audit entry and its event.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html

from imedia_core.admin_site import TenantModelAdmin, TenantTabularInline, admin_context, tenant_admin_site
from imedia_core.errors import ServiceError
from imedia_core.library.models import Resource

from . import services
from .models import Cycle, Phase, PhaseItem, PhaseResource


class PhaseInline(TenantTabularInline):
    model = Phase
    fields = ("position", "title", "slug", "status", "is_current")
    readonly_fields = ("status", "is_current")
    ordering = ("position", "id")
    extra = 0
    show_change_link = True


class CycleAdminForm(forms.ModelForm):
    class Meta:
        model = Cycle
        fields = ("name", "description")

    def clean_name(self):
        try:
            return services.clean_cycle_name(self.cleaned_data["name"])
        except ServiceError as exc:
            raise forms.ValidationError(exc.message) from exc


@admin.register(Cycle, site=tenant_admin_site)
class CycleAdmin(TenantModelAdmin):
    form = CycleAdminForm
    list_display = ("name", "template_key", "is_active", "created_at")
    list_filter = ("is_active",)
    fields = ("name", "description", "template_key", "is_active")
    readonly_fields = ("template_key", "is_active")
    inlines = (PhaseInline,)

    def has_add_permission(self, request):
        # A cycle comes from a template (GraphQL ``cycleApplyTemplate``), which also keeps one active.
        return False

    def save_model(self, request, obj, form, change):
        # Only the cycle's own fields: its phases are saved with the inline formset.
        changes = {name: getattr(obj, name) for name in ("name", "description") if name in form.changed_data}
        if changes:
            services.update_cycle(admin_context(request), obj, **changes)

    def save_formset(self, request, form, formset, change):
        formset.save(commit=False)
        for phase in formset.deleted_objects:
            services.delete_phase(admin_context(request), phase)
        for phase in formset.new_objects + [obj for obj, _ in formset.changed_objects]:
            phase.save()

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        ctx, cycle = admin_context(request), form.instance
        services.normalise_phase_positions(cycle)
        moved = False
        for formset in formsets:
            for phase in formset.new_objects:
                services.phase_saved(ctx, phase, created=True)
            for phase, changed in formset.changed_objects:
                moved = moved or "position" in changed
                if set(changed) - {"position"}:
                    services.phase_saved(ctx, phase, created=False)
        if moved:
            order = list(cycle.phases.order_by("position", "id").values_list("pk", flat=True))
            services.reorder_phases(ctx, cycle, order)


class PhaseItemInline(TenantTabularInline):
    model = PhaseItem
    fields = ("kind", "position", "title", "summary", "body")
    ordering = ("kind", "position", "id")
    extra = 0
    formfield_overrides = {
        PhaseItem._meta.get_field("summary").__class__: {"widget": forms.Textarea(attrs={"rows": 2, "cols": 30})}
    }


class PhaseResourceInline(TenantTabularInline):
    """Resource picker: autocomplete when the library's admin can search resources, else a raw ID."""

    model = PhaseResource
    fields = ("position", "resource", "note")
    ordering = ("position", "id")
    extra = 0

    def _can_autocomplete(self) -> bool:
        resource_admin = self.admin_site._registry.get(Resource)
        return bool(resource_admin is not None and resource_admin.search_fields)

    def get_autocomplete_fields(self, request):
        return ("resource",) if self._can_autocomplete() else ()

    @property
    def raw_id_fields(self):
        return () if self._can_autocomplete() else ("resource",)


class PhaseAdminForm(forms.ModelForm):
    class Meta:
        model = Phase
        fields = ("cycle", "title", "slug", "summary", "body", "starts_on", "ends_on", "status", "publish_at")

    def clean(self):
        data = super().clean()
        starts_on, ends_on = data.get("starts_on"), data.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", "La fin de la phase précède son début.")
        return data


@admin.register(Phase, site=tenant_admin_site)
class PhaseAdmin(TenantModelAdmin):
    form = PhaseAdminForm
    list_display = ("title", "cycle", "position", "status", "is_current", "starts_on", "ends_on", "updated_at")
    list_filter = ("status", "cycle", "is_current")
    list_select_related = ("cycle",)
    search_fields = ("title", "summary", "slug")
    ordering = ("cycle", "position", "id")
    prepopulated_fields = {"slug": ("title",)}
    readonly_fields = ("is_current", "published_at", "revision_history")
    fieldsets = (
        (None, {"fields": ("cycle", "title", "slug", "summary", "body", "starts_on", "ends_on")}),
        ("Publication", {"fields": ("status", "publish_at", "published_at", "is_current", "revision_history")}),
    )
    inlines = (PhaseItemInline, PhaseResourceInline)
    actions = ("publish", "archive", "unpublish", "make_current")

    def save_model(self, request, obj, form, change):
        services.sanitise_phase(obj)
        if not change:
            obj.position = Phase.objects.filter(cycle=obj.cycle).count()
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        instances = formset.save(commit=False)
        for obj in formset.deleted_objects:
            obj.delete()
        for instance in instances:
            if isinstance(instance, PhaseItem):
                services.sanitise_item(instance)
            instance.save()
        formset.save_m2m()

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        phase = form.instance
        services.normalise_positions(phase)
        services.phase_saved(
            admin_context(request),
            phase,
            created=not change,
            summary="Modifiée dans l'administration",
            previous_status=form.initial.get("status"),
        )

    def delete_model(self, request, obj):
        services.delete_phase(admin_context(request), obj)

    def delete_queryset(self, request, queryset):
        ctx = admin_context(request)
        for phase in queryset:
            services.delete_phase(ctx, phase)

    @admin.display(description="Versions")
    def revision_history(self, obj):
        if obj is None or obj.pk is None:
            return "—"
        count = services.phase_revisions(obj).count()
        url = reverse(f"{self.admin_site.name}:cycle_phase_revisions", args=[obj.pk])
        return format_html('<a href="{}">{} version(s) : consulter et restaurer</a>', url, count)

    def get_urls(self):
        view = self.admin_site.admin_view(self.revisions_view)
        return [path("<int:object_id>/revisions/", view, name="cycle_phase_revisions"), *super().get_urls()]

    def revisions_view(self, request, object_id):
        phase = Phase.objects.filter(pk=object_id).first()
        if phase is None:
            raise Http404("Aucune phase avec cet identifiant.")
        if not self.has_view_permission(request, phase):
            raise PermissionDenied
        if request.method == "POST":
            if not self.has_change_permission(request, phase):
                raise PermissionDenied
            try:
                with transaction.atomic():
                    revision = services.find_phase_revision(phase, number=int(request.POST.get("number", "0")))
                    services.restore_phase_revision(admin_context(request), phase, revision)
            except (ServiceError, ValueError) as exc:
                self.message_user(request, getattr(exc, "message", "Version inconnue."), messages.ERROR)
            else:
                self.message_user(request, f"Version {revision.number} restaurée.", messages.SUCCESS)
                return HttpResponseRedirect(reverse(f"{self.admin_site.name}:cycle_phase_change", args=[phase.pk]))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "phase": phase,
            "title": f"Versions de « {phase.title} »",
            "revisions": services.phase_revisions(phase),
            "can_restore": self.has_change_permission(request, phase),
        }
        return TemplateResponse(request, "admin/cycle/phase/revisions.html", context)

    def _each(self, request, queryset, action, done: str):
        ctx = admin_context(request)
        with transaction.atomic():
            for phase in queryset.select_for_update():
                action(ctx, phase)
        self.message_user(request, f"{queryset.count()} phase(s) {done}.", messages.SUCCESS)

    @admin.action(description="Publier les phases sélectionnées", permissions=["change"])
    def publish(self, request, queryset):
        self._each(request, queryset, services.publish_phase, "publiée(s)")

    @admin.action(description="Archiver les phases sélectionnées", permissions=["change"])
    def archive(self, request, queryset):
        self._each(request, queryset, services.archive_phase, "archivée(s)")

    @admin.action(description="Repasser en brouillon", permissions=["change"])
    def unpublish(self, request, queryset):
        self._each(request, queryset, services.unpublish_phase, "repassée(s) en brouillon")

    @admin.action(description="Définir comme phase en cours", permissions=["change"])
    def make_current(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(request, "Choisissez une seule phase.", messages.ERROR)
            return
        phase = queryset.get()
        services.set_current_phase(admin_context(request), phase)
        self.message_user(request, f"« {phase.title} » est la phase en cours.", messages.SUCCESS)
