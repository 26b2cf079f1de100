"""The admin of one programme space, served at ``<tenant>/admin/``.

Sessions are shared across tenants (people live in the public schema), so the site checks on
every request that the signed-in person may use the admin *of this tenant*.
"""

from django.contrib import admin, messages
from django.contrib.admin import AdminSite
from django.contrib.admin.forms import AdminAuthenticationForm
from django.core.exceptions import ValidationError
from django.db import connection
from django.http import HttpResponseRedirect
from django.urls import NoReverseMatch, path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.i18n import JavaScriptCatalog

from imedia_core.context import Channel, ServiceContext
from imedia_core.errors import ServiceError
from imedia_core.permissions import Perm, principal_for_user
from tenants.auth.login import client_ip
from tenants.site_links import content_type, public_url, site_root


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


# The tenant admin's index, in the order the method runs: (title, entries), an entry being an
# app label (all its models) or ``app_label.model_name``; a section naming the model wins over
# one naming its app. Pages registered with ``register_view`` join the section of the same title. Models no
# section names (a plugin's) follow in a section of their own, after these.
INDEX_SECTIONS = (
    (_("Cycle"), ("cycle",)),
    (_("Ressources"), ("library", "pages", "commons")),
    (_("Participation"), ("participation.contribution", "participation.comment", "participation")),
    (_("Réponses et engagements"), ("feedback",)),
    (_("Parcours guidé"), ("guidance",)),
    (_("Autodiagnostics"), ("diagnostics",)),
    (_("Évaluation"), ("evaluation",)),
    (_("Réglages"), ("participation.participationsettings", "tenants", "audit", "events", "content")),
)


def _section_of(app_label: str, model_name: str | None) -> int | None:
    """Index in ``INDEX_SECTIONS`` of the section naming this model, else its app; None if none."""
    for key in (f"{app_label}.{model_name}" if model_name else None, app_label):
        for number, (_title, entries) in enumerate(INDEX_SECTIONS):
            if key in entries:
                return number
    return None


def order_app_list(app_list: list[dict]) -> list[dict]:
    """Django's app list (one group per app, alphabetical) regrouped into ``INDEX_SECTIONS``,
    models in the order the sections name them; other groups (plugins) follow, in their order."""
    sections: list[dict | None] = [None] * len(INDEX_SECTIONS)
    others: list[dict] = []
    by_title = {str(title): number for number, (title, _entries) in enumerate(INDEX_SECTIONS)}
    for app in app_list:
        for model in app["models"]:
            meta = model["model"]._meta if model.get("model") is not None else None
            number = _section_of(app["app_label"], meta.model_name if meta else None)
            if number is None:
                number = by_title.get(str(app["name"]))
            if number is None:
                group = next((g for g in others if g["app_label"] == app["app_label"]), None)
                if group is None:
                    group = {**app, "models": []}
                    others.append(group)
                group["models"].append(model)
                continue
            if sections[number] is None:
                sections[number] = {**app, "name": INDEX_SECTIONS[number][0], "models": []}
            sections[number]["models"].append(model)
    for number, group in enumerate(sections):
        if group is None:
            continue
        entries = INDEX_SECTIONS[number][1]

        def rank(model, entries=entries):
            meta = model["model"]._meta if model.get("model") is not None else None
            keys = [f"{meta.app_label}.{meta.model_name}", meta.app_label] if meta else []
            return min((entries.index(k) for k in keys if k in entries), default=len(entries))

        group["models"].sort(key=rank)  # stable: Django's order inside an app is kept
    return [group for group in sections if group is not None] + others


class TenantAdminSite(AdminSite):
    site_header = _("imedia — administration de l'espace")
    site_title = _("imedia — administration de l'espace")
    index_title = _("Contenus et réglages de l'espace")
    login_form = TenantAdminLoginForm
    # « Voir le site » only when the space gave its public site's address (``each_context``):
    # no link rather than one that leads to a 404.
    site_url = None

    def i18n_javascript(self, request, extra_context=None):
        """The admin's JavaScript catalogue, with the rich-text editor's (its buttons in French)."""
        return JavaScriptCatalog.as_view(packages=["django.contrib.admin", "django_prose_editor"])(request)

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
            title = gettext("imedia — %(space)s") % {"space": tenant.name}
            context["site_header"] = title
            context["site_title"] = title
            context["site_url"] = site_root(tenant)
        return context

    # --- pages that are not a model's (a domain's ``admin`` module registers them) ------------

    def register_view(self, route, view, *, name, section, label, permission):
        """Serve ``view`` at ``<admin>/<route>`` (behind the admin's sign-in) and list it in the
        index under ``section`` for people holding ``permission``; the view checks it too.
        ``section=None``: a page reached by links only (its route may take arguments)."""
        if not hasattr(self, "_extra_views"):
            self._extra_views = []
        self._extra_views.append((route, view, name, section, label, permission))

    def get_urls(self):
        extra = [
            path(route, self.admin_view(view), name=name) for route, view, name, *_ in getattr(self, "_extra_views", [])
        ]
        return extra + super().get_urls()

    def get_app_list(self, request, app_label=None):
        app_list = super().get_app_list(request, app_label)
        if app_label is not None:
            return app_list
        for route, _view, name, section, label, permission in getattr(self, "_extra_views", []):
            if section is not None and admin_principal(request).has(permission):
                url = reverse(f"{self.name}:{name}")
                app_list.append(
                    {
                        "name": section,
                        "app_label": route.split("/")[0],
                        "app_url": url,
                        "has_module_perms": True,
                        "models": [
                            {"name": label, "object_name": name, "admin_url": url, "view_only": True, "perms": {}}
                        ],
                    }
                )
        return order_app_list(app_list)


tenant_admin_site = TenantAdminSite(name="tenant_admin")

# The platform admin (Django's default site, tenants/admin.py) has no public site either: its
# "Voir le site" led to "/", a 404 on the platform host.
admin.site.site_url = None


class Nobody:
    """A right no role holds: the API offers no such operation, so the admin does not either."""

    def __repr__(self):
        return "NOBODY"


NOBODY = Nobody()


class TenantRights:
    """Rights that follow the person's role in this tenant, declared per admin as Perms, the ones
    the GraphQL operations on the same rows require (``tests/admin/test_permission_parity.py``
    compares both for every role and model):

    - ``view_permission``: see the list and the pages (also the app in the index);
    - ``edit_permission``: add, change and delete, unless one of them is declared apart;
    - ``add_permission``, ``change_permission``, ``delete_permission``: a Perm, or ``NOBODY`` when
      the API has no such operation (no hard delete of contributions, cycles, diagnostics...).
    """

    view_permission = Perm.USE_ADMIN
    edit_permission = Perm.EDIT_CONTENT
    add_permission = None  # None: follows edit_permission
    change_permission = None
    delete_permission = None

    def _has(self, request, perm):
        if perm is None or perm is NOBODY:
            return False
        return admin_principal(request).has(perm)

    def _right(self, name):
        perm = getattr(self, f"{name}_permission")
        return self.edit_permission if perm is None else perm

    def has_view_permission(self, request, obj=None):
        return self._has(request, self.view_permission)

    def has_change_permission(self, request, obj=None):
        return self._has(request, self._right("change"))

    def has_delete_permission(self, request, obj=None):
        return self._has(request, self._right("delete"))


class TenantModelAdmin(TenantRights, admin.ModelAdmin):
    """Base for models edited in a tenant's admin: rights come from the tenant role (see
    ``TenantRights``), not from Django's global model permissions (which know nothing of tenants)."""

    def has_module_permission(self, request):
        return self._has(request, self.view_permission)

    def has_add_permission(self, request):
        return self._has(request, self._right("add"))

    def view_on_site(self, obj):
        """« Voir sur le site »: the page on the space's public site when it gave its address
        pattern, else the admin's own preview; no link for models without a public page."""
        kind = content_type(obj)
        if kind is None or obj.pk is None:
            return None
        tenant = getattr(connection, "tenant", None)
        url = public_url(tenant, obj) if tenant is not None else None
        if url:
            return url
        try:
            return reverse(f"{tenant_admin_site.name}:content_preview", args=[kind, obj.pk])
        except NoReverseMatch:
            return None


class TenantInlineMixin(TenantRights):
    """Inlines whose rights follow the person's role in the tenant, like ``TenantModelAdmin``
    (Django's own checks ask for global model permissions, which tenant staff do not have)."""

    def has_add_permission(self, request, obj=None):
        return self._has(request, self._right("add"))


class TenantTabularInline(TenantInlineMixin, admin.TabularInline):
    pass


class ServiceErrorsAsMessages:
    """A ``ServiceError`` that the form could not foresee (a race, a rule only the service knows),
    raised while saving, rolls the page's transaction back (nothing is changed) and comes back as
    error messages on the same page."""

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except ServiceError as exc:
            for error in exc.errors:
                self.message_user(request, error["message"], messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())
