"""Build described GraphQL enums from Python enums and Django choices."""

import enum

import graphene


def described_enum(name: str, source: type[enum.Enum], description: str, labels: dict | None = None):
    """A graphene Enum named ``name`` with ``source``'s members; each value is described by its
    Django label (TextChoices) or by ``labels[value]``."""
    labels = labels or {member.value: getattr(member, "label", member.value) for member in source}
    attrs = {member.name: member.value for member in source}
    attrs["Meta"] = type("Meta", (), {"description": description})
    attrs["description"] = property(lambda self: labels.get(self.value))
    return type(name, (graphene.Enum,), attrs)
