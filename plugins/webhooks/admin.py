"""Webhook subscriptions and their delivery log in a tenant's admin (space admins). Secrets are
never displayed; create subscriptions through GraphQL, which shows the secret once. Changes and
deletions go through the services, so they are journalled and emitted like the API's."""

from django.contrib import admin

from imedia_core.plugin_api import Perm, TenantModelAdmin, TenantTabularInline, admin_context, tenant_admin_site

from . import services
from .models import Delivery, DeliveryAttempt, Subscription


@admin.register(Subscription, site=tenant_admin_site)
class SubscriptionAdmin(TenantModelAdmin):
    view_permission = Perm.MANAGE_TENANT
    edit_permission = Perm.MANAGE_TENANT
    list_display = ("url", "description", "is_active", "consecutive_failures", "disabled_at", "created_at")
    list_filter = ("is_active",)
    search_fields = ("url", "description")
    fields = ("url", "events", "description", "is_active", "consecutive_failures", "disabled_at", "disabled_reason")
    readonly_fields = ("url", "events", "consecutive_failures", "disabled_at", "disabled_reason")

    def has_add_permission(self, request):
        return False

    def save_model(self, request, obj, form, change):
        data = {"description": obj.description, "is_active": obj.is_active}
        services.update_subscription(admin_context(request), obj, data)

    def delete_model(self, request, obj):
        services.delete_subscription(admin_context(request), obj)

    def delete_queryset(self, request, queryset):
        for subscription in queryset:
            services.delete_subscription(admin_context(request), subscription)


class DeliveryAttemptInline(TenantTabularInline):
    model = DeliveryAttempt
    view_permission = Perm.MANAGE_TENANT
    edit_permission = Perm.MANAGE_TENANT
    extra = 0
    can_delete = False
    fields = ("number", "started_at", "duration_ms", "status_code", "error", "response_body", "succeeded")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Delivery, site=tenant_admin_site)
class DeliveryAdmin(TenantModelAdmin):
    view_permission = Perm.MANAGE_TENANT
    edit_permission = Perm.MANAGE_TENANT
    list_display = ("created_at", "event_type", "subscription", "status", "attempts", "last_status_code")
    list_filter = ("status", "event_type")
    list_select_related = ("subscription",)
    readonly_fields = (
        "uuid",
        "subscription",
        "event",
        "event_type",
        "status",
        "attempts",
        "next_attempt_at",
        "last_status_code",
        "last_error",
        "delivered_at",
    )
    fields = readonly_fields
    inlines = [DeliveryAttemptInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False  # the delivery log is the record of what was sent (GraphQL deletes none either)
