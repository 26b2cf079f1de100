"""The resource centre in a tenant's admin: curate resources (search, filters, theme
autocomplete, files), see revisions and restore one, publish, archive and schedule.

Every save goes through ``services`` (sanitising, slug, revision, audit) and rights come from
the person's role in this tenant (``TenantModelAdmin``).
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join

from imedia_core.admin_site import TenantModelAdmin, TenantTabularInline, admin_context, tenant_admin_site
from imedia_core.content.models import PublicationStatus
from imedia_core.content.revisions import revisions_of
from imedia_core.content.widgets import RICH_TEXT_HELP, label_subwidgets, rich_text
from imedia_core.cycle.models import Phase
from imedia_core.errors import ServiceError

from . import services
from .models import Audience, Resource, ResourceFile, Theme
from .uploads import UploadError, check_upload, store_upload

# API field names (services' errors) -> form field names
_FORM_FIELDS = {"externalUrl": "external_url", "readingLevel": "reading_level", "publishAt": "publish_at"}


class AudienceFilter(admin.SimpleListFilter):
    title = "public"
    parameter_name = "audience"

    def lookups(self, request, model_admin):
        return Audience.choices

    def queryset(self, request, queryset):
        if self.value() in Audience.values:
            return queryset.filter(audiences__contains=[self.value()])
        return queryset


class ResourceAdminForm(forms.ModelForm):
    external_url = forms.URLField(
        required=False,
        max_length=500,
        assume_scheme="https",
        label="Adresse externe",
        help_text="Où elle se trouve, si ailleurs.",
    )
    audiences = forms.MultipleChoiceField(
        choices=Audience.choices, required=False, widget=forms.CheckboxSelectMultiple, label="Publics"
    )
    phases = forms.ModelMultipleChoiceField(
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Phases servies",
        help_text="Phases du cycle actif que cette ressource sert.",
    )
    upload = forms.FileField(
        required=False,
        label="Ajouter un fichier",
        help_text="PDF, images, audio, vidéo, documents bureautiques, texte ou CSV ; type vérifié sur le contenu.",
    )

    class Meta:
        model = Resource
        fields = (
            "kind",
            "title",
            "slug",
            "summary",
            "body",
            "themes",
            "audiences",
            "external_url",
            "licence",
            "language",
            "provenance",
            "source",
            "author",
            "reading_level",
            "status",
            "publish_at",
        )
        help_texts = {
            "slug": "Laissez vide pour le former à partir du titre.",
            "body": RICH_TEXT_HELP,
            "publish_at": "Publication programmée : la ressource publiée n'est visible qu'à partir de cette date.",
        }
        widgets = {"body": rich_text()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        label_subwidgets(self)
        self.fields["slug"].required = False
        self.fields["phases"].queryset = Phase.objects.filter(cycle__is_active=True).order_by("position", "id")
        if self.instance.pk:
            self.fields["phases"].initial = list(
                self.instance.phases.filter(cycle__is_active=True).values_list("pk", flat=True)
            )

    def clean_upload(self):
        upload = self.cleaned_data.get("upload")
        if upload:
            try:
                check_upload(upload)
            except UploadError as exc:
                raise forms.ValidationError(exc.message, code=exc.code) from exc
        return upload

    def clean(self):
        cleaned = super().clean()
        probe = Resource(pk=self.instance.pk, published_at=self.instance.published_at)
        for name in (*services.RESOURCE_INPUT_FIELDS, "status", "publish_at"):
            if name in cleaned:
                setattr(probe, name, cleaned[name])
        for error in services.resource_errors(probe):
            field = _FORM_FIELDS.get(error["field"], error["field"])
            self.add_error(field if field in self.fields else None, error["message"])
        return cleaned


class ResourceFileInline(TenantTabularInline):
    model = ResourceFile
    extra = 0
    fields = ("download", "content_type", "size", "sha256", "created_at")
    readonly_fields = fields
    verbose_name = "fichier"
    verbose_name_plural = "fichiers (cochez « supprimer » pour retirer un fichier)"

    @admin.display(description="fichier")
    def download(self, obj):
        if not obj.pk:
            return "-"
        url = reverse("library-file-download", kwargs={"slug": obj.resource.slug, "file_id": obj.pk})
        return format_html('<a href="{}">{}</a>', url, obj.original_name)

    def has_add_permission(self, request, obj=None):
        return False  # files come in through the "Ajouter un fichier" field or the REST API


@admin.register(Theme, site=tenant_admin_site)
class ThemeAdmin(TenantModelAdmin):
    list_display = ("name", "slug", "resource_total")
    search_fields = ("name", "slug", "description")
    prepopulated_fields = {"slug": ("name",)}
    ordering = ("name",)

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(resource_total=Count("resources"))

    @admin.display(description="ressources", ordering="resource_total")
    def resource_total(self, obj):
        return obj.resource_total

    def save_model(self, request, obj, form, change):
        services.save_theme(admin_context(request), obj)

    def delete_model(self, request, obj):
        services.delete_theme(admin_context(request), obj)

    def delete_queryset(self, request, queryset):
        ctx = admin_context(request)
        for theme in queryset:
            services.delete_theme(ctx, theme)


class ScheduleForm(forms.Form):
    publish_at = forms.DateTimeField(
        label="Publier le",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d/%m/%Y %H:%M"],
    )

    def clean_publish_at(self):
        value = self.cleaned_data["publish_at"]
        if value <= timezone.now():
            raise forms.ValidationError("Choisissez une date future.")
        return value


@admin.register(Resource, site=tenant_admin_site)
class ResourceAdmin(TenantModelAdmin):
    form = ResourceAdminForm
    list_display = ("title", "kind", "status", "visibility", "publish_at", "reading_level", "updated_at")
    list_filter = ("kind", "status", "themes", AudienceFilter, "reading_level", "provenance", "language")
    search_fields = ("title", "summary")
    autocomplete_fields = ("themes",)
    inlines = (ResourceFileInline,)
    readonly_fields = ("published_at", "created_at", "updated_at", "revision_history")
    actions = ("publish_now", "schedule", "archive", "back_to_draft")
    date_hierarchy = "updated_at"
    list_per_page = 50
    fieldsets = (
        (None, {"fields": ("kind", "title", "slug", "summary", "body")}),
        ("Classement", {"fields": ("themes", "phases", "audiences", "reading_level", "language")}),
        ("Origine", {"fields": ("provenance", "source", "author", "licence", "external_url")}),
        ("Fichiers", {"fields": ("upload",)}),
        ("Publication", {"fields": ("status", "publish_at", "published_at", "created_at", "updated_at")}),
        ("Versions", {"fields": ("revision_history",)}),
    )

    @admin.display(description="visible")
    def visibility(self, obj):
        if obj.is_visible:
            return "oui"
        if obj.status == PublicationStatus.PUBLISHED:
            return "programmée"
        return "non"

    @admin.display(description="historique")
    def revision_history(self, obj):
        if not obj.pk:
            return "-"
        url = reverse("tenant_admin:library_resource_revisions", args=[obj.pk])
        rows = revisions_of(obj)[:5]
        items = format_html_join(
            "",
            "<li>v{} — {} — {} {}</li>",
            (
                (r.number, timezone.localtime(r.created_at).strftime("%d/%m/%Y %H:%M"), r.author_label, r.summary)
                for r in rows
            ),
        )
        return format_html('<ul>{}</ul><a href="{}">Toutes les versions et restauration</a>', items, url)

    # --- saving goes through the services -------------------------------------------------

    def save_model(self, request, obj, form, change):
        phases = None
        if "phases" in form.cleaned_data:
            kept = Phase.objects.filter(resource_links__resource_id=obj.pk, cycle__is_active=False) if change else []
            phases = [*form.cleaned_data["phases"], *kept]
        services.save_resource(admin_context(request), obj, themes=form.cleaned_data.get("themes"), phases=phases)

    def save_related(self, request, form, formsets, change):
        # Themes were set by the service (with the revision); only the inlines and the upload remain.
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)
        upload = form.cleaned_data.get("upload")
        if upload:
            store_upload(admin_context(request), form.instance, upload)

    def save_formset(self, request, form, formset, change):
        formset.save(commit=False)
        ctx = admin_context(request)
        for resource_file in formset.deleted_objects:
            services.delete_file(ctx, resource_file)

    def delete_model(self, request, obj):
        services.delete_resource(admin_context(request), obj)

    def delete_queryset(self, request, queryset):
        ctx = admin_context(request)
        for resource in queryset:
            services.delete_resource(ctx, resource)

    # --- publication actions ----------------------------------------------------------------

    def _each(self, request, queryset, call, done: str, **kwargs):
        count = 0
        ctx = admin_context(request)
        for resource in queryset:
            try:
                call(ctx, resource, **kwargs)
                count += 1
            except ServiceError as exc:
                self.message_user(request, f"{resource} : {exc}", messages.ERROR)
        if count:
            self.message_user(request, f"{count} ressource(s) {done}.", messages.SUCCESS)

    @admin.action(description="Publier maintenant", permissions=["change"])
    def publish_now(self, request, queryset):
        self._each(request, queryset, services.publish_resource, "publiée(s)")

    @admin.action(description="Archiver", permissions=["change"])
    def archive(self, request, queryset):
        self._each(request, queryset, services.archive_resource, "archivée(s)")

    @admin.action(description="Repasser en brouillon", permissions=["change"])
    def back_to_draft(self, request, queryset):
        self._each(request, queryset, services.unpublish_resource, "repassée(s) en brouillon")

    @admin.action(description="Programmer la publication…", permissions=["change"])
    def schedule(self, request, queryset):
        form = ScheduleForm(request.POST if "apply" in request.POST else None)
        if form.is_bound and form.is_valid():
            when = form.cleaned_data["publish_at"]
            label = timezone.localtime(when).strftime("%d/%m/%Y %H:%M")
            self._each(request, queryset, services.schedule_resource, f"programmée(s) le {label}", publish_at=when)
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": "Programmer la publication",
            "opts": self.model._meta,
            "resources": queryset,
            "form": form,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "library/admin/schedule.html", context)

    # --- revisions ----------------------------------------------------------------------------

    def get_urls(self):
        urls = [
            path(
                "<int:object_id>/revisions/",
                self.admin_site.admin_view(self.revisions_view),
                name="library_resource_revisions",
            ),
            path(
                "<int:object_id>/revisions/<int:number>/restore/",
                self.admin_site.admin_view(self.restore_view),
                name="library_resource_restore",
            ),
        ]
        return urls + super().get_urls()

    def revisions_view(self, request, object_id):
        resource = get_object_or_404(Resource, pk=object_id)
        if not self.has_view_permission(request, resource):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "title": f"Versions de « {resource} »",
            "opts": self.model._meta,
            "original": resource,
            "revisions": revisions_of(resource),
            "can_restore": self.has_change_permission(request, resource),
        }
        return TemplateResponse(request, "library/admin/revisions.html", context)

    def restore_view(self, request, object_id, number):
        resource = get_object_or_404(Resource, pk=object_id)
        if not self.has_change_permission(request, resource):
            raise PermissionDenied
        revision = get_object_or_404(revisions_of(resource), number=number)
        if request.method == "POST":
            try:
                services.restore_resource_revision(admin_context(request), resource, number)
            except ServiceError as exc:
                self.message_user(request, str(exc), messages.ERROR)
            else:
                self.message_user(request, f"Version {number} restaurée.", messages.SUCCESS)
            return HttpResponseRedirect(reverse("tenant_admin:library_resource_change", args=[resource.pk]))
        context = {
            **self.admin_site.each_context(request),
            "title": f"Restaurer la version {number} de « {resource} » ?",
            "opts": self.model._meta,
            "original": resource,
            "revision": revision,
            "fields": sorted(revision.data.items()),
        }
        return TemplateResponse(request, "library/admin/restore.html", context)
