"""The admin of one programme space, served at ``<tenant>/admin/``.

Sessions are shared across tenants (people live in the public schema), so the site checks on
every request that the signed-in person may use the admin *of this tenant*.
"""

from django.contrib import admin
from django.contrib.admin import AdminSite

from imedia_core.permissions import Perm, principal_for_user


class TenantAdminSite(AdminSite):
    site_header = "imedia — administration de l'espace"
    site_title = "imedia"
    index_title = "Contenus et réglages de l'espace"

    def has_permission(self, request):
        tenant = getattr(request, "tenant", None)
        user = request.user
        if tenant is None or not user.is_active or not user.is_authenticated:
            return False
        return principal_for_user(user, tenant).has(Perm.USE_ADMIN)

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
        return principal_for_user(request.user, request.tenant).has(perm)

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
