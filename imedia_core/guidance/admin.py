"""The guided path in a tenant's admin: edit questions and their ordered links, and review the
searches the catalogue did not answer (most frequent first). Saves and deletions go through
``services`` (sanitising, slug, revision, audit entry and event); rights come from the person's
role in this tenant."""

from django import forms
from django.contrib import admin
from django.contrib.admin.utils import construct_change_message

from imedia_core.admin_site import (
    ServiceErrorsAsMessages,
    TenantModelAdmin,
    TenantTabularInline,
    admin_context,
    tenant_admin_site,
)
from imedia_core.permissions import Perm

from . import services
from .models import (
    Question,
    QuestionFollowUp,
    QuestionMethod,
    QuestionPhase,
    QuestionResource,
    UnansweredSearch,
    UnansweredStatus,
)

# API field names (services' errors) -> form field names
_FORM_FIELDS = {api_name: name for name, api_name in services.API_NAMES.items()}


class QuestionPhaseInline(TenantTabularInline):
    model = QuestionPhase
    extra = 0
    fields = ("phase", "position")
    verbose_name = "phase"
    verbose_name_plural = "phases du cycle"


class QuestionResourceInline(TenantTabularInline):
    model = QuestionResource
    extra = 0
    fields = ("resource", "position")
    raw_id_fields = ("resource",)
    verbose_name = "ressource"
    verbose_name_plural = "ressources qui y répondent"


class QuestionMethodInline(TenantTabularInline):
    model = QuestionMethod
    extra = 0
    fields = ("item", "position")
    raw_id_fields = ("item",)
    verbose_name = "méthode"
    verbose_name_plural = "méthodes (éléments de phase)"


class QuestionFollowUpInline(TenantTabularInline):
    model = QuestionFollowUp
    fk_name = "question"
    extra = 0
    fields = ("follow_up", "position")
    raw_id_fields = ("follow_up",)
    verbose_name = "question de suite"
    verbose_name_plural = "questions de suite"


# Each inline's rows -> the service's link list and the row's field naming the linked object.
_LINK_LISTS = {
    QuestionPhase: ("phases", "phase"),
    QuestionResource: ("resources", "resource"),
    QuestionMethod: ("methods", "item"),
    QuestionFollowUp: ("follow_ups", "follow_up"),
}


class QuestionAdminForm(forms.ModelForm):
    slug = forms.SlugField(
        required=False, max_length=120, label="Identifiant", help_text="Fait à partir de la question si vide."
    )
    keywords = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        label="Mots-clés et synonymes",
        help_text="Autres façons de poser la question, une par ligne.",
    )

    class Meta:
        model = Question
        fields = (
            "text",
            "slug",
            "answer",
            "keywords",
            "position",
            "status",
            "publish_at",
            "contribute_kind",
            "contribute_prompt",
        )

    def clean(self):
        cleaned = super().clean()
        probe = Question(pk=self.instance.pk)
        for name, value in cleaned.items():
            setattr(probe, name, value)
        for error in services.question_errors(probe):
            field = _FORM_FIELDS.get(error["field"], error["field"])
            self.add_error(field if field in self.fields else None, error["message"])
        return cleaned


@admin.register(Question, site=tenant_admin_site)
class QuestionAdmin(ServiceErrorsAsMessages, TenantModelAdmin):
    form = QuestionAdminForm
    list_display = ("text", "status", "position", "contribute_kind", "updated_at")
    list_filter = ("status", "contribute_kind")
    search_fields = ("text", "keywords", "slug")
    ordering = ("position", "id")
    inlines = (QuestionPhaseInline, QuestionResourceInline, QuestionMethodInline, QuestionFollowUpInline)

    def save_model(self, request, obj, form, change):
        pass  # saved with its links in save_related, in one service call

    def save_related(self, request, form, formsets, change):
        """The question and the link lists changed on the page, through ``save_question``: one
        revision, one audit entry, one event; the inline rows are never written by the admin."""
        links = {}
        for formset in formsets:
            name, attr = _LINK_LISTS[formset.model]
            if formset.has_changed():
                kept = [
                    row
                    for row in formset.forms
                    if (row.has_changed() or row.instance.pk) and not formset._should_delete_form(row)
                ]
                kept.sort(key=lambda row: row.cleaned_data.get("position") or 0)
                links[name] = [row.cleaned_data[attr] for row in kept]
        services.save_question(admin_context(request), form.instance, links)

    def construct_change_message(self, request, form, formsets, add=False):
        return construct_change_message(form, [], add)  # the inline formsets were not saved themselves

    def delete_model(self, request, obj):
        services.delete_question(admin_context(request), obj)

    def delete_queryset(self, request, queryset):
        ctx = admin_context(request)
        for question in queryset:
            services.delete_question(ctx, question)


class UnansweredSearchAdminForm(forms.ModelForm):
    class Meta:
        model = UnansweredSearch
        fields = ("status", "question")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("status") == UnansweredStatus.ANSWERED and not cleaned.get("question"):
            self.add_error("question", "Indiquez la question qui répond à cette recherche.")
        return cleaned


@admin.register(UnansweredSearch, site=tenant_admin_site)
class UnansweredSearchAdmin(TenantModelAdmin):
    view_permission = Perm.EDIT_CONTENT  # as GraphQL's guidanceUnansweredSearches
    form = UnansweredSearchAdminForm
    list_display = ("text", "count", "first_seen_on", "last_seen_on", "status", "question")
    list_filter = ("status",)
    search_fields = ("text",)
    ordering = ("-count", "-last_seen_on", "-id")
    fields = ("text", "count", "first_seen_on", "last_seen_on", "status", "question", "handled_on")
    readonly_fields = ("text", "count", "first_seen_on", "last_seen_on", "handled_on")
    raw_id_fields = ("question",)
    actions = ("dismiss",)

    def has_add_permission(self, request):
        return False  # only people's searches create rows

    def save_model(self, request, obj, form, change):
        services.handle_unanswered(admin_context(request), obj, obj.status, question=obj.question)

    def delete_model(self, request, obj):
        services.delete_unanswered(admin_context(request), obj)

    def delete_queryset(self, request, queryset):
        ctx = admin_context(request)
        for search in queryset:
            services.delete_unanswered(ctx, search)

    @admin.action(description="Écarter les recherches sélectionnées")
    def dismiss(self, request, queryset):
        ctx = admin_context(request)
        for search in queryset:
            services.handle_unanswered(ctx, search, UnansweredStatus.DISMISSED)
        self.message_user(request, f"{queryset.count()} recherche(s) écartée(s).")
