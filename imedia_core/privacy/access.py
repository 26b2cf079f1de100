"""The right of access: everything held about a person, in every space, as JSON and as a readable
French summary.

The register (``register.py``) says what to export: for each entry with a ``person`` field, the
rows whose ``person`` is the person's id, with the entry's ``fields``. Public-schema entries are
read once; tenant entries once per space the person reached (``spaces.py``). One query per
entry and space, whatever the number of rows; spaces are found in one query.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from django.apps import apps
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import ForeignKey
from django.template.loader import render_to_string
from django.utils import timezone
from django_tenants.utils import tenant_context

from .erasure import is_tenant_entry
from .register import PersonalData, full_register
from .spaces import spaces_of

# The account's hash of the password is never handed out, even to its owner.
NEVER_EXPORTED = {"password", "key_hash", "token_hash", "token", "session_data"}


@dataclass
class Section:
    key: str
    title: str
    what: str
    purpose: str
    retention: str
    columns: list[tuple[str, str]]  # (field, French label)
    rows: list[dict] = field(default_factory=list)

    @property
    def table(self) -> list[list]:
        """The rows as cells, in the columns' order (the summary's table)."""
        return [[row[column] for column, _ in self.columns] for row in self.rows]


@dataclass
class Space:
    slug: str
    name: str
    sections: list[Section]


@dataclass
class PersonalDataExport:
    generated_at: object
    person: dict
    platform: list[Section]
    spaces: list[Space]

    def as_json(self) -> dict:
        def sections(items):
            return {
                section.key: {
                    "title": section.title,
                    "purpose": section.purpose,
                    "retention": section.retention,
                    "rows": section.rows,
                }
                for section in items
            }

        return json.loads(
            json.dumps(
                {
                    "generatedAt": self.generated_at,
                    "person": self.person,
                    "platform": sections(self.platform),
                    "spaces": [
                        {"slug": space.slug, "name": space.name, "sections": sections(space.sections)}
                        for space in self.spaces
                    ],
                },
                cls=DjangoJSONEncoder,
            )
        )

    def summary_html(self) -> str:
        return render_to_string("privacy/summary.html", {"export": self})


def _columns(entry: PersonalData) -> list[tuple[str, str]]:
    model = apps.get_model(entry.model)
    columns = []
    for name in entry.fields:
        if name in NEVER_EXPORTED:
            continue
        model_field = model._meta.get_field(name)
        column = model_field.attname if isinstance(model_field, ForeignKey) else name
        columns.append((column, str(model_field.verbose_name)))
    return columns


def _section(entry: PersonalData, user_id: int) -> Section | None:
    if not entry.person:
        return None
    model = apps.get_model(entry.model)
    columns = _columns(entry)
    names = ["pk", *(column for column, _ in columns)]
    rows = list(model.objects.filter(**{entry.person: user_id}).order_by("pk").values(*names))
    return Section(
        key=entry.section,
        title=entry.title,
        what=entry.what,
        purpose=entry.purpose,
        retention=entry.retention.describe(),
        columns=columns,
        rows=rows,
    )


def export_person(user) -> PersonalDataExport:
    """Everything held about ``user``: public-schema entries, then each space they reached."""
    register = full_register()
    public = [entry for entry in register.personal if not is_tenant_entry(entry)]
    tenant = [entry for entry in register.personal if is_tenant_entry(entry)]
    platform = [section for entry in public if (section := _section(entry, user.pk)) is not None]
    spaces = []
    for space in spaces_of(user):
        with tenant_context(space):
            sections = [section for entry in tenant if (section := _section(entry, user.pk)) is not None]
        spaces.append(Space(slug=space.schema_name, name=space.name, sections=sections))
    person = {
        "id": user.pk,
        "email": user.email,
        "displayName": user.display_name,
        "dateJoined": user.date_joined,
        "lastLogin": user.last_login,
        "isActive": user.is_active,
    }
    return PersonalDataExport(generated_at=timezone.now(), person=person, platform=platform, spaces=spaces)
