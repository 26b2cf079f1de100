"""Pages and news in a tenant's admin. Every save, publication, archive, deletion and
restoration goes through ``services`` (sanitised, placed in the tree, recorded as a revision
and in the journal), exactly as over GraphQL."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from imedia_core.admin_site import TenantModelAdmin, admin_context, tenant_admin_site
from imedia_core.content.models import PublicationStatus
from imedia_core.content.revisions import revisions_of
from imedia_core.content.widgets import RICH_TEXT_HELP, label_subwidgets, rich_text
from imedia_core.errors import ServiceError

from . import services
from .models import NewsItem, Page

# Errors name fields as the APIs do; the forms use model names.
FORM_FIELDS = {"parentId": "parent", "publishAt": "publish_at"}


class PublicationFilter(admin.SimpleListFilter):
    title = "publication"
    parameter_name = "publication"

    def lookups(self, request, model_admin):
        return [
            ("draft", "Brouillon"),
            ("visible", "En ligne"),
            ("scheduled", "Programmé"),
            ("archived", "Archivé"),
        ]

    def queryset(self, request, queryset):
        now = timezone.now()
        value = self.value()
        if value == "visible":
            return queryset.visible(now)
        if value == "scheduled":
            return queryset.filter(status=PublicationStatus.PUBLISHED, publish_at__gt=now)
        if value in ("draft", "archived"):
            return queryset.filter(status=value)
        return queryset


class ServiceForm(forms.ModelForm):
    """Runs the service's own checks once the instance carries the new values, so what the
    service would refuse is shown on the form instead of failing on save."""

    check = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        label_subwidgets(self)

    def _post_clean(self):
        super()._post_clean()
        if self.errors:
            return
        try:
            type(self).check(self.instance)
        except ServiceError as exc:
            for error in exc.errors:
                field = FORM_FIELDS.get(error["field"], error["field"])
                self.add_error(field if field in self.fields else None, error["message"])


class PageForm(ServiceForm):
    check = staticmethod(services.check_page)

    class Meta:
        model = Page
        fields = ("title", "slug", "parent", "summary", "body", "status", "publish_at")
        help_texts = {"slug": "Laissez vide pour le tirer du titre.", "body": RICH_TEXT_HELP}
        widgets = {"body": rich_text()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slug"].required = False


class NewsItemForm(ServiceForm):
    check = staticmethod(services.check_news)

    class Meta:
        model = NewsItem
        fields = ("title", "slug", "summary", "body", "status", "publish_at")
        help_texts = {"slug": "Laissez vide pour le tirer du titre.", "body": RICH_TEXT_HELP}
        widgets = {"body": rich_text()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slug"].required = False


class EditorialAdmin(TenantModelAdmin):
    """Shared by pages and news: saves, actions, revision history and restoration."""

    list_filter = (PublicationFilter, "status")
    actions = ("publish_selected", "archive_selected")
    save_on_top = True
    # Set by subclasses: functions of ``services``.
    save_service = publish_service = archive_service = delete_service = restore_service = None

    def save_model(self, request, obj, form, change):
        type(self).save_service(admin_context(request), obj)

    def delete_model(self, request, obj):
        type(self).delete_service(admin_context(request), obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            type(self).delete_service(admin_context(request), obj)

    def _apply(self, request, queryset, service, done: str):
        count = 0
        ctx = admin_context(request)
        with transaction.atomic():
            for obj in queryset:
                service(ctx, obj)
                count += 1
        self.message_user(request, f"{count} {done}.", messages.SUCCESS)

    @admin.action(description="Publier la sélection")
    def publish_selected(self, request, queryset):
        self._apply(request, queryset, type(self).publish_service, "élément(s) publié(s)")

    @admin.action(description="Archiver la sélection")
    def archive_selected(self, request, queryset):
        self._apply(request, queryset, type(self).archive_service, "élément(s) archivé(s)")

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not self.has_change_permission(request):
            actions.pop("publish_selected", None)
            actions.pop("archive_selected", None)
        return actions

    # --- revisions --------------------------------------------------------------------------

    def _restore_url_name(self):
        return f"{self.opts.app_label}_{self.opts.model_name}_restore"

    def get_urls(self):
        urls = [
            path(
                "<path:object_id>/restore/<int:number>/",
                self.admin_site.admin_view(self.restore_view),
                name=self._restore_url_name(),
            )
        ]
        return urls + super().get_urls()

    @admin.display(description="Versions")
    def revision_history(self, obj):
        if obj is None or obj.pk is None:
            return "—"
        revisions = list(revisions_of(obj)[:50])
        if not revisions:
            return "—"
        rows = []
        for index, revision in enumerate(revisions):
            url = reverse(f"{self.admin_site.name}:{self._restore_url_name()}", args=[obj.pk, revision.number])
            action = "version actuelle" if index == 0 else format_html('<a href="{}">Restaurer</a>', url)
            when = timezone.localtime(revision.created_at).strftime("%d/%m/%Y %H:%M")
            rows.append((revision.number, when, revision.author_label or "—", revision.summary, action))
        body = format_html_join("", "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>", rows)
        return format_html(
            "<table><thead><tr><th>N°</th><th>Date</th><th>Par</th><th>Changement</th><th></th></tr></thead>"
            "<tbody>{}</tbody></table>",
            body,
        )

    def restore_view(self, request, object_id, number):
        obj = self.get_object(request, object_id)
        if obj is None:
            raise Http404("Introuvable.")
        if not self.has_change_permission(request, obj):
            raise PermissionDenied
        revision = revisions_of(obj).filter(number=number).first()
        if revision is None:
            raise Http404("Version introuvable.")
        change_url = reverse(
            f"{self.admin_site.name}:{self.opts.app_label}_{self.opts.model_name}_change", args=[obj.pk]
        )
        if request.method == "POST":
            try:
                with transaction.atomic():
                    type(self).restore_service(admin_context(request), obj, number)
            except ServiceError as exc:
                self.message_user(request, str(exc), messages.ERROR)
            else:
                self.message_user(request, f"Version {number} restaurée.", messages.SUCCESS)
            return HttpResponseRedirect(change_url)
        context = {
            **self.admin_site.each_context(request),
            "title": f"Restaurer la version {number}",
            "opts": self.opts,
            "object": obj,
            "revision": revision,
            "change_url": change_url,
        }
        return TemplateResponse(request, "admin/pages/restore_revision.html", context)


@admin.register(Page, site=tenant_admin_site)
class PageAdmin(EditorialAdmin):
    form = PageForm
    list_display = ("tree_title", "order", "path", "status", "publish_at", "updated_at")
    list_display_links = ("tree_title",)
    search_fields = ("title", "path", "summary")
    ordering = ("path", "position", "id")
    autocomplete_fields = ("parent",)
    readonly_fields = ("path", "published_at", "created_at", "updated_at", "revision_history")
    fieldsets = (
        (None, {"fields": ("title", "slug", "parent", "path")}),
        ("Contenu", {"fields": ("summary", "body")}),
        ("Publication", {"fields": ("status", "publish_at", "published_at")}),
        ("Historique", {"fields": ("revision_history", "created_at", "updated_at")}),
    )
    save_service = staticmethod(services.save_page)
    publish_service = staticmethod(services.publish_page)
    archive_service = staticmethod(services.archive_page)
    delete_service = staticmethod(services.delete_page)
    restore_service = staticmethod(services.restore_page_revision)

    @admin.display(description="Titre", ordering="path")
    def tree_title(self, obj):
        depth = obj.path.count("/")
        return format_html("{}{}", "— " * depth, obj.title)

    @admin.display(description=_("Ordre parmi ses voisines"))
    def order(self, obj):
        """Up / down buttons (posting the change list's form to ``move_view``): no typed position."""
        name = f"{self.admin_site.name}:pages_page_move"
        return format_html(
            '<button type="submit" class="button" formaction="{}" formnovalidate aria-label="{}">↑</button> '
            '<button type="submit" class="button" formaction="{}" formnovalidate aria-label="{}">↓</button>',
            reverse(name, args=[obj.pk, "up"]),
            gettext("Monter « %(title)s »") % {"title": obj.title},
            reverse(name, args=[obj.pk, "down"]),
            gettext("Descendre « %(title)s »") % {"title": obj.title},
        )

    def get_list_display(self, request):
        shown = super().get_list_display(request)
        return shown if self.has_change_permission(request) else [name for name in shown if name != "order"]

    def get_urls(self):
        move = path(
            "<int:object_id>/move/<str:direction>/", self.admin_site.admin_view(self.move_view), name="pages_page_move"
        )
        return [move, *super().get_urls()]

    def move_view(self, request, object_id, direction):
        """Swap a page with its previous or next sibling, through ``services.reorder_pages``."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        page = self.get_object(request, str(object_id))
        if page is None or direction not in ("up", "down"):
            raise Http404(gettext("Introuvable."))
        if not self.has_change_permission(request, page):
            raise PermissionDenied
        siblings = list(Page.objects.filter(parent_id=page.parent_id).order_by("position", "id"))
        index = siblings.index(page)
        other = index - 1 if direction == "up" else index + 1
        if 0 <= other < len(siblings):
            siblings[index], siblings[other] = siblings[other], siblings[index]
            with transaction.atomic():
                services.reorder_pages(admin_context(request), page.parent, siblings)
            self.message_user(request, gettext("Nouvel ordre enregistré."), messages.SUCCESS)
        else:
            self.message_user(request, gettext("Cette page ne peut pas aller plus loin."), messages.WARNING)
        return HttpResponseRedirect(reverse(f"{self.admin_site.name}:pages_page_changelist"))


@admin.register(NewsItem, site=tenant_admin_site)
class NewsItemAdmin(EditorialAdmin):
    form = NewsItemForm
    list_display = ("title", "slug", "status", "publish_at", "published_at")
    search_fields = ("title", "slug", "summary")
    readonly_fields = ("published_at", "created_at", "updated_at", "revision_history")
    fieldsets = (
        (None, {"fields": ("title", "slug")}),
        ("Contenu", {"fields": ("summary", "body")}),
        ("Publication", {"fields": ("status", "publish_at", "published_at")}),
        ("Historique", {"fields": ("revision_history", "created_at", "updated_at")}),
    )
    save_service = staticmethod(services.save_news)
    publish_service = staticmethod(services.publish_news)
    archive_service = staticmethod(services.archive_news)
    delete_service = staticmethod(services.delete_news)
    restore_service = staticmethod(services.restore_news_revision)

    def get_queryset(self, request):
        return services.news_by_date(super().get_queryset(request))
