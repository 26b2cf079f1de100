"""Self-diagnostics in a tenant's admin, every change through ``services`` (audit entry and event
included, the same refusals as GraphQL):

- questionnaires: texts, dimensions, items (each with its answer scale, one option a line) and
  maturity levels on one page, saved together by ``create_diagnostic`` / ``update_diagnostic``;
  dimensions and items become read-only once somebody answered; publish, back to draft and
  archive by ``set_diagnostic_status`` (the « État » field, or actions on the list);
- runs: opened for a group by ``open_run`` (the add page), their code and a link to share,
  closed by ``close_run`` (button or action), conclusions by ``conclude_run``, and the results
  as the facilitator sees them (``access.results_for``) with the radar chart and the CSV;
- groups: read only (a run names its group; ``open_run`` finds or creates it).

Individual answers are never shown: members appear as « Participant·e 1, 2… ».
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import construct_change_message
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.db.models import Count
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from imedia_core.admin_site import (
    NOBODY,
    ServiceErrorsAsMessages,
    TenantModelAdmin,
    TenantTabularInline,
    admin_context,
    tenant_admin_site,
)
from imedia_core.content.models import PublicationStatus
from imedia_core.cycle.models import Phase
from imedia_core.errors import ErrorCollector, ServiceError
from imedia_core.permissions import Perm

from . import services
from .access import results_for
from .models import Answer, Diagnostic, Dimension, Group, Item, MaturityLevel, Run, RunStatus
from .questionnaire import clean_levels, clean_structure, clean_texts
from .render import french_number, radar_svg
from .scoring import available_scorers

# Services name fields as the APIs do; the forms use model names.
FORM_FIELDS = {"scorerKey": "scorer_key", "diagnosticId": "diagnostic", "groupName": "group_name"}


def _add_service_errors(form, errors) -> None:
    for error in errors:
        field = FORM_FIELDS.get(error["field"], error["field"])
        form.add_error(field if field in form.fields else None, error["message"])


def _answered(diagnostic) -> bool:
    return diagnostic is not None and Answer.objects.filter(item__diagnostic=diagnostic).exists()


# --- questionnaires ------------------------------------------------------------------------


class StructureLock:
    """Dimensions and items are read-only once somebody answered the diagnostic (the service
    refuses to change them then: results would no longer mean anything)."""

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and not _answered(obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not _answered(obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not _answered(obj)


class DimensionForm(forms.ModelForm):
    class Meta:
        model = Dimension
        fields = ("position", "slug", "title", "description", "phase")
        labels = {
            "position": _("Ordre"),
            "slug": _("Identifiant"),
            "title": _("Titre"),
            "description": _("Description"),
            "phase": _("Phase du cycle"),
        }
        widgets = {"description": forms.Textarea(attrs={"rows": 2, "cols": 30})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slug"].required = False
        self.fields["title"].required = False
        self.fields["slug"].help_text = _("Fait à partir de la phase ou du titre si vide.")
        self.fields["title"].help_text = _("Celui de la phase si vide.")


class DimensionInline(StructureLock, TenantTabularInline):
    model = Dimension
    form = DimensionForm
    ordering = ("position", "id")
    extra = 0
    verbose_name = _("dimension")
    verbose_name_plural = _("dimensions (sans dimension : une par phase du cycle actif)")


def format_scale(scale) -> str:
    return "\n".join(f"{option['label']} = {option['score']:g}" for option in scale or [])


def parse_scale(text: str) -> list[dict] | None:
    """« Pas du tout = 0 » one option a line; None when empty (the default scale)."""
    options = []
    for line in (text or "").splitlines():
        if not line.strip():
            continue
        label, sep, score = line.rpartition("=")
        if not sep:
            raise forms.ValidationError(
                gettext("« %(line)s » : écrivez chaque option sous la forme « Libellé = score ».") % {"line": line}
            )
        options.append({"label": label.strip(), "score": score.strip().replace(",", ".")})
    return options or None


class ItemForm(forms.ModelForm):
    dimension_key = forms.ChoiceField(
        label=_("Dimension"),
        help_text=_("Enregistrez d'abord une nouvelle dimension pour y rattacher des items."),
    )
    scale_text = forms.CharField(
        label=_("Échelle de réponse"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "cols": 22}),
        help_text=_("Une option par ligne, « Libellé = score ». Vide : Pas du tout = 0 … Tout à fait = 3."),
    )
    dimension_choices: list = []

    class Meta:
        model = Item
        fields = ("position", "text", "help_text", "weight")
        labels = {"position": _("Ordre"), "text": _("Énoncé"), "help_text": _("Aide"), "weight": _("Poids")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["dimension_key"].choices = [("", "---------"), *self.dimension_choices]
        if self.instance.pk:
            self.initial.setdefault("dimension_key", self.instance.dimension.slug)
            self.initial.setdefault("scale_text", format_scale(self.instance.scale))

    def clean_scale_text(self):
        return parse_scale(self.cleaned_data.get("scale_text"))


def dimension_choices(diagnostic) -> list[tuple[str, str]]:
    """The diagnostic's dimensions, then the active cycle's phases (a dimension defaults to one)."""
    choices = {}
    if diagnostic is not None and diagnostic.pk:
        choices = {d.slug: d.title for d in diagnostic.dimensions.order_by("position", "id")}
    for phase in Phase.objects.filter(cycle__is_active=True).order_by("position", "id"):
        choices.setdefault(phase.slug, phase.title)
    return list(choices.items())


class ItemInline(StructureLock, TenantTabularInline):
    model = Item
    form = ItemForm
    fields = ("position", "dimension_key", "text", "help_text", "weight", "scale_text")
    ordering = ("position", "id")
    extra = 0
    verbose_name = _("item")
    verbose_name_plural = _("items")

    def get_formset(self, request, obj=None, **kwargs):
        form = type("ItemForm", (ItemForm,), {"dimension_choices": dimension_choices(obj)})
        return super().get_formset(request, obj, form=form, **kwargs)

    # Shown instead of the form fields once the items are read-only (somebody answered).

    @admin.display(description=_("Dimension"))
    def dimension_key(self, item):
        return item.dimension.title

    @admin.display(description=_("Échelle de réponse"))
    def scale_text(self, item):
        return " ; ".join(f"{option['label']} = {option['score']:g}" for option in item.scale or [])


class MaturityLevelForm(forms.ModelForm):
    class Meta:
        model = MaturityLevel
        fields = ("min_score", "label", "description")
        labels = {"min_score": _("À partir du score"), "label": _("Niveau"), "description": _("Description")}


class MaturityLevelInline(TenantTabularInline):
    model = MaturityLevel
    form = MaturityLevelForm
    ordering = ("min_score",)
    extra = 0
    verbose_name = _("niveau de maturité")
    verbose_name_plural = _("niveaux de maturité (sans niveau : À construire, En cours, Acquis)")


def _rows(formset):
    """The formset's kept rows (not deleted, not left empty), by position then display order."""
    if formset is None:
        return []
    kept = [
        form
        for form in formset.forms
        if form.has_changed() or form.instance.pk
        if not formset._should_delete_form(form)
    ]
    kept.sort(key=lambda form: form.cleaned_data.get("position") or 0)
    return [form.cleaned_data for form in kept]


def diagnostic_input(form, formsets, *, creating: bool) -> dict:
    """What the admin page asks the services for, in their input shape."""
    cleaned = form.cleaned_data
    data = {
        "title": cleaned.get("title"),
        "slug": cleaned.get("slug") or None,
        "description": cleaned.get("description") or "",
        "scorer_key": cleaned.get("scorer_key"),
    }
    by_model = {formset.model: formset for formset in formsets}
    structure = [by_model.get(Dimension), by_model.get(Item)]
    if creating or any(formset is not None and formset.has_changed() for formset in structure):
        dimensions = [
            {
                "slug": row.get("slug"),
                "title": row.get("title"),
                "description": row.get("description"),
                "phase_id": row["phase"].pk if row.get("phase") else None,
            }
            for row in _rows(structure[0])
        ]
        data["dimensions"] = dimensions if dimensions or not creating else None
        data["items"] = [
            {
                "dimension": row.get("dimension_key"),
                "text": row.get("text"),
                "help_text": row.get("help_text"),
                "weight": row.get("weight"),
                "scale": row.get("scale_text"),
            }
            for row in _rows(structure[1])
        ]
    levels = by_model.get(MaturityLevel)
    if levels is not None and (creating or levels.has_changed()):
        rows = [
            {"min_score": row.get("min_score"), "label": row.get("label"), "description": row.get("description")}
            for row in _rows(levels)
        ]
        data["maturity_levels"] = rows if rows or not creating else None
    return data


class DiagnosticForm(forms.ModelForm):
    scorer_key = forms.ChoiceField(label=_("Méthode de calcul"))
    status = forms.ChoiceField(label=_("État"), choices=PublicationStatus.choices)

    class Meta:
        model = Diagnostic
        fields = ("title", "slug", "description", "scorer_key", "status")
        labels = {"title": _("Titre"), "slug": _("Identifiant"), "description": _("Description")}
        help_texts = {
            "slug": _("Fait à partir du titre si vide."),
            "description": _("À quoi sert ce diagnostic."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slug"].required = False
        self.fields["scorer_key"].choices = [
            (key, getattr(scorer, "label", key)) for key, scorer in available_scorers(connection.tenant).items()
        ]
        self.fields["status"].help_text = _("Publié : des passations peuvent être ouvertes. Archivé : plus aucune.")

    def clean(self):
        """The services' own checks on the whole page (texts, dimensions, items, levels), so what
        they would refuse shows on the form. Skipped while an inline row is itself invalid."""
        cleaned = super().clean()
        formsets = getattr(self.instance, "_admin_formsets", [])
        if self.errors or not all(formset.is_valid() for formset in formsets):
            return cleaned
        creating = self.instance._state.adding
        self.service_input = diagnostic_input(self, formsets, creating=creating)
        errors = ErrorCollector()
        clean_texts(errors, self.service_input, creating=creating, exclude_pk=self.instance.pk)
        if "items" in self.service_input:
            clean_structure(errors, self.service_input)
        if self.service_input.get("maturity_levels") is not None:
            clean_levels(errors, self.service_input["maturity_levels"])
        _add_service_errors(self, errors.errors)
        return cleaned


@admin.register(Diagnostic, site=tenant_admin_site)
class DiagnosticAdmin(ServiceErrorsAsMessages, TenantModelAdmin):
    form = DiagnosticForm
    list_display = ("title", "slug", "status", "scorer_key", "template_key", "updated_at")
    list_filter = ("status",)
    search_fields = ("title", "slug")
    inlines = (DimensionInline, ItemInline, MaturityLevelInline)
    actions = ("publish", "back_to_draft", "archive")

    delete_permission = NOBODY  # archive instead: runs keep their questionnaire (no API delete either)

    def _create_formsets(self, request, obj, change):
        formsets, inline_instances = super()._create_formsets(request, obj, change)
        obj._admin_formsets = formsets  # the form checks the page as a whole (DiagnosticForm.clean)
        return formsets, inline_instances

    def save_model(self, request, obj, form, change):
        ctx = admin_context(request)
        data = form.service_input
        if change:
            diagnostic = services.update_diagnostic(ctx, Diagnostic.objects.get(pk=obj.pk), data)
        else:
            diagnostic = services.create_diagnostic(ctx, data)
        if form.cleaned_data["status"] != diagnostic.status:
            diagnostic = services.set_diagnostic_status(ctx, diagnostic, form.cleaned_data["status"])
        obj.pk, obj.slug, obj.status = diagnostic.pk, diagnostic.slug, diagnostic.status

    def save_related(self, request, form, formsets, change):
        pass  # dimensions, items and levels were saved with the diagnostic, by the service

    def construct_change_message(self, request, form, formsets, add=False):
        return construct_change_message(form, [], add)  # the inline formsets were not saved themselves

    def _set_status(self, request, queryset, status, done):
        ctx = admin_context(request)
        count = 0
        for diagnostic in queryset:
            try:
                services.set_diagnostic_status(ctx, diagnostic, status)
                count += 1
            except ServiceError as exc:
                self.message_user(request, f"{diagnostic} : {exc.message}", messages.ERROR)
        if count:
            self.message_user(request, done % {"count": count})

    @admin.action(description=_("Publier les diagnostics choisis"))
    def publish(self, request, queryset):
        self._set_status(request, queryset, PublicationStatus.PUBLISHED, gettext("%(count)s diagnostic(s) publié(s)."))

    @admin.action(description=_("Repasser les diagnostics choisis en brouillon"))
    def back_to_draft(self, request, queryset):
        self._set_status(
            request, queryset, PublicationStatus.DRAFT, gettext("%(count)s diagnostic(s) repassé(s) en brouillon.")
        )

    @admin.action(description=_("Archiver les diagnostics choisis"))
    def archive(self, request, queryset):
        self._set_status(request, queryset, PublicationStatus.ARCHIVED, gettext("%(count)s diagnostic(s) archivé(s)."))


# --- groups --------------------------------------------------------------------------------


@admin.register(Group, site=tenant_admin_site)
class GroupAdmin(TenantModelAdmin):
    """Read only: opening a run for a group name finds or creates the group."""

    view_permission = Perm.RUN_DIAGNOSTIC  # as GraphQL's diagnosticGroups
    list_display = ("name", "slug", "created_at")
    search_fields = ("name",)
    fields = ("name", "slug", "description", "created_at")

    edit_permission = Perm.RUN_DIAGNOSTIC
    # No service writes a group by itself: it is named when a run is opened (« Passations »).
    add_permission = change_permission = delete_permission = NOBODY


# --- runs ----------------------------------------------------------------------------------


class RunOpenForm(forms.ModelForm):
    """The add page: what ``open_run`` takes."""

    group_name = forms.CharField(
        label=_("Groupe"),
        max_length=200,
        help_text=_("Le nom du groupe qui passe le diagnostic ; un groupe déjà connu est retrouvé par son nom."),
    )

    class Meta:
        model = Run
        fields = ("diagnostic", "group_name", "title", "held_on", "allow_anonymous")
        labels = {
            "diagnostic": _("Autodiagnostic"),
            "title": _("Titre de la passation"),
            "held_on": _("Date"),
            "allow_anonymous": _("Réponses sans compte"),
        }
        help_texts = {
            "title": _("Vide : le titre du diagnostic et la date."),
            "held_on": _("Vide : aujourd'hui."),
            "allow_anonymous": _("Les personnes peuvent répondre sans se connecter, avec le code."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["diagnostic"].queryset = Diagnostic.objects.filter(status=PublicationStatus.PUBLISHED)
        self.fields["diagnostic"].help_text = _("Seuls les diagnostics publiés peuvent être passés.")
        self.fields["title"].required = False
        self.fields["held_on"].required = False


class RunConcludeForm(forms.ModelForm):
    """The change page: the group's conclusions and priorities (``conclude_run``)."""

    class Meta:
        model = Run
        fields = ("conclusions", "priorities")
        labels = {"conclusions": _("Conclusions du groupe"), "priorities": _("Priorités du groupe")}
        help_texts = {"conclusions": _("Texte simple."), "priorities": _("Texte simple.")}


@admin.register(Run, site=tenant_admin_site)
class RunAdmin(ServiceErrorsAsMessages, TenantModelAdmin):
    view_permission = Perm.RUN_DIAGNOSTIC  # GraphQL shows others only the runs they answered
    edit_permission = Perm.RUN_DIAGNOSTIC
    change_form_template = "admin/diagnostics/run/change_form.html"
    list_display = ("title", "diagnostic", "group", "held_on", "status", "shown_code", "participant_total")
    list_filter = ("status", "diagnostic")
    search_fields = ("title", "group__name")
    actions = ("close",)
    readonly_fields = (
        "diagnostic",
        "group",
        "title",
        "held_on",
        "status",
        "shown_code",
        "share_link",
        "allow_anonymous",
        "facilitator_label",
        "participant_total",
    )

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("diagnostic", "group")
            .annotate(participant_total=Count("participants"))
        )

    def get_form(self, request, obj=None, change=False, **kwargs):
        kwargs["form"] = RunConcludeForm if obj is not None else RunOpenForm
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fields(self, request, obj=None):
        if obj is None:
            return RunOpenForm.Meta.fields
        return (*self.readonly_fields, "conclusions", "priorities")

    def get_readonly_fields(self, request, obj=None):
        return () if obj is None else self.readonly_fields

    delete_permission = NOBODY  # a run is closed, not deleted: its answers are the programme's history

    @admin.display(description=_("Participant·es"), ordering="participant_total")
    def participant_total(self, obj):
        return obj.participant_total

    @admin.display(description=_("Code"))
    def shown_code(self, obj):
        return services.format_code(obj.code)

    @admin.display(description=_("Lien à partager"))
    def share_link(self, obj):
        domain = connection.tenant.get_primary_domain()
        url = f"https://{domain.domain}/?code={obj.code}" if domain else ""
        return format_html(
            '<input type="text" readonly value="{}" size="48" aria-label="{}"> <span class="help">{}</span>',
            url,
            gettext("Lien à partager"),
            gettext("Le site de l'espace ouvre la passation avec ce code ; le code seul suffit aussi."),
        )

    # Open (add page) and conclude (change page), through the services.

    def save_model(self, request, obj, form, change):
        ctx = admin_context(request)
        if change:
            if form.has_changed():
                services.conclude_run(
                    ctx,
                    Run.objects.get(pk=obj.pk),
                    conclusions=form.cleaned_data["conclusions"],
                    priorities=form.cleaned_data["priorities"],
                )
            return
        cleaned = form.cleaned_data
        run = services.open_run(
            ctx,
            cleaned["diagnostic"],
            group_name=cleaned["group_name"],
            title=cleaned.get("title") or "",
            held_on=cleaned.get("held_on"),
            allow_anonymous=cleaned.get("allow_anonymous", True),
        )
        obj.pk, obj.title, obj.held_on, obj.code, obj.group_id = run.pk, run.title, run.held_on, run.code, run.group_id

    def response_add(self, request, obj, post_url_continue=None):
        # Straight to the run's page: its code and link are what the facilitator needs next.
        self.message_user(
            request,
            gettext("Passation « %(title)s » ouverte : code %(code)s.")
            % {"title": obj.title, "code": services.format_code(obj.code)},
        )
        return HttpResponseRedirect(reverse(f"{self.admin_site.name}:diagnostics_run_change", args=[obj.pk]))

    # Close: a button on the run's page, or an action on the list.

    def get_urls(self):
        close = self.admin_site.admin_view(self.close_view)
        return [path("<path:object_id>/close/", close, name="diagnostics_run_close"), *super().get_urls()]

    def close_view(self, request, object_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        run = self.get_object(request, object_id)
        if run is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not self.has_change_permission(request, run):
            raise PermissionDenied
        try:
            services.close_run(admin_context(request), run)
            self.message_user(request, gettext("Passation « %(title)s » clôturée.") % {"title": run.title})
        except ServiceError as exc:
            self.message_user(request, exc.message, messages.ERROR)
        return HttpResponseRedirect(reverse(f"{self.admin_site.name}:diagnostics_run_change", args=[run.pk]))

    @admin.action(description=_("Clôturer les passations choisies"), permissions=["change"])
    def close(self, request, queryset):
        ctx = admin_context(request)
        closed = 0
        for run in queryset.filter(status=RunStatus.OPEN):
            services.close_run(ctx, run)
            closed += 1
        self.message_user(
            request,
            ngettext("%(count)s passation clôturée.", "%(count)s passations clôturées.", closed) % {"count": closed},
        )

    # Results, as the facilitator may see them, below the form.

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = dict(extra_context or {})
        run = self.get_object(request, object_id)
        if run is not None:
            results = results_for(admin_context(request), run)
            if results is not None:
                rows = [
                    {
                        "title": d.dimension.title,
                        "score": french_number(d.score),
                        "level": d.level.label if d.level else "—",
                        "respondents": d.respondents,
                        "spread": french_number(d.spread),
                    }
                    for d in results.dimensions
                ]
                extra_context.update(
                    results=results,
                    result_rows=rows,
                    overall=french_number(results.overall_score),
                    radar=mark_safe(radar_svg(results)),  # noqa: S308  every text in it is XML-escaped
                    csv_url=reverse("diagnostics-run-csv", kwargs={"run_id": run.pk}),
                    radar_url=reverse("diagnostics-run-radar", kwargs={"run_id": run.pk}),
                    can_close=run.status == RunStatus.OPEN and self.has_change_permission(request, run),
                )
        return super().change_view(request, object_id, form_url, extra_context)
