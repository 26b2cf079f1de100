"""Participation in a tenant's admin: a moderation-friendly list of contributions (pending and held
first, filters by status, kind, author and hold), bulk approve / requeue through the services,
the moderation history inline, comments, expression groups and the programme's rules.

Decisions that need a reason (reject, hide) are taken with ``contributionModerate`` in the
moderation interface; the admin offers the reason-free ones in bulk.
"""

from django.contrib import admin, messages
from django.db.models import Case, IntegerField, Value, When

from imedia_core.admin_site import TenantModelAdmin, TenantTabularInline, admin_principal, tenant_admin_site
from imedia_core.errors import ServiceError
from imedia_core.permissions import Perm

from . import services
from .models import Comment, Contribution, ExpressionGroup, GroupMember, ParticipationSettings, StatusChange


def _who(request):
    return services.Participant.from_principal(admin_principal(request), via="admin")


def _bulk(modeladmin, request, queryset, action, moderate):
    done, refused = 0, 0
    for obj in queryset:
        try:
            moderate(obj, action, _who(request))
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


@admin.register(Contribution, site=tenant_admin_site)
class ContributionAdmin(TenantModelAdmin):
    edit_permission = Perm.MODERATE
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
            super()
            .get_queryset(request)
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

    def has_add_permission(self, request):
        return False  # contributions come from people (or facilitators), through the API

    @admin.display(description="auteur·rice")
    def attribution(self, obj):
        if obj.entered_by_label:
            return f"{obj.author_label} (saisi par {obj.entered_by_label})"
        return obj.author_label

    @admin.action(description="Valider (publier) les contributions choisies")
    def approve(self, request, queryset):
        _bulk(self, request, queryset, "approve", services.moderate_contribution)

    @admin.action(description="Remettre en modération les contributions choisies")
    def requeue(self, request, queryset):
        _bulk(self, request, queryset, "requeue", services.moderate_contribution)


@admin.register(Comment, site=tenant_admin_site)
class CommentAdmin(TenantModelAdmin):
    edit_permission = Perm.MODERATE
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

    def has_add_permission(self, request):
        return False

    @admin.action(description="Valider (publier) les commentaires choisis")
    def approve(self, request, queryset):
        _bulk(self, request, queryset, "approve", services.moderate_comment)


class GroupMemberInline(TenantTabularInline):
    model = GroupMember
    extra = 0
    fields = ("user_id", "user_label")
    edit_permission = Perm.MODERATE


@admin.register(ExpressionGroup, site=tenant_admin_site)
class ExpressionGroupAdmin(TenantModelAdmin):
    edit_permission = Perm.MODERATE
    list_display = ("name", "is_active", "created_at")
    list_filter = ("is_active",)
    search_fields = ("name",)
    inlines = [GroupMemberInline]


@admin.register(ParticipationSettings, site=tenant_admin_site)
class ParticipationSettingsAdmin(TenantModelAdmin):
    edit_permission = Perm.MANAGE_TENANT
    list_display = ("__str__", "moderation_mode", "allow_pseudonymous", "allow_anonymous", "edit_window_minutes")

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not ParticipationSettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False
