"""The commons in the *platform* admin (public schema): platform staff can review what
programmes shared and withdraw a practice (e.g. personal data found after publication). Nothing
is registered in the tenant admin: a programme shares and withdraws through its own API, and
its staff see the commons there."""

from django.contrib import admin, messages
from django.db.models import Count
from django_tenants.utils import tenant_context

from imedia_core.context import Channel, ServiceContext

from . import services
from .models import Practice, PracticeStatus


@admin.register(Practice)
class PracticeAdmin(admin.ModelAdmin):
    list_display = ("title", "source_programme", "policy_area", "source_kind", "status", "shared_at", "adaptations")
    list_filter = ("status", "policy_area", "source_kind", "licence")
    search_fields = ("title", "summary", "source_programme")
    actions = ["withdraw"]
    exclude = ("shared_by",)

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(n_adaptations=Count("adaptations"))

    @admin.display(description="adaptations", ordering="n_adaptations")
    def adaptations(self, obj):
        return obj.n_adaptations

    def has_add_permission(self, request):
        return False  # a practice is shared by its programme, with its consent

    def has_change_permission(self, request, obj=None):
        return False  # a snapshot: read only

    def has_delete_permission(self, request, obj=None):
        return False  # withdraw instead: adaptations and the programmes' journals refer to it

    @admin.action(description="Retirer des communs les pratiques sélectionnées")
    def withdraw(self, request, queryset):
        done = 0
        for practice in queryset.filter(status=PracticeStatus.PUBLISHED).select_related("source_tenant"):
            # The platform acts for the programme that shared it: the audit entry and the event
            # belong to that programme.
            ctx = ServiceContext.system(Channel.ADMIN, actor=request.user, tenant=practice.source_tenant)
            with tenant_context(practice.source_tenant):
                services.unpublish_practice(ctx, practice)
            done += 1
        self.message_user(request, f"{done} pratique(s) retirée(s) des communs.", messages.SUCCESS)
