"""Responses and commitments in a tenant's admin: the top-down loop, for the people who may
respond (``RESPOND``: professionals, decision-makers, the space's admins), as over GraphQL.

- Responses: the add form (decision, text, reason, publish now or keep as a draft) is opened
  from « Réponses » with the contribution chosen among published ones, or already chosen by the
  « Répondre » button of a contribution's page (``?contribution=<id>``); drafts are edited,
  published (one by one or in bulk) or deleted; a published response is part of the record and
  only read.
- Commitments: created (title, owner, due date, description, phase, contributions answered),
  updated (texts, due date, progress, status: done, or « non fait, parce que… » with its
  reason), linked to or unlinked from contributions, given dated timeline steps; the timeline is
  shown read-only.

Every change goes through ``feedback.services`` with ``admin_context``: the same state machines,
required reasons, audit entries, events and follower notifications as the API. A refusal
(``ServiceError``) comes back as form errors and changes nothing. The lists show what the API
shows the same person (``visibility``): drafts only to people who may respond.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from imedia_core.admin_site import TenantModelAdmin, admin_context, admin_principal, tenant_admin_site
from imedia_core.errors import ServiceError
from imedia_core.participation.models import Contribution, ContributionStatus
from imedia_core.participation.visibility import visible_contributions
from imedia_core.permissions import Perm

from . import services
from .models import Commitment, CommitmentStatus, Response, ResponseStatus
from .visibility import visible_commitments, visible_responses, visible_steps

# Errors name fields as the APIs do; the forms use model names.
FORM_FIELDS = {
    "contributionId": "contribution",
    "ownerLabel": "owner_label",
    "responderLabel": "responder_label",
    "dueDate": "due_date",
    "phaseId": "phase",
}


def add_service_errors(form, exc: ServiceError) -> None:
    """Show a service's refusal on ``form``: on its field when the form has it, else above it."""
    for error in exc.errors:
        field = FORM_FIELDS.get(error["field"], error["field"])
        form.add_error(field if field in form.fields else None, error["message"])


class ServiceModelForm(forms.ModelForm):
    """A form whose saving is a service call. The call runs once the form is otherwise valid, in
    a savepoint: a refusal becomes form errors and leaves nothing behind, so the admin re-shows
    the form exactly as for any invalid input. ``saved`` is the service's result."""

    request = None  # set by ``ServiceFormAdmin.get_form``
    saved = None

    def call_service(self, ctx):
        raise NotImplementedError

    def _post_clean(self):
        super()._post_clean()
        if self.errors:
            return
        try:
            with transaction.atomic():
                self.saved = self.call_service(admin_context(self.request))
        except ServiceError as exc:
            add_service_errors(self, exc)


class ServiceFormAdmin(TenantModelAdmin):
    """Add and change pages whose form calls the services (``ServiceModelForm``): the admin
    writes nothing itself (no ``save()``, no many-to-many save). No inlines: the service runs
    while the form validates, so no formset may refuse the page afterwards."""

    inlines = ()

    view_permission = Perm.USE_ADMIN
    edit_permission = Perm.RESPOND

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        return type(form.__name__, (form,), {"request": request})

    def save_model(self, request, obj, form, change):
        if form.saved is not None:
            obj.pk = form.saved.pk

    def save_related(self, request, form, formsets, change):
        pass  # links were made by the service

    def has_delete_permission(self, request, obj=None):
        return False


def published_contributions(request):
    """The contributions a response or a commitment may concern: published ones the person sees."""
    queryset = Contribution.objects.filter(status=ContributionStatus.PUBLISHED).order_by("-published_at", "-id")
    return visible_contributions(admin_context(request), queryset)


# --- responses -----------------------------------------------------------------------------

RESPONSE_FIELDS = ("decision", "text", "reason", "capacity", "responder_label")


class ResponseForm(ServiceModelForm):
    publish = forms.BooleanField(
        label=_("Publier maintenant"),
        required=False,
        help_text=_(
            "Cochez pour publier la réponse tout de suite (les personnes qui suivent la contribution sont "
            "prévenues) ; sinon elle reste un brouillon, visible de l'équipe seulement."
        ),
    )

    class Meta:
        model = Response
        fields = ("contribution", *RESPONSE_FIELDS)
        labels = {
            "contribution": _("Contribution"),
            "decision": _("Décision"),
            "text": _("Réponse"),
            "reason": _("Motif"),
            "capacity": _("En qualité de"),
            "responder_label": _("Signée par"),
        }
        help_texts = {
            "text": _("Texte ou HTML simple ; une ligne vide sépare les paragraphes."),
            "reason": _("Obligatoire pour refuser, et pour réviser une décision déjà prise."),
            "capacity": _("Par exemple « Directrice de l'insertion, Département »."),
            "responder_label": _("Laissez vide pour signer de votre nom."),
        }
        widgets = {"text": forms.Textarea(attrs={"rows": 8}), "reason": forms.Textarea(attrs={"rows": 3})}

    def call_service(self, ctx):
        data = {name: self.cleaned_data.get(name) or "" for name in RESPONSE_FIELDS}
        publish = self.cleaned_data.get("publish")
        if self.instance.pk is None:
            return services.create_response(ctx, self.cleaned_data["contribution"], data, publish=publish)
        response = services.update_response(ctx, self.instance, data)
        return services.publish_response(ctx, response) if publish else response


@admin.register(Response, site=tenant_admin_site)
class ResponseAdmin(ServiceFormAdmin):
    form = ResponseForm
    list_display = ("contribution", "decision", "status", "responder_label", "capacity", "published_at")
    list_filter = ("status", "decision")
    search_fields = ("contribution__title", "text", "reason", "responder_label", "capacity")
    list_select_related = ("contribution",)
    date_hierarchy = "created_at"
    actions = ["publish_drafts", "delete_drafts"]
    readonly_fields = ("status", "published_at")

    def get_queryset(self, request):
        return visible_responses(admin_context(request), super().get_queryset(request))

    def get_fields(self, request, obj=None):
        if obj is None:
            return ("contribution", *RESPONSE_FIELDS, "publish")
        if obj.status == ResponseStatus.DRAFT:
            return ("contribution", *RESPONSE_FIELDS, "publish", "status")
        return ("contribution", *RESPONSE_FIELDS, "status", "published_at")

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return ()
        return ("contribution", "status", "published_at")  # a response stays on its contribution

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if "contribution" in form.base_fields:
            form.base_fields["contribution"].queryset = published_contributions(request)
        return form

    def get_changeform_initial_data(self, request):
        return {"contribution": request.GET.get("contribution")}

    def has_change_permission(self, request, obj=None):
        # A published response is part of the record: it is read, never changed nor deleted.
        editable = obj is None or obj.status == ResponseStatus.DRAFT
        return editable and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        editable = obj is None or obj.status == ResponseStatus.DRAFT
        return editable and admin_principal(request).has(Perm.RESPOND)

    def delete_model(self, request, obj):
        services.delete_response(admin_context(request), obj)

    def delete_queryset(self, request, queryset):
        for response in queryset:
            services.delete_response(admin_context(request), response)

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)  # « Supprimer les brouillons choisis » says what it does
        return actions

    def _each(self, request, queryset, call, done_message):
        """``call`` each response through its service; refusals as error messages, one by one."""
        ctx = admin_context(request)
        done = 0
        for response in queryset:
            try:
                call(ctx, response)
                done += 1
            except ServiceError as exc:
                self.message_user(request, f"« {response.contribution} » : {exc.message}", messages.ERROR)
        if done:
            self.message_user(request, done_message(done) % {"count": done}, messages.SUCCESS)

    @admin.action(description=_("Publier les brouillons choisis"), permissions=["respond"])
    def publish_drafts(self, request, queryset):
        self._each(
            request,
            queryset,
            services.publish_response,
            lambda n: ngettext("%(count)d réponse publiée.", "%(count)d réponses publiées.", n),
        )

    @admin.action(description=_("Supprimer les brouillons choisis"), permissions=["respond"])
    def delete_drafts(self, request, queryset):
        self._each(
            request,
            queryset,
            services.delete_response,
            lambda n: ngettext("%(count)d brouillon supprimé.", "%(count)d brouillons supprimés.", n),
        )

    def has_respond_permission(self, request):
        return admin_principal(request).has(Perm.RESPOND)


# --- commitments ---------------------------------------------------------------------------

COMMITMENT_LABELS = {
    "title": _("Engagement"),
    "owner_label": _("Porté par"),
    "due_date": _("Échéance"),
    "description": _("Description"),
    "phase": _("Phase du cycle"),
    "contributions": _("Contributions auxquelles il répond"),
    "progress": _("Avancement (%)"),
    "status": _("Statut"),
    "outcome": _("Non fait, parce que… / résultat"),
}


class CommitmentForm(ServiceModelForm):
    note = forms.CharField(
        label=_("Note pour la chronologie"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Ce qui explique un changement de statut, d'avancement ou d'échéance ; sans note, un résumé est écrit."
        ),
    )

    class Meta:
        model = Commitment
        fields = (
            "title", "owner_label", "due_date", "description", "phase", "contributions", "progress", "status",
            "outcome",
        )  # fmt: skip
        labels = COMMITMENT_LABELS
        help_texts = {
            "outcome": _("Obligatoire pour « non fait » : dites pourquoi."),
            "contributions": _("Seules les contributions publiées peuvent être liées."),
            "due_date": _("Format JJ/MM/AAAA."),
        }
        widgets = {"description": forms.Textarea(attrs={"rows": 5}), "outcome": forms.Textarea(attrs={"rows": 3})}

    def call_service(self, ctx):
        data = self.cleaned_data
        if self.instance.pk is None:
            fields = ("title", "owner_label", "due_date", "description", "phase")
            return services.create_commitment(
                ctx, {**{name: data.get(name) for name in fields}, "contributions": list(data["contributions"])}
            )
        # Only what the form changed: an untouched status must not read as a request to keep it.
        changes = {
            name: data.get(name)
            for name in ("title", "owner_label", "due_date", "description", "phase", "progress", "status", "outcome")
            if name in self.changed_data
        }
        if "outcome" in changes:
            changes["outcome"] = changes["outcome"] or ""
        commitment = services.update_commitment(ctx, self.instance, changes, note=data.get("note") or "")
        linked = set(Commitment.objects.get(pk=commitment.pk).contributions.all())
        wanted = set(data["contributions"])
        if wanted - linked:
            commitment = services.link_contributions(ctx, commitment, sorted(wanted - linked, key=lambda c: c.pk))
        if linked - wanted:
            commitment = services.unlink_contributions(ctx, commitment, sorted(linked - wanted, key=lambda c: c.pk))
        return commitment


class StepForm(forms.Form):
    """A dated step of a commitment's timeline (``services.add_update``)."""

    date = forms.DateField(label=_("Date"), required=False, help_text=_("Laissez vide pour aujourd'hui."))
    text = forms.CharField(label=_("Ce qui s'est passé"), widget=forms.Textarea(attrs={"rows": 4}))
    progress = forms.IntegerField(label=_("Nouvel avancement (%)"), required=False, min_value=0, max_value=100)
    status = forms.ChoiceField(
        label=_("Nouveau statut"), required=False, choices=[("", _("— inchangé —")), *CommitmentStatus.choices]
    )
    outcome = forms.CharField(
        label=_("Non fait, parce que…"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Obligatoire avec le statut « non fait »."),
    )
    due_date = forms.DateField(label=_("Nouvelle échéance"), required=False)


class OverdueFilter(admin.SimpleListFilter):
    title = _("retard")
    parameter_name = "overdue"

    def lookups(self, request, model_admin):
        return [("yes", _("En retard")), ("no", _("Dans les temps ou clos"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(is_overdue=True)
        if self.value() == "no":
            return queryset.filter(is_overdue=False)
        return queryset


@admin.register(Commitment, site=tenant_admin_site)
class CommitmentAdmin(ServiceFormAdmin):
    form = CommitmentForm
    list_display = ("title", "owner_label", "due_date", "status", "progress", "overdue")
    list_filter = ("status", OverdueFilter, "phase")
    search_fields = ("title", "owner_label", "description", "outcome")
    readonly_fields = ("closed_at", "created_by_label")

    def get_queryset(self, request):
        return visible_commitments(admin_context(request), super().get_queryset(request))

    def get_fields(self, request, obj=None):
        fields = ["title", "owner_label", "due_date", "description", "phase", "contributions"]
        if obj is None:
            return fields
        return [*fields, "status", "progress", "outcome", "note", "created_by_label", "closed_at"]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if "contributions" in form.base_fields:
            # Published ones, plus those already linked (so that they can be unlinked).
            allowed = published_contributions(request)
            if obj is not None:
                allowed = allowed | Contribution.objects.filter(commitments=obj)
            form.base_fields["contributions"].queryset = allowed.distinct()
        return form

    @admin.display(description=_("En retard"), boolean=True, ordering="is_overdue")
    def overdue(self, obj):
        return obj.is_overdue

    # --- a timeline step --------------------------------------------------------------------------

    def get_urls(self):
        return [
            path(
                "<int:object_id>/etape/",
                self.admin_site.admin_view(self.step_view),
                name="feedback_commitment_step",
            ),
            *super().get_urls(),
        ]

    def step_view(self, request, object_id):
        commitment = get_object_or_404(self.get_queryset(request), pk=object_id)
        if not self.has_change_permission(request, commitment):
            raise PermissionDenied
        change_url = reverse("tenant_admin:feedback_commitment_change", args=[commitment.pk])
        form = StepForm(request.POST if request.method == "POST" else None)
        if form.is_bound and form.is_valid():
            data = {name: value for name, value in form.cleaned_data.items() if value not in (None, "")}
            try:
                with transaction.atomic():
                    services.add_update(admin_context(request), commitment, data)
            except ServiceError as exc:
                add_service_errors(form, exc)
            else:
                self.message_user(request, gettext("Étape ajoutée à la chronologie."), messages.SUCCESS)
                return HttpResponseRedirect(change_url)
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Ajouter une étape à « %(title)s »") % {"title": commitment.title},
            "opts": self.model._meta,
            "original": commitment,
            "change_url": change_url,
            "form": form,
        }
        return TemplateResponse(request, "admin/feedback/commitment/step.html", context)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            # The dated timeline, read-only (shown by the template: no formset on this page).
            context["timeline"] = visible_steps(
                admin_context(request), obj.updates.order_by("date", "created_at", "id")
            )
        if obj is not None and self.has_change_permission(request, obj):
            context["step_url"] = reverse("tenant_admin:feedback_commitment_step", args=[obj.pk])
        return super().render_change_form(request, context, add=add, change=change, form_url=form_url, obj=obj)
