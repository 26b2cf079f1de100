"""Participation in a tenant's admin: a moderation-friendly list of contributions (pending and held
first, filters by status, kind, author and hold), bulk approve / requeue, the moderation history
inline, comments, expression groups and their members, and the programme's rules.

Every change goes through the domain's services, as from the API: the same rules, the same audit
entries and events. Lists show what the person may see (``visibility``). Decisions that need a
reason (reject, hide) are taken with ``contributionModerate`` in the moderation interface; the
admin offers the reason-free ones in bulk. Nothing is deleted here: contributions and comments
are rejected or hidden (their history and the answers linked to them stay), groups deactivated.
"""

from django import forms
from django.contrib import admin, messages
from django.db import connection
from django.db.models import Case, IntegerField, Value, When

from imedia_core.admin_site import TenantModelAdmin, TenantTabularInline, admin_context, tenant_admin_site
from imedia_core.errors import ServiceError
from imedia_core.permissions import Perm

from .comments import moderate_comment
from .contributions import moderate_contribution
from .groups import add_group_member, clean_group_name, create_group, remove_group_member, space_members, update_group
from .models import Comment, Contribution, ExpressionGroup, GroupMember, ParticipationSettings, StatusChange
from .settings import FIELDS as SETTINGS_FIELDS
from .settings import check_settings, update_settings
from .visibility import visible_comments, visible_contributions


def _bulk(modeladmin, request, queryset, action, moderate):
    ctx = admin_context(request)
    done, refused = 0, 0
    for obj in queryset:
        try:
            moderate(ctx, obj, action)
            done += 1
        except ServiceError:
            refused += 1
    if done:
        modeladmin.message_user(request, f"{done} élément(s) traité(s).", messages.SUCCESS)
    if refused:
        modeladmin.message_user(
            request, f"{refused} élément(s) ignoré(s) : action impossible dans leur état.", messages.WARNING
        )


class HeldFilter(admin.SimpleListFilter):
    title = "retenue automatiquement"
    parameter_name = "held"

    def lookups(self, request, model_admin):
        return [("yes", "Oui"), ("no", "Non")]

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
    edit_permission = Perm.MODERATE

    def has_add_permission(self, request, obj=None):
        return False


class ModeratedAdmin(TenantModelAdmin):
    """Contributions and comments: written by people through the API, moderated here, never deleted."""

    edit_permission = Perm.MODERATE

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Contribution, site=tenant_admin_site)
class ContributionAdmin(ModeratedAdmin):
    list_display = ("title", "kind", "status", "attribution", "held_by", "report_count", "support_count", "created_at")
    list_filter = ("status", "kind", "author_kind", HeldFilter, "phase")
    search_fields = ("title", "body", "author_label")
    date_hierarchy = "created_at"
    readonly_fields = (
        "kind", "title", "body", "status", "phase", "author_kind", "author_label", "group", "entered_by_label",
        "moderation_reason", "moderated_at", "moderated_by_label", "held_by", "held_reason", "support_count",
        "report_count", "created_at", "published_at", "edited_at",
    )  # fmt: skip
    exclude = ("themes", "author_id", "entered_by_id", "content_digest")
    inlines = [StatusChangeInline]
    actions = ["approve", "requeue"]

    def get_queryset(self, request):
        # The queue first: pending (held ones on top), then the rest, newest first.
        return (
            visible_contributions(admin_context(request), super().get_queryset(request))
            .annotate(
                queue_rank=Case(
                    When(status="pending", held_by__gt="", then=Value(0)),
                    When(status="pending", then=Value(1)),
                    default=Value(2),
                    output_field=IntegerField(),
                )
            )
            .order_by("queue_rank", "-created_at")
        )

    @admin.display(description="auteur·rice")
    def attribution(self, obj):
        if obj.entered_by_label:
            return f"{obj.author_label} (saisi par {obj.entered_by_label})"
        return obj.author_label

    @admin.action(description="Valider (publier) les contributions choisies")
    def approve(self, request, queryset):
        _bulk(self, request, queryset, "approve", moderate_contribution)

    @admin.action(description="Remettre en modération les contributions choisies")
    def requeue(self, request, queryset):
        _bulk(self, request, queryset, "requeue", moderate_contribution)


@admin.register(Comment, site=tenant_admin_site)
class CommentAdmin(ModeratedAdmin):
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
    actions = ["approve"]

    def get_queryset(self, request):
        return visible_comments(admin_context(request), super().get_queryset(request))

    @admin.action(description="Valider (publier) les commentaires choisis")
    def approve(self, request, queryset):
        _bulk(self, request, queryset, "approve", moderate_comment)


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
