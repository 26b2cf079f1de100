"""Participation in a tenant's admin: the moderation queue (pending and held first, whatever the
change list would sort by otherwise), filters by status, kind, phase and hold, moderation of one
item or many (approve, reject, hide, restore, requeue; rejecting and hiding ask for a reason on
a confirmation page), the moderation history inline, comments, expression groups and their
members, and the programme's rules.

Every change goes through the domain's services, as from the API: the same rules, the same audit
entries and events. The contribution and comment lists are the moderation queue (every status,
held and reported flags, the history): as GraphQL's ``moderationQueue``, they are for moderators
(``MODERATE``) only; professionals and decision-makers answer published contributions from
« Réponses » (feedback admin), and a moderator who may also respond gets a « Répondre » button on
a published contribution's page. Nothing is deleted here: contributions and comments are
rejected or hidden (their history and the answers linked to them stay), groups deactivated.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.db.models import Case, IntegerField, Value, When
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from imedia_core.admin_site import (
    TenantModelAdmin,
    TenantTabularInline,
    admin_context,
    admin_principal,
    tenant_admin_site,
)
from imedia_core.errors import ServiceError
from imedia_core.permissions import Perm

from . import states
from .comments import moderate_comment
from .contributions import moderate_contribution
from .groups import add_group_member, clean_group_name, create_group, remove_group_member, space_members, update_group
from .inputs import REASON_MAX
from .models import (
    Comment,
    Contribution,
    ContributionStatus,
    ExpressionGroup,
    GroupMember,
    ParticipationSettings,
    StatusChange,
)
from .settings import FIELDS as SETTINGS_FIELDS
from .settings import check_settings, update_settings
from .visibility import visible_comments, visible_contributions

# --- moderation --------------------------------------------------------------------------------

A = states.Action
# What each moderation button says, and whether its confirmation page must get a reason.
MODERATION_ACTIONS = {
    A.APPROVE: (_("Valider (publier)"), False),
    A.REJECT: (_("Refuser…"), True),
    A.HIDE: (_("Masquer…"), True),
    A.RESTORE: (_("Rétablir"), False),
    A.REQUEUE: (_("Remettre en modération"), False),
}


class ReasonForm(forms.Form):
    """The confirmation page of a moderation decision: the reason, shown to the author."""

    reason = forms.CharField(
        label=_("Raison"),
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Communiquée à l'auteur·rice et gardée dans l'historique."),
    )

    def __init__(self, *args, required=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].required = required
        if not required:
            self.fields["reason"].label = _("Raison (facultative)")


def queue_rank():
    """Pending items first (those held by an automatic check on top), then the rest."""
    return Case(
        When(status="pending", held_by__gt="", then=Value(0)),
        When(status="pending", then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )


def can_moderate(request) -> bool:
    return admin_principal(request).has(Perm.MODERATE)


class ModeratedAdmin(TenantModelAdmin):
    """Contributions and comments: written by people through the API, moderated here, never
    deleted. The admin's lists are the moderation queue (every status), which GraphQL shows to
    moderators only (``moderationQueue``): other staff do not see them at all. Subclasses set
    ``moderate`` (the service) and ``transitions`` (the state machine)."""

    view_permission = Perm.MODERATE
    edit_permission = Perm.MODERATE
    moderate = None
    transitions = ()
    actions = ["approve", "reject", "hide", "restore"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_moderate_permission(self, request):
        return can_moderate(request)

    def get_ordering(self, request):
        # The change list orders by this, not by the model's ``-created_at``: the queue comes first.
        # An expression, not an annotation's name: the ordering also serves lists of these rows
        # in other admins' forms (a response's contribution), which know no annotation.
        return [queue_rank().asc(), "-created_at"]

    # --- one item or many, the same way --------------------------------------------------------

    def _apply(self, request, items, action, reason=""):
        ctx = admin_context(request)
        done = 0
        for item in items:
            try:
                type(self).moderate(ctx, item, action, reason)
                done += 1
            except ServiceError as exc:
                self.message_user(request, f"« {item} » : {exc.message}", messages.ERROR)
        if done:
            self.message_user(
                request,
                ngettext("%(count)d élément traité.", "%(count)d éléments traités.", done) % {"count": done},
                messages.SUCCESS,
            )
        return done

    def _confirm(self, request, items, action, *, single=None):
        """Ask for the reason (required to reject or hide), then apply. None once applied."""
        label, reason_required = MODERATION_ACTIONS[action]
        form = ReasonForm(request.POST if "apply" in request.POST else None, required=reason_required)
        if form.is_bound and form.is_valid():
            self._apply(request, items, action, form.cleaned_data["reason"])
            return None
        opts = self.model._meta
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("%(action)s — confirmation") % {"action": str(label).rstrip("…")},
            "opts": opts,
            "items": items,
            "form": form,
            "action": action.value,
            "single": single,
            "reason_required": reason_required,
            "action_checkbox_name": ACTION_CHECKBOX_NAME,
            "changelist_url": reverse(f"tenant_admin:{opts.app_label}_{opts.model_name}_changelist"),
        }
        return TemplateResponse(request, "admin/participation/moderation_confirm.html", context)

    def _bulk_action(self, request, queryset, action):
        if MODERATION_ACTIONS[action][1]:
            return self._confirm(request, list(queryset), action)
        self._apply(request, queryset, action)
        return None

    @admin.action(description=_("Valider (publier) les éléments choisis"), permissions=["moderate"])
    def approve(self, request, queryset):
        return self._bulk_action(request, queryset, A.APPROVE)

    @admin.action(description=_("Refuser les éléments choisis (avec une raison)…"), permissions=["moderate"])
    def reject(self, request, queryset):
        return self._bulk_action(request, queryset, A.REJECT)

    @admin.action(description=_("Masquer les éléments choisis (avec une raison)…"), permissions=["moderate"])
    def hide(self, request, queryset):
        return self._bulk_action(request, queryset, A.HIDE)

    @admin.action(description=_("Rétablir les éléments masqués choisis"), permissions=["moderate"])
    def restore(self, request, queryset):
        return self._bulk_action(request, queryset, A.RESTORE)

    # --- the buttons of an item's page ------------------------------------------------------------

    def get_urls(self):
        opts = self.model._meta
        return [
            path(
                "<int:object_id>/moderer/<str:action>/",
                self.admin_site.admin_view(self.moderate_view),
                name=f"{opts.app_label}_{opts.model_name}_moderate",
            ),
            *super().get_urls(),
        ]

    def moderate_view(self, request, object_id, action):
        if not can_moderate(request):
            raise PermissionDenied
        item = get_object_or_404(self.get_queryset(request), pk=object_id)
        try:
            action = A(action)
        except ValueError:
            raise PermissionDenied from None
        if action not in MODERATION_ACTIONS:
            raise PermissionDenied
        opts = self.model._meta
        change_url = reverse(f"tenant_admin:{opts.app_label}_{opts.model_name}_change", args=[item.pk])
        if request.method == "POST":
            response = self._confirm(request, [item], action, single=change_url)
            if response is None:
                return HttpResponseRedirect(change_url)
            return response
        return self._confirm(request, [item], action, single=change_url)

    def moderation_buttons(self, request, obj):
        if obj is None or not can_moderate(request):
            return []
        opts = self.model._meta
        return [
            (
                reverse(f"tenant_admin:{opts.app_label}_{opts.model_name}_moderate", args=[obj.pk, action.value]),
                MODERATION_ACTIONS[action][0],
            )
            for action in states.allowed_actions(self.transitions, obj.status, states.Actor.MODERATOR)
            if action in MODERATION_ACTIONS
        ]

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["moderation_buttons"] = self.moderation_buttons(request, obj)
        return super().render_change_form(request, context, add=add, change=change, form_url=form_url, obj=obj)


class HeldFilter(admin.SimpleListFilter):
    title = _("retenue automatiquement")
    parameter_name = "held"

    def lookups(self, request, model_admin):
        return [("yes", _("Oui")), ("no", _("Non"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.exclude(held_by="")
        if self.value() == "no":
            return queryset.filter(held_by="")
        return queryset


class StatusChangeInline(TenantTabularInline):
    model = StatusChange
    fk_name = "contribution"
    extra = 0
    can_delete = False
    fields = ("created_at", "from_status", "to_status", "reason", "actor_label")
    readonly_fields = fields
    view_permission = Perm.MODERATE
    edit_permission = Perm.MODERATE

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Contribution, site=tenant_admin_site)
class ContributionAdmin(ModeratedAdmin):
    moderate = staticmethod(moderate_contribution)
    transitions = states.CONTRIBUTION_TRANSITIONS
    list_display = ("title", "kind", "status", "attribution", "held_by", "report_count", "support_count", "created_at")
    list_filter = ("status", "kind", "phase", HeldFilter, "author_kind")
    search_fields = ("title", "body", "author_label")
    date_hierarchy = "created_at"
    readonly_fields = (
        "kind", "title", "body", "status", "phase", "author_kind", "author_label", "group", "entered_by_label",
        "moderation_reason", "moderated_at", "moderated_by_label", "held_by", "held_reason", "support_count",
        "report_count", "created_at", "published_at", "edited_at",
    )  # fmt: skip
    exclude = ("themes", "author_id", "entered_by_id", "content_digest")
    inlines = [StatusChangeInline]
    actions = ["approve", "reject", "hide", "restore", "requeue"]

    def get_queryset(self, request):
        return visible_contributions(admin_context(request), super().get_queryset(request))

    @admin.display(description=_("auteur·rice"))
    def attribution(self, obj):
        if obj.entered_by_label:
            return gettext("%(author)s (saisi par %(facilitator)s)") % {
                "author": obj.author_label,
                "facilitator": obj.entered_by_label,
            }
        return obj.author_label

    @admin.action(description=_("Remettre en modération les contributions choisies"), permissions=["moderate"])
    def requeue(self, request, queryset):
        return self._bulk_action(request, queryset, A.REQUEUE)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        may_respond = admin_principal(request).has(Perm.RESPOND)
        if obj is not None and may_respond and obj.status == ContributionStatus.PUBLISHED:
            context["respond_url"] = reverse("tenant_admin:feedback_response_add") + f"?contribution={obj.pk}"
        return super().render_change_form(request, context, add=add, change=change, form_url=form_url, obj=obj)


@admin.register(Comment, site=tenant_admin_site)
class CommentAdmin(ModeratedAdmin):
    moderate = staticmethod(moderate_comment)
    transitions = states.COMMENT_TRANSITIONS
    list_display = ("__str__", "contribution", "status", "author_label", "created_at")
    list_filter = ("status", "author_kind")
    search_fields = ("body",)
    readonly_fields = (
        "contribution",
        "body",
        "status",
        "author_kind",
        "author_label",
        "moderation_reason",
        "created_at",
    )
    exclude = ("author_id", "content_digest", "held_by", "published_at")

    def get_queryset(self, request):
        return visible_comments(admin_context(request), super().get_queryset(request))


# --- expression groups -------------------------------------------------------------------------


class ExpressionGroupForm(forms.ModelForm):
    class Meta:
        model = ExpressionGroup
        fields = ("name", "description", "is_active")

    def clean_name(self):
        try:
            return clean_group_name(self.cleaned_data.get("name"), exclude_pk=self.instance.pk)
        except ServiceError as exc:
            raise forms.ValidationError(exc.message) from None


class GroupMemberForm(forms.ModelForm):
    class Meta:
        model = GroupMember
        fields = ("user_id",)

    def clean_user_id(self):
        user_id = self.cleaned_data["user_id"]
        # The admin runs in the space's schema: its tenant is the request's.
        if not space_members(connection.tenant).filter(pk=user_id).exists():
            raise forms.ValidationError("Cette personne n'est pas membre de cet espace.")
        return user_id


class GroupMemberInline(TenantTabularInline):
    model = GroupMember
    form = GroupMemberForm
    extra = 0
    fields = ("user_id", "user_label")
    readonly_fields = ("user_label",)
    edit_permission = Perm.MODERATE

    def has_change_permission(self, request, obj=None):
        return False  # a member is added or removed, not turned into someone else


@admin.register(ExpressionGroup, site=tenant_admin_site)
class ExpressionGroupAdmin(TenantModelAdmin):
    form = ExpressionGroupForm
    edit_permission = Perm.MODERATE
    list_display = ("name", "is_active", "created_at")
    list_filter = ("is_active",)
    search_fields = ("name",)
    inlines = [GroupMemberInline]

    def has_delete_permission(self, request, obj=None):
        return False  # the contributions a group signed keep it: deactivate it instead

    def save_model(self, request, obj, form, change):
        data = {name: form.cleaned_data.get(name) for name in ExpressionGroupForm.Meta.fields}
        if change:
            update_group(admin_context(request), obj, data)
        else:
            # The admin goes on with ``obj`` (members inline, redirect): give it the new group's key.
            obj.pk = create_group(admin_context(request), data).pk

    def save_formset(self, request, form, formset, change):
        ctx = admin_context(request)
        formset.save(commit=False)
        for member in formset.deleted_objects:
            remove_group_member(ctx, member)
        for member in formset.new_objects:
            add_group_member(ctx, form.instance, space_members(ctx.tenant).get(pk=member.user_id))


# --- the programme's rules --------------------------------------------------------------------


class ParticipationSettingsForm(forms.ModelForm):
    class Meta:
        model = ParticipationSettings
        fields = SETTINGS_FIELDS

    def clean(self):
        cleaned = super().clean()
        try:
            check_settings(cleaned)
        except ServiceError as exc:
            for error in exc.errors:
                field = "moderation_mode" if error["field"] == "moderationMode" else error["field"]
                self.add_error(field, error["message"])
        return cleaned


@admin.register(ParticipationSettings, site=tenant_admin_site)
class ParticipationSettingsAdmin(TenantModelAdmin):
    form = ParticipationSettingsForm
    edit_permission = Perm.MANAGE_TENANT
    list_display = ("__str__", "moderation_mode", "allow_pseudonymous", "allow_anonymous", "edit_window_minutes")

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not ParticipationSettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        rules = update_settings(admin_context(request), {name: form.cleaned_data.get(name) for name in SETTINGS_FIELDS})
        obj.pk = rules.pk
