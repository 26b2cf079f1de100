"""The admin of one programme space, served at ``<tenant>/admin/``.

Sessions are shared across tenants (people live in the public schema), so the site checks on
every request that the signed-in person may use the admin *of this tenant*.
"""

from django.contrib import admin
from django.contrib.admin import AdminSite
from django.contrib.admin.forms import AdminAuthenticationForm
from django.core.exceptions import ValidationError

from imedia_core.context import Channel, ServiceContext
from imedia_core.permissions import Perm, principal_for_user
from tenants.auth.login import client_ip


def admin_principal(request):
    """The signed-in person's principal in this request's tenant, computed once per request:
    an admin page asks for permissions dozens of times (one role query each otherwise)."""
    cached = getattr(request, "_imedia_admin_principal", None)
    if cached is None or cached.user != request.user:
        cached = principal_for_user(request.user, request.tenant)
        request._imedia_admin_principal = cached
    return cached


def admin_context(request) -> ServiceContext:
    """The signed-in person as domain services see them: their role's rights, on the admin channel."""
    return ServiceContext.for_principal(admin_principal(request), Channel.ADMIN, ip=client_ip(request))


class TenantAdminLoginForm(AdminAuthenticationForm):
    """Lets in people whose role in this tenant allows the admin (Django's own form wants
    ``is_staff``, a platform-wide flag that says nothing about tenants)."""

    def confirm_login_allowed(self, user):
        if not user.is_active:
            raise ValidationError(self.error_messages["inactive"], code="inactive")
        tenant = getattr(self.request, "tenant", None)
        if tenant is None or not principal_for_user(user, tenant).has(Perm.USE_ADMIN):
            raise ValidationError(
                self.error_messages["invalid_login"], code="invalid_login", params={"username": "e-mail"}
            )


class TenantAdminSite(AdminSite):
    site_header = "imedia — administration de l'espace"
    site_title = "imedia"
    index_title = "Contenus et réglages de l'espace"
    login_form = TenantAdminLoginForm

    def has_permission(self, request):
        tenant = getattr(request, "tenant", None)
        user = request.user
        if tenant is None or not user.is_active or not user.is_authenticated:
            return False
        return admin_principal(request).has(Perm.USE_ADMIN)

    def each_context(self, request):
        context = super().each_context(request)
        tenant = getattr(request, "tenant", None)
        if tenant is not None:
            context["site_header"] = f"{tenant.name} — administration"
        return context


tenant_admin_site = TenantAdminSite(name="tenant_admin")


class TenantModelAdmin(admin.ModelAdmin):
    """Base for models edited in a tenant's admin: rights come from the tenant role, not from
    Django's global model permissions (which know nothing of tenants)."""

    view_permission = Perm.USE_ADMIN
    edit_permission = Perm.EDIT_CONTENT

    def _has(self, request, perm):
        return admin_principal(request).has(perm)

    def has_module_permission(self, request):
        return self._has(request, self.view_permission)

    def has_view_permission(self, request, obj=None):
        return self._has(request, self.view_permission)

    def has_add_permission(self, request):
        return self._has(request, self.edit_permission)

    def has_change_permission(self, request, obj=None):
        return self._has(request, self.edit_permission)

    def has_delete_permission(self, request, obj=None):
        return self._has(request, self.edit_permission)


class TenantInlineMixin:
    """Inlines whose rights follow the person's role in the tenant, like ``TenantModelAdmin``
    (Django's own checks ask for global model permissions, which tenant staff do not have)."""

    view_permission = Perm.USE_ADMIN
    edit_permission = Perm.EDIT_CONTENT

    def _has(self, request, perm):
        return admin_principal(request).has(perm)

    def has_view_permission(self, request, obj=None):
        return self._has(request, self.view_permission)

    def has_add_permission(self, request, obj=None):
        return self._has(request, self.edit_permission)

    def has_change_permission(self, request, obj=None):
        return self._has(request, self.edit_permission)

    def has_delete_permission(self, request, obj=None):
        return self._has(request, self.edit_permission)


class TenantTabularInline(TenantInlineMixin, admin.TabularInline):
    pass
