"""The platform admin's doors to the rights of access and erasure: two actions on people, for a
DPO answering a written request (docs/privacy.md).

``tenants.admin.UserAdmin`` is extended, not copied: this module replaces its registration with
a subclass that adds the actions, so whatever the people page gains elsewhere stays.
"""

import io
import json
import zipfile

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from imedia_core.context import Channel, ServiceContext
from imedia_core.errors import ServiceError
from tenants.admin import UserAdmin
from tenants.models import User

from .access import export_person
from .erasure import erase_person


def archive_of(user) -> bytes:
    """The export of ``user`` as a ZIP: ``donnees.json`` (machine-readable), ``resume.html`` (French)."""
    export = export_person(user)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "donnees.json", json.dumps(export.as_json(), cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
        )
        archive.writestr("resume.html", export.summary_html())
    return buffer.getvalue()


class PrivacyUserAdmin(UserAdmin):
    actions = [*(getattr(UserAdmin, "actions", None) or []), "export_personal_data", "erase_personal_data"]

    @admin.action(description=_("Exporter ses données personnelles (droit d'accès)"))
    def export_personal_data(self, request, queryset):
        if not request.user.is_superuser:
            raise PermissionDenied
        people = list(queryset[:2])
        if len(people) != 1:
            self.message_user(request, _("Choisissez une seule personne à la fois."), messages.WARNING)
            return None
        person = people[0]
        response = HttpResponse(archive_of(person), content_type="application/zip")
        stamp = timezone.localtime().strftime("%Y%m%d")
        response["Content-Disposition"] = f'attachment; filename="donnees-personnelles-{person.pk}-{stamp}.zip"'
        return response

    @admin.action(description=_("Effacer ses données et son compte (droit à l'effacement)"))
    def erase_personal_data(self, request, queryset):
        if not request.user.is_superuser:
            raise PermissionDenied
        people = list(queryset.order_by("email"))
        if request.POST.get("confirm") != "1":
            return TemplateResponse(
                request,
                "admin/privacy/erase_confirm.html",
                {
                    **self.admin_site.each_context(request),
                    "opts": self.opts,
                    "title": _("Effacer des données personnelles"),
                    "people": people,
                    "action": "erase_personal_data",
                },
            )
        erased = 0
        ctx = ServiceContext.system(Channel.ADMIN, actor=request.user)
        for person in people:
            try:
                erase_person(ctx, person)
            except ServiceError as exc:
                self.message_user(request, exc.errors[0]["message"], messages.ERROR)
            else:
                erased += 1
        if erased:
            self.message_user(request, _("%(n)s personne(s) effacée(s).") % {"n": erased}, messages.SUCCESS)
        return None


admin.site.unregister(User)
admin.site.register(User, PrivacyUserAdmin)
