"""Build described GraphQL enums from Python enums and Django choices."""

import enum

import graphene
from django.utils import translation

# Choice labels are translatable (the admin shows them in the reader's language); the API
# contract describes enum values by their French label whatever the request's language.
API_LABEL_LANGUAGE = "fr"


def api_label(text) -> str:
    """``text`` (a lazy translatable label or a str) as the schema shows it."""
    with translation.override(API_LABEL_LANGUAGE):
        return str(text)


def described_enum(name: str, source: type[enum.Enum], description: str, labels: dict | None = None):
    """A graphene Enum named ``name`` with ``source``'s members; each value is described by its
    Django label (TextChoices) or by ``labels[value]``."""
    labels = labels or {member.value: getattr(member, "label", member.value) for member in source}
    labels = {value: api_label(label) if label is not None else None for value, label in labels.items()}
    attrs = {member.name: member.value for member in source}
    attrs["Meta"] = type("Meta", (), {"description": description})
    attrs["description"] = property(lambda self: labels.get(self.value))
    return type(name, (graphene.Enum,), attrs)
