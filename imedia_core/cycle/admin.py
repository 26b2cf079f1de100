"""The cycle in a tenant's admin: start a cycle from a template or re-apply one, a cycle with its
phases, a phase with its stakes, objectives, vigilance points, methods and resource links.

Every change goes through ``services`` and ``templates`` with ``admin_context(request)``: the
same checks, revisions, audit entries and events as over GraphQL. Order is never a typed
number: "Monter" / "Descendre" buttons call the reorder services; "Phase en cours" calls
``set_current_phase``. A refusal (``ServiceError``) rolls the whole save back and is shown as a
message.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.forms.models import BaseInlineFormSet
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from imedia_core.admin_site import (
    NOBODY,
    ServiceErrorsAsMessages,
    TenantInlineMixin,
    TenantModelAdmin,
    admin_context,
    tenant_admin_site,
)
from imedia_core.content.models import PublicationStatus
from imedia_core.content.widgets import RICH_TEXT_HELP, label_subwidgets, rich_text
from imedia_core.errors import ServiceError
from imedia_core.library.models import Resource

from . import services
from .models import Cycle, Phase, PhaseItem, PhaseItemKind, PhaseResource
from .templates import ApplyMode, apply_template, available_cycle_templates

UP, DOWN = "up", "down"
RESOURCE_LINKS = "resources"


def moved(ids: list[int], pk: int, direction: str) -> list[int] | None:
    """``ids`` with ``pk`` swapped with its neighbour, or None when it cannot move that way."""
    if pk not in ids or direction not in (UP, DOWN):
        return None
    index = ids.index(pk)
    other = index - 1 if direction == UP else index + 1
    if other < 0 or other >= len(ids):
        return None
    ids = list(ids)
    ids[index], ids[other] = ids[other], ids[index]
    return ids


def move_buttons(url_up: str, url_down: str, what: str):
    """Two submit buttons that post the surrounding change form to a reorder view (no nested
    form, no typed position); their accessible names say what they move."""
    return format_html(
        '<button type="submit" class="button" formaction="{}" formmethod="post" formnovalidate '
        'aria-label="{}" title="{}">↑</button> '
        '<button type="submit" class="button" formaction="{}" formmethod="post" formnovalidate '
        'aria-label="{}" title="{}">↓</button>',
        url_up,
        gettext("Monter « %(what)s »") % {"what": what},
        gettext("Monter"),
        url_down,
        gettext("Descendre « %(what)s »") % {"what": what},
        gettext("Descendre"),
    )


class LabelledFormSet(BaseInlineFormSet):
    """Inline rows whose every input has an accessible name (its column and row number): a
    tabular inline shows labels only as column headers, which assistive technologies don't
    tie to the inputs."""

    row_label = _("ligne")

    def add_fields(self, form, index):
        super().add_fields(form, index)
        row = gettext("nouvelle ligne") if index is None else f"{self.row_label} {index + 1}"
        for field in form.fields.values():
            if not field.widget.is_hidden:
                field.widget.attrs["aria-label"] = f"{field.label} ({row})"


def _post_only(request):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    return None


# --- cycles ------------------------------------------------------------------------------------


class PhaseInlineForm(forms.ModelForm):
    class Meta:
        model = Phase
        fields = ("title", "slug")
        labels = {"title": _("Titre"), "slug": _("Identifiant (slug)")}
        help_texts = {"slug": _("Laissez vide pour le former à partir du titre.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slug"].required = False


class PhaseFormSet(LabelledFormSet):
    row_label = _("phase")


class PhaseInline(TenantInlineMixin, admin.TabularInline):
    model = Phase
    form = PhaseInlineForm
    formset = PhaseFormSet
    fields = ("order", "title", "slug", "status", "current")
    readonly_fields = ("order", "status", "current")
    ordering = ("position", "id")
    extra = 0
    show_change_link = True
    verbose_name = _("phase")
    verbose_name_plural = _("phases (dans l'ordre du cycle)")

    @admin.display(description=_("Ordre"))
    def order(self, obj):
        if obj is None or obj.pk is None:
            return "—"
        name = self.admin_site.name
        up, down = (reverse(f"{name}:cycle_cycle_move_phase", args=[obj.cycle_id, obj.pk, d]) for d in (UP, DOWN))
        return move_buttons(up, down, obj.title)

    @admin.display(description=_("Statut"))
    def status(self, obj):
        return obj.get_status_display() if obj and obj.pk else "—"

    @admin.display(description=_("Phase en cours"))
    def current(self, obj):
        if obj is None or obj.pk is None:
            return "—"
        if obj.is_current:
            return gettext("Oui, phase en cours")
        url = reverse(f"{self.admin_site.name}:cycle_cycle_current_phase", args=[obj.cycle_id, obj.pk])
        return format_html(
            '<button type="submit" class="button" formaction="{}" formmethod="post" formnovalidate '
            'aria-label="{}">{}</button>',
            url,
            gettext("Faire de « %(title)s » la phase en cours") % {"title": obj.title},
            gettext("Définir comme phase en cours"),
        )


class CycleAdminForm(forms.ModelForm):
    class Meta:
        model = Cycle
        fields = ("name", "description")
        labels = {"name": _("Nom"), "description": _("Description")}
        widgets = {"description": rich_text(_("Description du cycle"))}
        help_texts = {"description": RICH_TEXT_HELP}

    def clean_name(self):
        try:
            return services.clean_cycle_name(self.cleaned_data["name"])
        except ServiceError as exc:
            raise forms.ValidationError(exc.message) from exc


class ApplyTemplateForm(forms.Form):
    template = forms.ChoiceField(label=_("Modèle de cycle"), widget=forms.RadioSelect)

    def __init__(self, templates: dict, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.templates = templates
        self.fields["template"].choices = [
            (key, f"{template.name} — {len(template.phases)} phase(s)") for key, template in templates.items()
        ]


@admin.register(Cycle, site=tenant_admin_site)
class CycleAdmin(ServiceErrorsAsMessages, TenantModelAdmin):
    form = CycleAdminForm
    list_display = ("name", "template_key", "is_active", "created_at")
    list_filter = ("is_active",)
    fields = ("name", "description", "template_key", "is_active")
    readonly_fields = ("template_key", "is_active")
    inlines = (PhaseInline,)

    # No hard delete: GraphQL has none (past cycles stay readable, their phases and answers too).
    delete_permission = NOBODY

    def add_view(self, request, form_url="", extra_context=None):
        # A cycle comes from a template (GraphQL ``cycleApplyTemplate``, same right): the add page
        # is "Nouveau cycle à partir d'un modèle".
        if not self.has_add_permission(request):
            raise PermissionDenied
        return HttpResponseRedirect(reverse(f"{self.admin_site.name}:cycle_cycle_from_template"))

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "can_apply_template": self.has_change_permission(request)}
        return super().changelist_view(request, extra_context)

    def save_model(self, request, obj, form, change):
        # Only the cycle's own fields: its phases are saved with the inline formset.
        changes = {name: form.cleaned_data[name] for name in ("name", "description") if name in form.changed_data}
        if changes:
            services.update_cycle(admin_context(request), obj, **changes)

    def save_formset(self, request, form, formset, change):
        ctx, cycle = admin_context(request), form.instance
        formset.save(commit=False)
        for phase in formset.deleted_objects:
            services.delete_phase(ctx, phase)
        for phase, changed in formset.changed_objects:
            edits = {name: getattr(phase, name) for name in changed if name in ("title", "slug")}
            if edits:
                services.update_phase(ctx, phase, revision_summary=gettext("Modifiée dans l'administration"), **edits)
        for phase in formset.new_objects:
            services.create_phase(ctx, cycle, title=phase.title, slug=phase.slug or None)

    # --- extra views -------------------------------------------------------------------------

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path(
                "from-template/",
                wrap(self.apply_template_view),
                {"mode": ApplyMode.NEW_CYCLE},
                name="cycle_cycle_from_template",
            ),
            path(
                "apply-template/",
                wrap(self.apply_template_view),
                {"mode": ApplyMode.RESET},
                name="cycle_cycle_apply_template",
            ),
            path(
                "<int:cycle_id>/phases/<int:phase_id>/current/",
                wrap(self.current_phase_view),
                name="cycle_cycle_current_phase",
            ),
            path(
                "<int:cycle_id>/phases/<int:phase_id>/<str:direction>/",
                wrap(self.move_phase_view),
                name="cycle_cycle_move_phase",
            ),
            *super().get_urls(),
        ]

    def _change_url(self, cycle_id) -> str:
        return reverse(f"{self.admin_site.name}:cycle_cycle_change", args=[cycle_id])

    def move_phase_view(self, request, cycle_id, phase_id, direction):
        refused = _post_only(request)
        if refused:
            return refused
        cycle = get_object_or_404(Cycle, pk=cycle_id)
        if not self.has_change_permission(request, cycle):
            raise PermissionDenied
        if direction not in (UP, DOWN):
            raise Http404(gettext("Direction inconnue."))
        with transaction.atomic():
            phases = Phase.objects.select_for_update().filter(cycle=cycle).order_by("position", "id")
            ids = list(phases.values_list("pk", flat=True))
            order = moved(ids, phase_id, direction)
            if order is None:
                self.message_user(request, gettext("Cette phase ne peut pas aller plus loin."), messages.WARNING)
            else:
                services.reorder_phases(admin_context(request), cycle, order)
                self.message_user(request, gettext("Ordre des phases enregistré."), messages.SUCCESS)
        return HttpResponseRedirect(self._change_url(cycle.pk))

    def current_phase_view(self, request, cycle_id, phase_id):
        refused = _post_only(request)
        if refused:
            return refused
        phase = get_object_or_404(Phase, pk=phase_id, cycle_id=cycle_id)
        if not self.has_change_permission(request, phase.cycle):
            raise PermissionDenied
        with transaction.atomic():
            services.set_current_phase(admin_context(request), phase)
        self.message_user(
            request, gettext("« %(title)s » est la phase en cours.") % {"title": phase.title}, messages.SUCCESS
        )
        return HttpResponseRedirect(self._change_url(cycle_id))

    def apply_template_view(self, request, mode):
        if not self.has_change_permission(request):
            raise PermissionDenied
        mode = ApplyMode(mode)
        templates = available_cycle_templates(request.tenant)
        active = services.active_cycle()
        if mode is ApplyMode.NEW_CYCLE:
            title = gettext("Nouveau cycle à partir d'un modèle")
        else:
            title = gettext("Appliquer un modèle au cycle actif")
        form = ApplyTemplateForm(templates, request.POST or None)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": title,
            "mode": mode.value,
            "form": form,
            "templates": templates,
            "active": active,
            "step": "choose",
        }
        if request.method == "POST" and form.is_valid():
            template = templates[form.cleaned_data["template"]]
            context["template"] = template
            if request.POST.get("confirm") != "yes":
                context["step"] = "confirm"
                if mode is ApplyMode.RESET and active is not None:
                    wanted = {spec.slug for spec in template.phases}
                    current = list(active.phases.order_by("position", "id"))
                    context["dropped"] = [phase for phase in current if phase.slug not in wanted]
                    context["kept"] = [phase for phase in current if phase.slug in wanted]
            else:
                starter = [spec.slug for spec in template.starter_resources]
                before = set(Resource.objects.filter(slug__in=starter).values_list("slug", flat=True))
                try:
                    with transaction.atomic():
                        cycle = apply_template(admin_context(request), template, mode)
                except ServiceError as exc:
                    self.message_user(request, str(exc), messages.ERROR)
                    return HttpResponseRedirect(request.get_full_path())
                context.update(
                    step="done",
                    cycle=cycle,
                    phases=list(cycle.phases.order_by("position", "id").prefetch_related("items")),
                    created_resources=list(Resource.objects.filter(slug__in=set(starter) - before).order_by("title")),
                    change_url=self._change_url(cycle.pk),
                )
                self.message_user(
                    request,
                    gettext("Cycle « %(name)s » prêt : %(count)d phase(s).")
                    % {"name": cycle.name, "count": len(context["phases"])},
                    messages.SUCCESS,
                )
        return TemplateResponse(request, "admin/cycle/cycle/apply_template.html", context)


# --- phases ------------------------------------------------------------------------------------


class PhaseItemForm(forms.ModelForm):
    class Meta:
        model = PhaseItem
        fields = ("title", "summary", "body")
        labels = {"title": _("Intitulé"), "summary": _("Résumé"), "body": _("Détails")}
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 2, "cols": 60}),
            "body": rich_text(),
        }
        help_texts = {"body": RICH_TEXT_HELP}


class PhaseItemFormSet(LabelledFormSet):
    item_kind = None


def _item_inline(kind: str, plural):
    """One inline per kind of item, each in its own order, with its own buttons."""

    class Inline(TenantInlineMixin, admin.StackedInline):
        model = PhaseItem
        form = PhaseItemForm
        formset = PhaseItemFormSet
        template = "admin/cycle/phase/item_inline.html"
        fields = ("title", "summary", "body", "order")
        readonly_fields = ("order",)
        extra = 0
        item_kind = kind
        verbose_name = PhaseItemKind(kind).label
        verbose_name_plural = plural

        def get_queryset(self, request):
            return super().get_queryset(request).filter(kind=self.item_kind).order_by("position", "id")

        def get_formset(self, request, obj=None, **kwargs):
            formset = super().get_formset(request, obj, **kwargs)
            return type(
                "PhaseItemFormSet",
                (formset,),
                {"item_kind": self.item_kind, "row_label": PhaseItemKind(self.item_kind).label},
            )

        @admin.display(description=_("Ordre"))
        def order(self, obj):
            if obj is None or obj.pk is None:
                return gettext("Ajouté en dernier à l'enregistrement.")
            name = self.admin_site.name
            up, down = (
                reverse(f"{name}:cycle_phase_move", args=[obj.phase_id, obj.kind, obj.pk, d]) for d in (UP, DOWN)
            )
            return move_buttons(up, down, obj.title)

    Inline.__name__ = Inline.__qualname__ = f"PhaseItem{kind.capitalize()}Inline"
    return Inline


PHASE_ITEM_INLINES = (
    _item_inline(PhaseItemKind.STAKE, _("Enjeux")),
    _item_inline(PhaseItemKind.OBJECTIVE, _("Objectifs")),
    _item_inline(PhaseItemKind.VIGILANCE, _("Points de vigilance")),
    _item_inline(PhaseItemKind.METHOD, _("Méthodes")),
)


class PhaseResourceForm(forms.ModelForm):
    class Meta:
        model = PhaseResource
        fields = ("resource", "note")
        labels = {"resource": _("Ressource"), "note": _("Pourquoi elle sert cette phase")}


class PhaseResourceFormSet(LabelledFormSet):
    row_label = _("ressource")


class PhaseResourceInline(TenantInlineMixin, admin.TabularInline):
    """Resource picker: autocomplete when the library's admin can search resources, else a raw ID."""

    model = PhaseResource
    form = PhaseResourceForm
    formset = PhaseResourceFormSet
    fields = ("order", "resource", "note")
    readonly_fields = ("order",)
    ordering = ("position", "id")
    extra = 0
    verbose_name = _("ressource liée")
    verbose_name_plural = _("ressources du centre de ressources qui servent cette phase")

    def _can_autocomplete(self) -> bool:
        resource_admin = self.admin_site._registry.get(Resource)
        return bool(resource_admin is not None and resource_admin.search_fields)

    def get_autocomplete_fields(self, request):
        return ("resource",) if self._can_autocomplete() else ()

    @property
    def raw_id_fields(self):
        return () if self._can_autocomplete() else ("resource",)

    @admin.display(description=_("Ordre"))
    def order(self, obj):
        if obj is None or obj.pk is None:
            return "—"
        name = self.admin_site.name
        up, down = (
            reverse(f"{name}:cycle_phase_move", args=[obj.phase_id, RESOURCE_LINKS, obj.resource_id, d])
            for d in (UP, DOWN)
        )
        return move_buttons(up, down, obj.resource.title)


class PhaseAdminForm(forms.ModelForm):
    class Meta:
        model = Phase
        fields = ("cycle", "title", "slug", "summary", "body", "starts_on", "ends_on", "status", "publish_at")
        labels = {
            "cycle": _("Cycle"),
            "title": _("Titre"),
            "slug": _("Identifiant (slug)"),
            "summary": _("Résumé"),
            "body": _("Présentation"),
            "starts_on": _("Début"),
            "ends_on": _("Fin"),
            "status": _("Statut"),
            "publish_at": _("Publier le"),
        }
        help_texts = {
            "slug": _("Laissez vide pour le former à partir du titre."),
            "body": RICH_TEXT_HELP,
            "publish_at": _("Publication programmée : la phase publiée n'est visible qu'à partir de cette date."),
        }
        widgets = {"body": rich_text(_("Présentation de la phase"))}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "slug" in self.fields:
            self.fields["slug"].required = False
        label_subwidgets(self)

    def clean(self):
        data = super().clean()
        starts_on, ends_on = data.get("starts_on"), data.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", gettext("La fin de la phase précède son début."))
        return data

    def validate_unique(self):
        # An empty slug is formed from the title by the service, which also checks it is free.
        if self.instance.slug:
            super().validate_unique()


@admin.register(Phase, site=tenant_admin_site)
class PhaseAdmin(ServiceErrorsAsMessages, TenantModelAdmin):
    form = PhaseAdminForm
    list_display = ("title", "cycle", "position", "status", "is_current", "starts_on", "ends_on", "updated_at")
    list_filter = ("status", "cycle", "is_current")
    list_select_related = ("cycle",)
    search_fields = ("title", "summary", "slug")
    ordering = ("cycle", "position", "id")
    readonly_fields = ("is_current", "published_at", "revision_history")
    fieldsets = (
        (None, {"fields": ("cycle", "title", "slug", "summary", "body", "starts_on", "ends_on")}),
        (_("Publication"), {"fields": ("status", "publish_at", "published_at", "is_current", "revision_history")}),
    )
    inlines = (*PHASE_ITEM_INLINES, PhaseResourceInline)
    actions = ("publish", "archive", "unpublish", "make_current")

    def get_readonly_fields(self, request, obj=None):
        # A phase stays in its cycle; the order is set with the buttons of the cycle's page.
        return (*self.readonly_fields, "cycle") if obj is not None else self.readonly_fields

    def save_model(self, request, obj, form, change):
        ctx, data = admin_context(request), form.cleaned_data
        if not change:
            created = services.create_phase(
                ctx,
                data["cycle"],
                title=data["title"],
                slug=data.get("slug") or None,
                summary=data.get("summary", ""),
                body=data.get("body", ""),
                starts_on=data.get("starts_on"),
                ends_on=data.get("ends_on"),
            )
            obj.pk = created.pk
            obj._state.adding = False
            obj.refresh_from_db()
            previous_status = PublicationStatus.DRAFT
        else:
            original = Phase.objects.get(pk=obj.pk)
            previous_status = original.status
            # The status is changed by its own services below, never by the form's save.
            obj.status, obj.publish_at, obj.published_at = original.status, original.publish_at, original.published_at
            if not data.get("slug"):
                obj.slug = original.slug  # an emptied slug is kept as it was
            edits = {name: data[name] for name in services.PHASE_EDITABLE if name in form.changed_data}
            if edits.get("slug") == "":
                edits.pop("slug")
            if edits:
                services.update_phase(ctx, obj, revision_summary=gettext("Modifiée dans l'administration"), **edits)
        status, publish_at = data.get("status"), data.get("publish_at")
        if status != previous_status or (status == PublicationStatus.PUBLISHED and "publish_at" in form.changed_data):
            if status == PublicationStatus.PUBLISHED:
                services.publish_phase(ctx, obj, publish_at=publish_at)
            elif status == PublicationStatus.ARCHIVED:
                services.archive_phase(ctx, obj)
            elif status == PublicationStatus.DRAFT and previous_status != PublicationStatus.DRAFT:
                services.unpublish_phase(ctx, obj)

    def save_formset(self, request, form, formset, change):
        ctx, phase = admin_context(request), form.instance
        formset.save(commit=False)
        if formset.model is PhaseItem:
            for item in formset.deleted_objects:
                services.delete_item(ctx, item)
            for item, changed in formset.changed_objects:
                edits = {name: getattr(item, name) for name in changed if name in services.ITEM_EDITABLE}
                if edits:
                    services.update_item(ctx, item, **edits)
            for item in formset.new_objects:
                services.create_item(
                    ctx, phase, kind=formset.item_kind, title=item.title, summary=item.summary, body=item.body
                )
        elif formset.model is PhaseResource:
            stored = {link.pk: link for link in PhaseResource.objects.filter(phase=phase).select_related("resource")}
            for link in formset.deleted_objects:
                services.unlink_resource(ctx, phase, stored[link.pk].resource)
            for link, _changed in formset.changed_objects:
                before = stored[link.pk]
                if before.resource_id != link.resource_id:
                    services.unlink_resource(ctx, phase, before.resource)
                services.link_resource(ctx, phase, link.resource, note=link.note)
            for link in formset.new_objects:
                services.link_resource(ctx, phase, link.resource, note=link.note)

    def delete_model(self, request, obj):
        services.delete_phase(admin_context(request), obj)

    def delete_queryset(self, request, queryset):
        ctx = admin_context(request)
        for phase in queryset:
            services.delete_phase(ctx, phase)

    @admin.display(description=_("Versions"))
    def revision_history(self, obj):
        if obj is None or obj.pk is None:
            return "—"
        count = services.phase_revisions(obj).count()
        url = reverse(f"{self.admin_site.name}:cycle_phase_revisions", args=[obj.pk])
        return format_html(gettext('<a href="{}">{} version(s) : consulter et restaurer</a>'), url, count)

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("<int:object_id>/revisions/", wrap(self.revisions_view), name="cycle_phase_revisions"),
            path(
                "<int:object_id>/move/<str:what>/<int:target>/<str:direction>/",
                wrap(self.move_view),
                name="cycle_phase_move",
            ),
            *super().get_urls(),
        ]

    def move_view(self, request, object_id, what, target, direction):
        """Move an item among those of its kind, or a resource link, one place up or down."""
        refused = _post_only(request)
        if refused:
            return refused
        phase = get_object_or_404(Phase, pk=object_id)
        if not self.has_change_permission(request, phase):
            raise PermissionDenied
        if direction not in (UP, DOWN) or (what != RESOURCE_LINKS and what not in PhaseItemKind.values):
            raise Http404(gettext("Rien à déplacer ici."))
        ctx = admin_context(request)
        with transaction.atomic():
            if what == RESOURCE_LINKS:
                ids = list(phase.resource_links.order_by("position", "id").values_list("resource_id", flat=True))
                order = moved(ids, target, direction)
                if order is not None:
                    services.reorder_resources(ctx, phase, order)
            else:
                ids = list(phase.items.filter(kind=what).order_by("position", "id").values_list("pk", flat=True))
                order = moved(ids, target, direction)
                if order is not None:
                    services.reorder_items(ctx, phase, what, order)
        if order is None:
            self.message_user(request, gettext("Cet élément ne peut pas aller plus loin."), messages.WARNING)
        else:
            self.message_user(request, gettext("Nouvel ordre enregistré."), messages.SUCCESS)
        return HttpResponseRedirect(reverse(f"{self.admin_site.name}:cycle_phase_change", args=[phase.pk]))

    def revisions_view(self, request, object_id):
        phase = Phase.objects.filter(pk=object_id).first()
        if phase is None:
            raise Http404(gettext("Aucune phase avec cet identifiant."))
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
                self.message_user(request, getattr(exc, "message", gettext("Version inconnue.")), messages.ERROR)
            else:
                self.message_user(
                    request, gettext("Version %(number)d restaurée.") % {"number": revision.number}, messages.SUCCESS
                )
                return HttpResponseRedirect(reverse(f"{self.admin_site.name}:cycle_phase_change", args=[phase.pk]))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "phase": phase,
            "title": gettext("Versions de « %(title)s »") % {"title": phase.title},
            "revisions": services.phase_revisions(phase),
            "can_restore": self.has_change_permission(request, phase),
        }
        return TemplateResponse(request, "admin/cycle/phase/revisions.html", context)

    def _each(self, request, queryset, action, done):
        ctx = admin_context(request)
        with transaction.atomic():
            for phase in queryset.select_for_update():
                action(ctx, phase)
        self.message_user(request, done % {"count": queryset.count()}, messages.SUCCESS)

    @admin.action(description=_("Publier les phases sélectionnées"), permissions=["change"])
    def publish(self, request, queryset):
        self._each(request, queryset, services.publish_phase, gettext("%(count)d phase(s) publiée(s)."))

    @admin.action(description=_("Archiver les phases sélectionnées"), permissions=["change"])
    def archive(self, request, queryset):
        self._each(request, queryset, services.archive_phase, gettext("%(count)d phase(s) archivée(s)."))

    @admin.action(description=_("Repasser en brouillon"), permissions=["change"])
    def unpublish(self, request, queryset):
        self._each(request, queryset, services.unpublish_phase, gettext("%(count)d phase(s) repassée(s) en brouillon."))

    @admin.action(description=_("Définir comme phase en cours"), permissions=["change"])
    def make_current(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(request, gettext("Choisissez une seule phase."), messages.ERROR)
            return
        phase = queryset.get()
        with transaction.atomic():
            services.set_current_phase(admin_context(request), phase)
        self.message_user(
            request, gettext("« %(title)s » est la phase en cours.") % {"title": phase.title}, messages.SUCCESS
        )
